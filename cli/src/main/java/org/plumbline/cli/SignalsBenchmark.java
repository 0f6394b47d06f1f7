package org.plumbline.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.plumbline.signals.ConsoleProgress;
import org.plumbline.signals.Declarations;
import org.plumbline.signals.IngestReport;
import org.plumbline.signals.Progress;
import org.plumbline.signals.ScaledUsage;
import org.plumbline.signals.ScanResult;
import org.plumbline.signals.SignalsEngine;

/**
 * The signals benchmark behind {@code plumbline bench signals}: writes N rows of FOCUS 1.3 (Parquet, or
 * CSV to test big text files), then times in one run
 * <ol>
 *   <li>the reference: DuckDB's own aggregate scan of the file (cost and quantity per account, service
 *       category and day), in a fresh connection with the same memory limit; and</li>
 *   <li>Plumbline's whole pipeline: SHA-256 of the file, ingestion with validation into the profile, and a
 *       scan with every shipped rule.</li>
 * </ol>
 *
 * <p>Data: {@link ScaledUsage}. Lives beside the command, not in the signals module: timing is a tool's
 * concern, not the domain's.
 */
final class SignalsBenchmark {
    /**
     * What one benchmark run does.
     *
     * @param memoryLimit DuckDB memory limit for both the reference and the pipeline, e.g. "2GB"
     * @param reuse keep an existing file of the same name instead of writing it again (it must come from here)
     */
    record Options(long rows, Path directory, String format, String memoryLimit, boolean keep, int repeat,
                          boolean reuse, org.plumbline.signals.FocusGenerator.Style style) {}

    /**
     * Seconds and peaks of one measured phase. {@code cpuSeconds} is the CPU time of the whole process
     * (every DuckDB and Java thread) during the phase: on a machine shared with other jobs it varies far
     * less than wall time, so it is what tells whether a change made the work smaller.
     */
    record Phase(String name, double seconds, double cpuSeconds, long rows, long peakHeapBytes, long peakRssBytes) {
        public double rowsPerSecond() {
            return rows / Math.max(1e-9, seconds);
        }
    }

    record Result(Path file, long fileBytes, long rows, double generateSeconds, Phase reference, Phase pipeline,
                         int findings, int accounts) {
        public double ratio() {
            return pipeline.rowsPerSecond() / reference.rowsPerSecond();
        }
    }

    private SignalsBenchmark() {}

    static Result run(Options o, Consumer<String> log) throws Exception {
        Files.createDirectories(o.directory());
        Path file = o.directory().resolve("bench-" + o.style().label() + "-" + o.rows() + "." + (o.format().equals("csv") ? "csv" : "parquet"));
        long t0 = System.nanoTime();
        log.accept("generating " + String.format("%,d", o.rows()) + " rows into " + file + " ...");
        Declarations declarations = ScaledUsage.write(file, o.rows(), o.format(), o.directory(), o.memoryLimit(), o.reuse(),
                o.style());
        double generateSeconds = (System.nanoTime() - t0) / 1e9;
        long bytes = Files.size(file);
        log.accept(String.format("generated %s (%s) in %.1f s", file.getFileName(), ConsoleProgress.bytes(bytes), generateSeconds));

        // Read the file once, untimed, so that the first run of either side does not pay for bringing it
        // from disk into the page cache (the file is far smaller than this machine's memory).
        try (var in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            while (in.read(buf) > 0) {
                // only the reading matters
            }
        }
        // Reference and pipeline alternate, each run `repeat` times; the median of each is reported, so a
        // burst of load from other processes on the machine does not decide the ratio.
        List<Phase> references = new ArrayList<>(), pipelines = new ArrayList<>();
        int findings = 0, accounts = 0;
        for (int i = 0; i < Math.max(1, o.repeat()); i++) {
            log.accept("run " + (i + 1) + ": reference (DuckDB aggregate scan of the file) ...");
            references.add(reference(o, file));
            log.accept(String.format("  %.2f s (cpu %.2f s)", references.getLast().seconds(), references.getLast().cpuSeconds()));
            log.accept("run " + (i + 1) + ": pipeline (SHA-256 + ingest with validation + profile + every rule) ...");
            resetPeaks();
            long p0 = System.nanoTime();
            double c0 = cpuSeconds();
            try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory()
                    .withMemoryLimit(o.memoryLimit(), o.directory().resolve("spill")))) {
                IngestReport report = engine.ingest(List.of(file.toString()), Progress.NONE);
                if (report.rowsIngested() != references.getLast().rows()) {
                    throw new IllegalStateException("pipeline ingested " + report.rowsIngested() + " rows, reference saw "
                            + references.getLast().rows());
                }
                ScanResult scan = engine.scan(declarations, f -> {});
                findings = scan.findings().size();
                accounts = scan.accounts().size();
            }
            pipelines.add(new Phase("plumbline-pipeline", (System.nanoTime() - p0) / 1e9, cpuSeconds() - c0,
                    references.getLast().rows(), peakHeap(), peakRss()));
            log.accept(String.format("  %.2f s (cpu %.2f s)", pipelines.getLast().seconds(), pipelines.getLast().cpuSeconds()));
        }
        Phase reference = median(references);
        Phase pipeline = median(pipelines);
        long rows = reference.rows();
        if (!o.keep()) Files.deleteIfExists(file);
        return new Result(file, bytes, rows, generateSeconds, reference, pipeline, findings, accounts);
    }

    private static Phase reference(Options o, Path file) throws Exception {
        resetPeaks();
        long r0 = System.nanoTime();
        double c0 = cpuSeconds();
        long rows;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            if (o.memoryLimit() != null) s.execute("SET memory_limit = '" + o.memoryLimit() + "'");
            String source = o.format().equals("csv")
                    ? "read_csv(" + literal(file.toString()) + ", header = true)"
                    : "read_parquet(" + literal(file.toString()) + ")";
            // Materialised, so that every aggregate is computed (a bare count over the grouping would let
            // DuckDB's optimiser drop the sums).
            s.execute("CREATE TEMP TABLE reference AS SELECT \"SubAccountId\", \"ServiceCategory\", "
                    + "date_trunc('day', \"ChargePeriodStart\") AS day, sum(\"EffectiveCost\") AS cost, "
                    + "sum(\"ConsumedQuantity\") AS qty, count(*) AS n FROM " + source + " GROUP BY ALL");
            try (ResultSet r = s.executeQuery("SELECT sum(n) FROM reference")) {
                r.next();
                rows = r.getLong(1);
            }
        }
        return new Phase("duckdb-aggregate-scan", (System.nanoTime() - r0) / 1e9, cpuSeconds() - c0, rows, peakHeap(), peakRss());
    }

    private static Phase median(List<Phase> runs) {
        List<Phase> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingDouble(Phase::seconds));
        Phase m = sorted.get(sorted.size() / 2);
        double[] cpu = runs.stream().mapToDouble(Phase::cpuSeconds).sorted().toArray();
        long heap = runs.stream().mapToLong(Phase::peakHeapBytes).max().orElse(0);
        long rss = runs.stream().mapToLong(Phase::peakRssBytes).max().orElse(-1);
        return new Phase(m.name(), m.seconds(), cpu[cpu.length / 2], m.rows(), heap, rss);
    }

    /** A SQL string literal. */
    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
        try {
            // Linux: writing 5 resets the process's peak resident set size (VmHWM).
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException ignored) {
            // not Linux, or not permitted: the RSS peak then covers the whole process
        }
    }

    /** CPU time of this process so far (all threads, native ones included), in seconds. */
    private static double cpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }

    /** Peak resident set size of the whole process (Java heap + DuckDB's native memory), or -1. */
    private static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return -1;
    }
}
