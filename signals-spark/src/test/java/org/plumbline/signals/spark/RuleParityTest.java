package org.plumbline.signals.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.core.domain.Finding;
import org.plumbline.signals.Declarations;
import org.plumbline.signals.FileReport;
import org.plumbline.signals.FocusGenerator;
import org.plumbline.signals.IngestReport;
import org.plumbline.signals.MeterRecognition;
import org.plumbline.signals.Progress;
import org.plumbline.signals.PurposeVocabulary;
import org.plumbline.signals.RuleRunner;
import org.plumbline.signals.Rule;
import org.plumbline.signals.SignalsEngine;

/**
 * Every shipped rule gives identical findings on DuckDB and on Spark (local mode) over the same profile,
 * and over the same FOCUS files, Parquet or CSV, each engine ingesting them itself.
 */
class RuleParityTest {
    static SparkSession spark;
    @TempDir Path dir;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("plumbline-parity");
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) spark.stop();
    }

    @ParameterizedTest
    @EnumSource(FocusGenerator.Style.class)
    void everyShippedRuleGivesTheSameFindingsOnBothEngines(FocusGenerator.Style style) throws Exception {
        for (long seed : new long[] {3 + style.ordinal()}) {
            Path out = dir.resolve("seed-" + seed);
            FocusGenerator.Result g = new FocusGenerator(FocusGenerator.Options.of(out, 35, 20, seed, "parquet", style)).generate();
            Declarations declarations = Declarations.read(g.engagements());
            List<Finding> duck = new ArrayList<>();
            Path profile = dir.resolve("profile-" + seed + ".parquet");
            try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
                engine.ingest(List.of(out.toString()), Progress.NONE);
                duck.addAll(engine.scan(declarations, f -> {}).findings());
                engine.exportProfile(profile);
            }
            List<Finding> onSpark = SparkSignalsJob.run(spark, profile.toString(), declarations);

            // Every rule is exercised: the comparison is not vacuous for any of them.
            assertThat(duck).extracting(Finding::rule).containsAll(Rule.shipped().stream().map(Rule::id).toList());
            assertThat(onSpark).containsExactlyElementsOf(duck);

            // The whole job on Spark: profile built from the FOCUS files by Spark, then the same rules.
            new SparkProfileBuilder(spark, MeterRecognition.shipped()).build(out + "/*.parquet");
            List<Finding> fromRaw = new RuleRunner(Rule.shipped(), PurposeVocabulary.shipped())
                    .run(new SparkRuleEngine(spark), declarations);
            assertThat(fromRaw).containsExactlyElementsOf(duck);
        }
    }

    @ParameterizedTest
    @EnumSource(FocusGenerator.Style.class)
    void csvFilesGiveTheSameReportsAndFindingsOnBothEngines(FocusGenerator.Style style) throws Exception {
        Path out = dir.resolve("csv");
        FocusGenerator.Result g = new FocusGenerator(FocusGenerator.Options.of(out, 35, 20, 3, "csv", style)).generate();
        // One monthly file gzip'd: both engines read plain and gzip'd CSV from one directory.
        Path plain = g.usageFiles().getFirst();
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(Path.of(plain + ".gz")))) {
            Files.copy(plain, o);
        }
        Files.delete(plain);
        Declarations declarations = Declarations.read(g.engagements());
        IngestReport duckReport;
        List<Finding> duck;
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            duckReport = engine.ingest(List.of(out.toString()), Progress.NONE);
            duck = engine.scan(declarations, f -> {}).findings();
        }
        IngestReport sparkReport = new SparkProfileBuilder(spark, MeterRecognition.shipped()).build(out.toString());
        List<Finding> onSpark = new RuleRunner(Rule.shipped(), PurposeVocabulary.shipped())
                .run(new SparkRuleEngine(spark), declarations);

        assertThat(sparkReport.files()).hasSize(g.usageFiles().size()).extracting(FileReport::format).containsOnly("csv");
        assertThat(sparkReport.files()).extracting(FileReport::focusVersion).containsOnly("1.3");
        assertThat(sparkReport).isEqualTo(duckReport);
        assertThat(sparkReport.rowsIngested()).isEqualTo(g.rows());
        assertThat(duck).extracting(Finding::rule).containsAll(Rule.shipped().stream().map(Rule::id).toList());
        assertThat(onSpark).containsExactlyElementsOf(duck);
    }
}
