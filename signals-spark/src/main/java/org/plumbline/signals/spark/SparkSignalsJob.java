package org.plumbline.signals.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.plumbline.signals.Declarations;
import org.plumbline.signals.Finding;
import org.plumbline.signals.PurposeVocabulary;
import org.plumbline.signals.Rule;
import org.plumbline.signals.RuleRunner;

/**
 * The Spark job a provider submits to its own cluster:
 * <pre>
 * spark-submit --class org.plumbline.signals.spark.SparkSignalsJob plumbline-signals-spark.jar \
 *     PROFILE_PARQUET ENGAGEMENTS_JSON [OUT_JSON]
 * </pre>
 * It runs every shipped rule over a {@code usage_daily} profile in Parquet (the table
 * {@code SignalsEngine.exportProfile} writes) and prints the findings as JSON (or writes them to OUT_JSON).
 */
public final class SparkSignalsJob {
    private SparkSignalsJob() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SparkSignalsJob PROFILE_PARQUET ENGAGEMENTS_JSON [OUT_JSON]");
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder().appName("plumbline-signals").getOrCreate();
        try {
            List<Finding> findings = run(spark, args[0], Declarations.read(Path.of(args[1])));
            List<Map<String, Object>> json = new ArrayList<>();
            for (Finding f : findings) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("rule", f.rule());
                m.put("severity", f.severity());
                m.put("account", f.account());
                m.put("engagement", f.engagement());
                m.put("subject", f.subject());
                m.put("windowStart", f.windowStart().toString());
                m.put("windowEnd", f.windowEnd().toString());
                m.put("evidence", f.evidence());
                m.put("key", f.key());
                json.add(m);
            }
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            if (args.length > 2) mapper.writeValue(Path.of(args[2]).toFile(), json);
            else System.out.println(mapper.writeValueAsString(json));
        } finally {
            spark.stop();
        }
    }

    /** Every shipped rule over the profile at {@code profileParquet}; the same findings DuckDB gives. */
    public static List<Finding> run(SparkSession spark, String profileParquet, Declarations declarations) throws Exception {
        SparkRuleEngine engine = new SparkRuleEngine(spark);
        engine.loadParquet("usage_daily", profileParquet);
        return new RuleRunner(Rule.shipped(), PurposeVocabulary.shipped()).run(engine, declarations);
    }
}
