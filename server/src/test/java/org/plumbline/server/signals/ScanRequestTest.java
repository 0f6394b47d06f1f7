package org.plumbline.server.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;

/** Scan now: what the request may carry, and who may read what a scan leaves on disk. */
class ScanRequestTest {
    @Test
    void aScanRequestWithUnknownFieldsIsRefused() {
        Api.Answer bad = Api.post(Role.REVIEWER, "/api/signals/scans", "{\"since\":\"2020-01-01\"}");
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.json().at("/fields/since").asText()).isEqualTo("unknown field");
    }

    @Test
    void theSignalsDatabaseAndReportAreTheServersAlone() throws Exception {
        Api.Answer scan = Api.post(Role.REVIEWER, "/api/signals/scans", "");
        assertThat(scan.status()).as(scan.body()).isEqualTo(200);
        Path dir = Path.of("target", "test-data", "signals");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        for (String file : new String[] {"signals.duckdb", "last-scan.json", "last-scan"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file)))).as(file)
                    .isEqualTo("rw-------");
        }
    }
}
