package org.plumbline.signals.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.core.domain.ValidationException;

/** An uploaded gzip is expanded (and counted) before DuckDB sees it, so a small bomb cannot become a huge CSV. */
class UploadsTest {
    @TempDir Path dir;

    /** A gzip'd CSV header followed by {@code zeros} zero bytes: a few KB that expand to {@code zeros}. */
    static byte[] gzipOfZeros(long zeros) throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz, 1 << 16)) {
            out.write("BilledCost,ChargePeriodStart\n".getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[1 << 20];
            for (long left = zeros; left > 0; left -= block.length) out.write(block, 0, (int) Math.min(left, block.length));
        }
        return gz.toByteArray();
    }

    @Test
    void aGzipExpandingPastTheLimitIsRefusedNamingItAndLeavesNothing() throws Exception {
        byte[] bomb = gzipOfZeros(8L << 20); // 8 MiB of zeros, about 8 KB of gzip
        Uploads uploads = new Uploads(dir.resolve("uploads"), 4L << 20);
        assertThatThrownBy(() -> uploads.receive(new ByteArrayInputStream(bomb)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("file")
                .hasMessageContaining("4 MiB");
        try (var left = Files.list(dir.resolve("uploads"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aGzipWithinTheLimitAndACutOneAreLeftToIngestion() throws Exception {
        Uploads uploads = new Uploads(dir.resolve("uploads"), 4L << 20);
        byte[] small = gzipOfZeros(1L << 20);
        Uploads.Received r = uploads.receive(new ByteArrayInputStream(small));
        assertThat(r.format()).isEqualTo("csv.gz");
        assertThat(r.size()).isEqualTo(small.length);

        // A stream cut short is DuckDB's to describe (line and column), not refused here as a bomb.
        byte[] cut = java.util.Arrays.copyOf(gzipOfZeros(8L << 20), 2000);
        assertThat(uploads.receive(new ByteArrayInputStream(cut)).format()).isEqualTo("csv.gz");
    }
}
