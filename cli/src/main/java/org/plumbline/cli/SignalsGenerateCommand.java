package org.plumbline.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.plumbline.signals.FocusGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plumbline signals generate}: FOCUS 1.3 usage, engagements and ground truth for fictional accounts. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write FOCUS 1.3 usage for fictional government accounts, an engagements.json declaring them,",
                "and ground-truth.json (what each account is, and which rule should flag it), in the conventions of AWS, Azure,",
                "Google Cloud or Oracle exports, or all four. Mostly benign accounts; some process communications in bulk,",
                "some only look like it."})
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

    @Option(names = "--style", defaultValue = "mixed", description = "Whose export conventions: aws, azure, gcp, oci, or "
            + "mixed (accounts dealt to the four; one file per provider and month). Default: ${DEFAULT-VALUE}.")
    String style;

    @Override
    public Integer call() throws Exception {
        FocusGenerator.Options options;
        try {
            options = FocusGenerator.Options.of(out, days, accounts, seed, format, FocusGenerator.Style.parse(style));
        } catch (IllegalArgumentException e) {
            System.err.println("plumbline signals generate: " + e.getMessage());
            return 2;
        }
        FocusGenerator.Result r = new FocusGenerator(options).generate();
        for (Path f : r.usageFiles()) System.out.println("wrote " + f);
        System.out.println("wrote " + r.engagements());
        System.out.println("wrote " + r.groundTruth());
        System.out.printf("%,d FOCUS 1.3 rows for %d accounts over %d days (seed %d, style %s)%n", r.rows(), accounts, days, seed,
                options.style().label());
        return 0;
    }
}
