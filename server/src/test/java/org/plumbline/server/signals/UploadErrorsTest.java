package org.plumbline.server.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.plumbline.server.Api;
import org.plumbline.server.auth.Role;

/** A rejected upload is described in the uploader's terms: their file's name, line and column, never our paths or DuckDB's internals. */
class UploadErrorsTest {
    private static void assertInUploadersTerms(String name, HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        String message = Api.parse(r).json().at("/fields/file").asText();
        assertThat(message).startsWith(name);
        assertThat(message).as(message)
                .doesNotContain("/", "\\", "uploads", "test-data", "Error:", "DuckDB", "duckdb")
                .doesNotContainPattern("[0-9a-f]{64}");
        assertThat(r.body()).doesNotContain("uploads/");
    }

    @Test
    void aFileDuckDbCannotReadIsNamedAsTheUploaderNamedIt() throws Exception {
        // Parquet's magic and nothing of a Parquet file: DuckDB's own error names the kept path.
        assertInUploadersTerms("broken.parquet", UsageSignalsTest.upload(Role.REVIEWER, "broken.parquet",
                "PAR1 this is not parquet PAR1".getBytes(StandardCharsets.US_ASCII)));

        // A gzip stream cut short.
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("BilledCost,ChargePeriodStart\n".repeat(2000).getBytes(StandardCharsets.US_ASCII));
        }
        byte[] cut = java.util.Arrays.copyOf(gz.toByteArray(), gz.size() / 2);
        assertInUploadersTerms("cut.csv.gz", UsageSignalsTest.upload(Role.REVIEWER, "cut.csv.gz", cut));

        // Binary noise as CSV.
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        noise[0] = 'x';
        assertInUploadersTerms("noise.csv", UsageSignalsTest.upload(Role.REVIEWER, "noise.csv", noise));
    }
}
