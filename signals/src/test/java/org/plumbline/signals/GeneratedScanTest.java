package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plumbline.core.domain.Finding;

/** Scans generated usage and scores the findings against the generator's ground truth. */
class GeneratedScanTest {
    @TempDir Path dir;

    record Run(FocusGenerator.Result generated, ScanResult scan, GroundTruth truth) {}

    Run run(long seed, int days, int accounts, String format) throws Exception {
        Path out = dir.resolve("seed-" + seed + "-" + format);
        FocusGenerator.Result g = new FocusGenerator(FocusGenerator.Options.of(out, days, accounts, seed, format)).generate();
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

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void everyRuleHasFullPrecisionAndRecallAcrossSeeds(long seed) throws Exception {
        Run r = run(seed, 35, 25, seed % 2 == 0 ? "parquet" : "csv");
        List<GroundTruth.Score> scores = r.truth().score(r.scan().findings(), Rule.shipped());
        assertThat(scores).as("findings: %s", r.scan().findings()).allSatisfy(s -> {
            assertThat(s.falsePositives()).as("false positives of %s", s.rule()).isZero();
            assertThat(s.falseNegatives()).as("missed by %s", s.rule()).isZero();
        });
        // Every shipped rule was exercised by some expected finding.
        assertThat(r.truth().expected()).extracting(GroundTruth.Pair::rule)
                .containsAll(Rule.shipped().stream().map(Rule::id).toList());
    }

    @Test
    void bulkCommunicationsAccountIsFoundByRuleOneAndNoOtherAccountIs() throws Exception {
        Run r = run(42, 30, 40, "parquet");
        String bulk = r.truth().expected().stream().filter(p -> p.rule().equals("bulk-communications-processing"))
                .findFirst().orElseThrow().account();
        List<Finding> rule1 = r.scan().findings().stream().filter(f -> f.rule().equals("bulk-communications-processing")).toList();
        assertThat(rule1).extracting(Finding::account).containsExactly(bulk);
        Finding f = rule1.getFirst();
        assertThat(f.subject()).isEqualTo("westeurope");
        assertThat(f.evidence()).contains("audio-hours/day transcribed").contains(" on 30 days; object storage in westeurope grew 5,9")
                .contains(" GB/day over those days").endsWith("declared purposes: cyber-defence");
        assertThat(((Number) f.figures().get("audio_hours_per_day")).doubleValue()).isBetween(700_000.0, 860_000.0);
        assertThat(f.engagement()).isNotNull();
        assertThat(f.severity()).isEqualTo("critical");
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
