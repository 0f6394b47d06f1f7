package org.plumbline.signals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Precision and recall of every shipped rule on generated usage, per export style, summed over seeds: each
 * (style, seed) is generated, ingested into a fresh in-memory engine, scanned, and scored against its
 * ground truth ({@link GroundTruth}). What {@code plumbline signals score} prints, and what docs/signals.md keeps.
 */
public final class GeneratedScores {
    /** What one table is measured on. */
    public record Plan(List<FocusGenerator.Style> styles, List<Long> seeds, int days, int accounts, String format) {}

    /** Summed counts of one rule (or "*") in one style. */
    public record Cell(FocusGenerator.Style style, String rule, int truePositives, int falsePositives, int falseNegatives) {
        GroundTruth.Score score() {
            return new GroundTruth.Score(rule, truePositives, falsePositives, falseNegatives);
        }
    }

    private GeneratedScores() {}

    /** Runs the plan in {@code work} (each run's files are deleted after it); {@code log} hears each run. */
    public static List<Cell> measure(Plan plan, Path work, java.util.function.Consumer<String> log)
            throws Exception {
        Map<String, int[]> sums = new LinkedHashMap<>();
        List<String> rules = new ArrayList<>(Rule.shipped().stream().map(Rule::id).toList());
        rules.add("*");
        for (FocusGenerator.Style style : plan.styles()) {
            for (String r : rules) sums.put(style + "|" + r, new int[3]);
            for (long seed : plan.seeds()) {
                Path out = work.resolve(style.label() + "-" + seed);
                FocusGenerator.Result g = new FocusGenerator(FocusGenerator.Options.of(out, plan.days(), plan.accounts(), seed,
                        plan.format(), style)).generate();
                try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
                    engine.ingest(List.of(out.toString()), Progress.NONE);
                    ScanResult scan = engine.scan(Declarations.read(g.engagements()), f -> {});
                    for (GroundTruth.Score s : GroundTruth.read(g.groundTruth()).score(scan.findings(), engine.rules())) {
                        int[] c = sums.computeIfAbsent(style + "|" + s.rule(), k -> new int[3]);
                        c[0] += s.truePositives();
                        c[1] += s.falsePositives();
                        c[2] += s.falseNegatives();
                    }
                    log.accept(String.format(Locale.ROOT, "%s seed %d: %,d rows, %d findings", style.label(), seed, g.rows(),
                            scan.findings().size()));
                } finally {
                    try (var w = Files.walk(out)) {
                        w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            }
        }
        List<Cell> cells = new ArrayList<>();
        sums.forEach((k, c) -> {
            String[] parts = k.split("\\|", 2);
            cells.add(new Cell(FocusGenerator.Style.valueOf(parts[0]), parts[1], c[0], c[1], c[2]));
        });
        return cells;
    }

    /**
     * A Markdown table: one row per rule (then all rules), one column per style, each cell
     * "precision / recall (tp, fp, fn)".
     */
    public static List<String> markdown(Plan plan, List<Cell> cells) {
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder("| rule |");
        StringBuilder rule = new StringBuilder("|---|");
        for (FocusGenerator.Style s : plan.styles()) {
            head.append(' ').append(s.label()).append(" |");
            rule.append("---|");
        }
        lines.add(head.toString());
        lines.add(rule.toString());
        List<String> order = new ArrayList<>();
        for (Cell c : cells) if (!order.contains(c.rule())) order.add(c.rule());
        order.remove("*");
        order.add("*");
        for (String r : order) {
            StringBuilder b = new StringBuilder("| ").append(r.equals("*") ? "all rules" : r).append(" |");
            for (FocusGenerator.Style s : plan.styles()) {
                Cell c = cells.stream().filter(x -> x.style() == s && x.rule().equals(r)).findFirst().orElse(null);
                if (c == null) {
                    b.append(" - |");
                    continue;
                }
                GroundTruth.Score sc = c.score();
                b.append(String.format(Locale.ROOT, " %.2f / %.2f (%d, %d, %d) |", sc.precision(), sc.recall(),
                        c.truePositives(), c.falsePositives(), c.falseNegatives()));
            }
            lines.add(b.toString());
        }
        return lines;
    }
}
