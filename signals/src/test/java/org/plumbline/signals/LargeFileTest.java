package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV file larger than DuckDB's memory limit ingests (DuckDB streams it and spills the
 * aggregate if it must), and the Java heap does not grow with the file: rows never pass through Java.
 * The 2 GB case is run by {@code plumbline bench signals --format csv} (docs/PERFORMANCE.md); this test
 * keeps to a size that runs in seconds.
 */
class LargeFileTest {
    @TempDir Path dir;

    @Test
    void fileLargerThanTheMemoryLimitIngestsWithBoundedMemory() throws Exception {
        Path file = dir.resolve("large.csv");
        ScaledUsage.write(file, 250_000, "csv", dir, "256MB", false);
        long size = Files.size(file);
        assertThat(size).isGreaterThan(3L * 64 * 1024 * 1024).isGreaterThan(128L * 1024 * 1024);

        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
        long heapBefore = heapUsed();
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory()
                .withMemoryLimit("128MB", dir.resolve("spill")))) {
            IngestReport r = engine.ingest(List.of(file.toString()), Progress.NONE);
            assertThat(r.rowsIngested()).isEqualTo(250_000);
            assertThat(engine.profiledRows()).isEqualTo(250_000);
        }
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        }
        // Generous bound, far below the file's size: the heap holds only classification of distinct meters.
        assertThat(peak - heapBefore).isLessThan(size / 4);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
