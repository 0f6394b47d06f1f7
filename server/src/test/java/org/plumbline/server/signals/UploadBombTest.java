package org.plumbline.server.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.plumbline.server.Api;
import org.plumbline.server.auth.Role;

/** A gzip upload that would expand past 1 GiB is refused with 400 before DuckDB reads any of it. */
class UploadBombTest {
    @Test
    void aGzipExpandingPastOneGibibyteIsRefusedFast() throws Exception {
        // gzip allows members back to back; 17 of 64 MiB of zeros make 1088 MiB from about 1 MB, built in
        // well under a second (the bomb as reported was 4.9 MB expanding to 1 GB, accepted after 74 s).
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(member, 1 << 16)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) out.write(zeros);
        }
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        for (int i = 0; i < 17; i++) member.writeTo(bomb);
        assertThat(bomb.size()).isLessThan(2 << 20);

        long start = System.nanoTime();
        HttpResponse<String> r = UsageSignalsTest.upload(Role.REVIEWER, "bomb.csv.gz", bomb.toByteArray());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(Api.parse(r).json().at("/fields/file").asText()).contains("1 GiB");
        assertThat(took).as("refused in %s", took).isLessThan(Duration.ofSeconds(20));
    }
}
