package org.plumbline.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.plumbline.signals.FocusGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plumbline signals generate}: FOCUS 1.3 usage, engagements and ground truth for fictional accounts. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write FOCUS 1.3 usage for fictional government accounts, an engagements.json declaring them,",
                "and ground-truth.json (which rule should flag which account). Mostly benign accounts; one reproduces",
                "bulk communications processing (declared cyber-defence)."})
final class SignalsGenerateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "Directory to write into (created if missing).")
    Path out;

    @Option(names = "--days", required = true, description = "Days of usage, ending 2026-10-31.")
    int days;

    @Option(names = "--accounts", required = true, description = "Number of accounts (one engagement each).")
    int accounts;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (same seed, same files). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--format", defaultValue = "csv", description = "csv or parquet. Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() throws Exception {
        FocusGenerator.Options options;
        try {
            options = FocusGenerator.Options.of(out, days, accounts, seed, format);
        } catch (IllegalArgumentException e) {
            System.err.println("plumbline signals generate: " + e.getMessage());
            return 2;
        }
        FocusGenerator.Result r = new FocusGenerator(options).generate();
        for (Path f : r.usageFiles()) System.out.println("wrote " + f);
        System.out.println("wrote " + r.engagements());
        System.out.println("wrote " + r.groundTruth());
        System.out.printf("%,d FOCUS 1.3 rows for %d accounts over %d days (seed %d)%n", r.rows(), accounts, days, seed);
        return 0;
    }
}
