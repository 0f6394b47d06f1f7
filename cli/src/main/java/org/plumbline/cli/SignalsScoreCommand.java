package org.plumbline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.plumbline.signals.FocusGenerator;
import org.plumbline.signals.GeneratedScores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plumbline signals score}: precision and recall of every shipped rule on generated usage, per export
 * style, over several seeds, as a Markdown table (the one docs/signals.md keeps).
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Generate usage for each style and seed, scan it with the shipped rules and print precision and",
                "recall per rule and style against the ground truth, summed over the seeds, as a Markdown table."})
final class SignalsScoreCommand implements Callable<Integer> {
    @Option(names = "--styles", defaultValue = "aws,azure,gcp,oci,mixed", split = ",",
            description = "Styles to measure. Default: ${DEFAULT-VALUE}.")
    List<String> styles;

    @Option(names = "--seeds", defaultValue = "5", description = "Seeds 1..N. Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--days", defaultValue = "35", description = "Days of usage. Default: ${DEFAULT-VALUE}.")
    int days;

    @Option(names = "--accounts", defaultValue = "25", description = "Accounts per run. Default: ${DEFAULT-VALUE}.")
    int accounts;

    @Option(names = "--format", defaultValue = "parquet", description = "csv or parquet. Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() throws Exception {
        List<FocusGenerator.Style> chosen = new ArrayList<>();
        List<Long> seedList = new ArrayList<>();
        try {
            for (String s : styles) chosen.add(FocusGenerator.Style.parse(s.trim()));
            if (seeds < 1) throw new IllegalArgumentException("--seeds must be at least 1");
            FocusGenerator.Options.of(Path.of("."), days, accounts, 1, format);   // validates days, accounts, format
        } catch (IllegalArgumentException e) {
            System.err.println("plumbline signals score: " + e.getMessage());
            return 2;
        }
        for (long s = 1; s <= seeds; s++) seedList.add(s);
        GeneratedScores.Plan plan = new GeneratedScores.Plan(chosen, seedList, days, accounts, format);
        Path work = Files.createTempDirectory("plumbline-score");
        try {
            List<GeneratedScores.Cell> cells = GeneratedScores.measure(plan, work, System.err::println);
            System.out.printf("Precision / recall (true positives, false positives, false negatives) per rule, summed over "
                    + "seeds 1..%d; %d days, %d accounts, %s.%n%n", seeds, days, accounts, format);
            for (String line : GeneratedScores.markdown(plan, cells)) System.out.println(line);
        } finally {
            try (var w = Files.walk(work)) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }
}
