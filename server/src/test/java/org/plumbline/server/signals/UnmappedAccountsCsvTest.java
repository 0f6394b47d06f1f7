package org.plumbline.server.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;
import org.plumbline.signals.FocusGenerator;

/** {@code /unmapped-accounts.csv}: the unmapped accounts with the list's search, every match, for the roles that read usage. */
class UnmappedAccountsCsvTest {
    @TempDir
    Path dir;

    @Test
    void theUnmappedAccountsExportHoldsEveryMatchAndOnlyForThoseWhoReadUsage() throws Exception {
        FocusGenerator.Result g = new FocusGenerator(FocusGenerator.Options.of(dir, 5, 1, 4243, "csv")).generate();
        String account = "csv-unmapped-" + Api.unique();
        byte[] csv = Files.readString(g.usageFiles().get(0)).replace("sub-0001", account).getBytes(StandardCharsets.UTF_8);
        var up = UsageSignalsTest.upload(Role.REVIEWER, "csv-unmapped.csv", csv);
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);

        HttpResponse<String> all = TestServer.get("/unmapped-accounts.csv", Role.AUDITOR);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Disposition").orElse("")).contains("unmapped-accounts.csv");
        List<String> lines = all.body().lines().toList();
        assertThat(lines.get(0)).startsWith("account,billing account,days seen");
        int unmapped = TestServer.get().signals().latest().orElseThrow().unmapped().size();
        assertThat(lines).hasSize(unmapped + 1);
        String mine = lines.stream().filter(l -> l.startsWith(account + ",")).findFirst().orElseThrow();
        assertThat(mine).contains("speech_to_text_hours=").contains(",5,");

        HttpResponse<String> narrowed = TestServer.get("/unmapped-accounts.csv?uq=" + account, Role.REVIEWER);
        assertThat(narrowed.body().lines().skip(1).toList()).hasSize(1).allSatisfy(l -> assertThat(l).startsWith(account + ","));
        assertThat(TestServer.get("/unmapped-accounts.csv?uq=%07", Role.REVIEWER).statusCode()).isEqualTo(400);

        // An outside investigator sees only their cases, never the provider's other accounts.
        assertThat(TestServer.get("/unmapped-accounts.csv", Role.EXTERNAL_INVESTIGATOR).statusCode()).isEqualTo(403);
        assertThat(TestServer.get("/unmapped-accounts.csv", Role.PUBLIC).body()).doesNotContain(account);
    }
}
