package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.plumbline.core.domain.Finding;

/** Scans generated usage, in every provider's style, and scores the findings against the generator's ground truth. */
class GeneratedScanTest {
    @TempDir Path dir;

    record Run(FocusGenerator.Result generated, ScanResult scan, GroundTruth truth) {}

    Run run(long seed, int days, int accounts, String format, FocusGenerator.Style style) throws Exception {
        Path out = dir.resolve("seed-" + seed + "-" + format + "-" + style.label());
        FocusGenerator.Result g = new FocusGenerator(FocusGenerator.Options.of(out, days, accounts, seed, format, style)).generate();
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            IngestReport report = engine.ingest(List.of(out.toString()), Progress.NONE);
            assertThat(report.rowsIngested()).isEqualTo(g.rows());
            assertThat(report.files()).allSatisfy(f -> {
                assertThat(f.focusVersion()).isEqualTo("1.3");
                assertThat(f.deviations()).isEmpty();
                assertThat(f.unrecognisedColumns()).isEmpty();
            });
            List<Finding> raised = new ArrayList<>();
            ScanResult scan = engine.scan(Declarations.read(g.engagements()), raised::add);
            assertThat(raised).containsExactlyElementsOf(scan.findings());
            return new Run(g, scan, GroundTruth.read(g.groundTruth()));
        }
    }

    /**
     * Every style, each with its own seed (CSV and Parquet alternating); docs/signals.md has the table over five
     * seeds ({@code plumbline signals score}). Every rule must find exactly what the ground truth names: in
     * particular every bulk-communications account (from 3,200 audio-hours a day, the late-onset one included)
     * is found by the bulk rule, and none of the look-alikes (the declared communications engagement, the
     * emergency centre, the captioning, the research and storage-only archives, the transcoding service) is.
     */
    @ParameterizedTest
    @EnumSource(FocusGenerator.Style.class)
    void everyRuleFindsExactlyTheGroundTruthInEveryStyle(FocusGenerator.Style style) throws Exception {
        long seed = style.ordinal() + 1;
        Run r = run(seed, 35, 20, seed % 2 == 0 ? "parquet" : "csv", style);
        List<String> bulk = r.truth().expected().stream().filter(p -> p.rule().equals("bulk-communications-processing"))
                .map(GroundTruth.Pair::account).toList();
        assertThat(bulk).hasSizeGreaterThanOrEqualTo(4);
        List<Finding> rule1 = r.scan().findings().stream().filter(f -> f.rule().equals("bulk-communications-processing")).toList();
        assertThat(rule1).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo("critical");
            assertThat(f.engagement()).isNotNull();
        });
        List<GroundTruth.Score> scores = r.truth().score(r.scan().findings(), Rule.shipped());
        assertThat(scores).as("findings: %s", r.scan().findings()).allSatisfy(s -> {
            assertThat(s.falsePositives()).as("false positives of %s", s.rule()).isZero();
            assertThat(s.falseNegatives()).as("missed by %s", s.rule()).isZero();
        });
        assertThat(rule1).extracting(Finding::account).containsExactlyInAnyOrderElementsOf(bulk);
        // Every shipped rule was exercised by some expected finding.
        assertThat(r.truth().expected()).extracting(GroundTruth.Pair::rule)
                .containsAll(Rule.shipped().stream().map(Rule::id).toList());
    }

    /** The ground truth says what each account is by construction: the scales, onset and look-alikes. */
    @ParameterizedTest
    @EnumSource(FocusGenerator.Style.class)
    void theGroundTruthDescribesEveryRoleAndLookAlike(FocusGenerator.Style style) throws Exception {
        Path out = dir.resolve("truth-" + style.label());
        FocusGenerator.Result g = new FocusGenerator(FocusGenerator.Options.of(out, 35, 20, 9, "csv", style)).generate();
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(g.groundTruth().toFile());
        java.util.Map<String, List<com.fasterxml.jackson.databind.JsonNode>> byRole = new java.util.HashMap<>();
        for (var p : root.get("profiles")) byRole.computeIfAbsent(p.get("role").asText(), k -> new ArrayList<>()).add(p);
        assertThat(byRole).containsKeys("bulk-comms", "bulk-late", "legit-comms", "emergency-centre", "broadcast-captioning",
                "research-archive", "storage-archive", "media-transcoding", "region", "undeclared-service", "growth",
                "enforcement", "directive-obeyed");
        // Bulk at interception scale: from about 3,000 audio-hours a day (100,000 calls) to hundreds of thousands,
        // with the archive growing by 7.2 MB an audio-hour.
        List<Double> scales = byRole.get("bulk-comms").stream().map(p -> p.get("audioHoursPerDay").asDouble()).sorted().toList();
        assertThat(scales.getFirst()).isBetween(3_000.0, 3_500.0);
        assertThat(scales.getLast()).isGreaterThan(300_000.0);
        for (var p : byRole.get("bulk-comms")) {
            assertThat(p.get("archiveGrowthBytesPerDay").asDouble() / p.get("audioHoursPerDay").asDouble()).isCloseTo(7.2e6,
                    org.assertj.core.data.Offset.offset(1e4));
        }
        long late = java.time.temporal.ChronoUnit.DAYS.between(
                java.time.LocalDate.parse(byRole.get("bulk-late").getFirst().get("patternStarts").asText()),
                java.time.LocalDate.of(2026, 10, 31));
        assertThat(late + 1).isBetween(7L, 9L);
        // Look-alikes at their normal scale: hundreds of audio-hours a day, with storage.
        for (String role : List.of("emergency-centre", "broadcast-captioning", "research-archive")) {
            var p = byRole.get(role).getFirst();
            assertThat(p.get("audioHoursPerDay").asDouble()).as(role).isBetween(100.0, 999.0);
            assertThat(p.get("archiveGrowthBytesPerDay").asDouble()).as(role).isPositive();
        }
        assertThat(byRole.get("storage-archive").getFirst().has("audioHoursPerDay")).isFalse();
        // Some accounts are corrected by negative rows.
        assertThat(root.get("profiles").findValues("correctedDay")).isNotEmpty();
        // The truth names rules, never what a scan found: the same file, whatever the rules say.
        assertThat(root.get("expected").findValuesAsText("rule")).contains("bulk-communications-processing");
    }

    @Test
    void theSameFindingIsNotRaisedTwice() throws Exception {
        Path out = dir.resolve("dedup");
        FocusGenerator.Result g = new FocusGenerator(FocusGenerator.Options.of(out, 30, 10, 7, "csv")).generate();
        Declarations d = Declarations.read(g.engagements());
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.at(dir.resolve("signals.duckdb")))) {
            engine.ingest(List.of(out.toString()), Progress.NONE);
            List<Finding> first = new ArrayList<>();
            engine.scan(d, first::add);
            assertThat(first).isNotEmpty();
            List<Finding> second = new ArrayList<>();
            ScanResult again = engine.scan(d, second::add);
            assertThat(second).isEmpty();
            assertThat(again.findings()).containsExactlyElementsOf(first);
        }
        // The ledger is in the database file: a new engine over the same file raises nothing either.
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.at(dir.resolve("signals.duckdb")))) {
            List<Finding> third = new ArrayList<>();
            engine.scan(d, third::add);
            assertThat(third).isEmpty();
        }
    }

    @Test
    void aFindingTheSinkRejectedIsHandedOverAgainAndOnlyThat() throws Exception {
        Path out = dir.resolve("sink-throws");
        FocusGenerator.Result g = new FocusGenerator(FocusGenerator.Options.of(out, 30, 10, 7, "csv")).generate();
        Declarations d = Declarations.read(g.engagements());
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            engine.ingest(List.of(out.toString()), Progress.NONE);
            List<Finding> accepted = new ArrayList<>();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.scan(d, f -> {
                if (accepted.size() == 1) throw new IllegalStateException("case store unavailable");
                accepted.add(f);
            })).hasMessage("case store unavailable");
            List<Finding> retried = new ArrayList<>();
            ScanResult again = engine.scan(d, retried::add);
            assertThat(again.findings()).hasSizeGreaterThan(1);
            assertThat(retried).doesNotContain(accepted.getFirst())
                    .containsExactlyElementsOf(again.findings().subList(1, again.findings().size()));
        }
    }
}
