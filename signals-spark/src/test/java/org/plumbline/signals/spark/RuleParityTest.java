package org.plumbline.signals.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.signals.Declarations;
import org.plumbline.signals.Finding;
import org.plumbline.signals.FocusGenerator;
import org.plumbline.signals.MeterRecognition;
import org.plumbline.signals.Progress;
import org.plumbline.signals.PurposeVocabulary;
import org.plumbline.signals.RuleRunner;
import org.plumbline.signals.Rule;
import org.plumbline.signals.SignalsEngine;

/** Every shipped rule gives identical findings on DuckDB and on Spark (local mode) over the same profile. */
class RuleParityTest {
    static SparkSession spark;
    @TempDir Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("plumbline-parity")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) spark.stop();
    }

    @Test
    void everyShippedRuleGivesTheSameFindingsOnBothEngines() throws Exception {
        for (long seed : new long[] {3, 8}) {
            Path out = dir.resolve("seed-" + seed);
            FocusGenerator.Result g = new FocusGenerator(FocusGenerator.Options.of(out, 35, 20, seed, "parquet")).generate();
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
}
