package org.plumbline.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.plumbline.signals.ConsoleProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plumbline bench signals}: DuckDB's own aggregate scan of a FOCUS file (the reference) against
 * Plumbline's whole signals pipeline on the same file, in one run. Meant to sit under the {@code bench}
 * parent command.
 */
@Command(name = "signals", mixinStandardHelpOptions = true,
        description = {"Generate N rows of FOCUS 1.3, then time DuckDB's own aggregate scan of the file (reference)",
                "and Plumbline's pipeline (SHA-256 + ingest with validation + profile + every rule).",
                "Prints both rates (rows/s), their ratio and peak memory."})
public final class BenchSignalsCommand implements Callable<Integer> {
    @Option(names = "--rows", required = true, description = "Rows to generate, e.g. 100000000.")
    long rows;

    @Option(names = "--dir", description = "Where to write the file (default: a directory under java.io.tmpdir).")
    Path dir;

    @Option(names = "--format", defaultValue = "parquet", description = "parquet or csv. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--memory-limit", defaultValue = "2GB",
            description = "DuckDB memory limit for both runs (DuckDB spills beyond it). Default: ${DEFAULT-VALUE}.")
    String memoryLimit;

    @Option(names = "--style", defaultValue = "azure", description = "Whose export conventions the file follows: aws, "
            + "azure, gcp or oci (azure, all daily rows, is closest to the files of the figures in docs/PERFORMANCE.md). "
            + "Default: ${DEFAULT-VALUE}.")
    String style;

    @Option(names = "--keep", description = "Keep the generated file.")
    boolean keep;

    @Option(names = "--reuse", description = "Reuse a file kept by an earlier --keep run with the same --rows and --dir.")
    boolean reuse;

    @Option(names = "--repeat", defaultValue = "3",
            description = "Runs of each side, alternating; the median is reported. Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("parquet") && !format.equals("csv")) {
            System.err.println("plumbline bench signals: --format must be parquet or csv");
            return 2;
        }
        org.plumbline.signals.FocusGenerator.Style chosen;
        try {
            chosen = org.plumbline.signals.FocusGenerator.Style.parse(style);
            if (chosen == org.plumbline.signals.FocusGenerator.Style.MIXED) throw new IllegalArgumentException("--style must be one provider");
        } catch (IllegalArgumentException e) {
            System.err.println("plumbline bench signals: " + e.getMessage());
            return 2;
        }
        Path where = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "plumbline-bench-signals");
        SignalsBenchmark.Result r = SignalsBenchmark.run(
                new SignalsBenchmark.Options(rows, where, format, memoryLimit, keep || reuse, repeat, reuse, chosen), System.err::println);
        Runtime rt = Runtime.getRuntime();
        System.out.printf("file: %s, %s, %,d rows (%s), generated in %.1f s; median of %d runs each%n",
                r.file().getFileName(), ConsoleProgress.bytes(r.fileBytes()), r.rows(), format, r.generateSeconds(), repeat);
        print(r.reference());
        print(r.pipeline());
        System.out.printf("ratio pipeline/reference: %.3f (goal >= 0.500), in CPU time %.3f; %d findings over %,d accounts; "
                        + "max heap %s, DuckDB memory limit %s, %d cores%n",
                r.ratio(), r.reference().cpuSeconds() / r.pipeline().cpuSeconds(), r.findings(), r.accounts(), ConsoleProgress.bytes(rt.maxMemory()), memoryLimit,
                rt.availableProcessors());
        return 0;
    }

    private static void print(SignalsBenchmark.Phase p) {
        System.out.printf("%-22s %8.2f s  %,14.0f rows/s  cpu %.2f s  peak heap %s  peak RSS %s%n", p.name(), p.seconds(),
                p.rowsPerSecond(), p.cpuSeconds(), ConsoleProgress.bytes(p.peakHeapBytes()),
                p.peakRssBytes() < 0 ? "n/a" : ConsoleProgress.bytes(p.peakRssBytes()));
    }
}
