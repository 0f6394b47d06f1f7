package org.plumbline.signals.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.plumbline.core.domain.Finding;
import org.plumbline.signals.Declarations;
import org.plumbline.signals.FileReport;
import org.plumbline.signals.FindingJson;
import org.plumbline.signals.FocusFormatException;
import org.plumbline.signals.IngestReport;
import org.plumbline.signals.MeterRecognition;
import org.plumbline.signals.PurposeVocabulary;
import org.plumbline.signals.Rule;
import org.plumbline.signals.RuleRunner;

/**
 * The Spark job a provider submits to its own cluster:
 * <pre>
 * spark-submit --class org.plumbline.signals.spark.SparkSignalsJob plumbline-signals-spark.jar \
 *     (focus FOCUS_PATH | profile PROFILE_PARQUET) ENGAGEMENTS_JSON [OUT_JSON]
 * </pre>
 * With {@code focus} it builds the profile from FOCUS exports on the cluster ({@link SparkProfileBuilder}:
 * CSV, gzip'd CSV or Parquet; a file, directory or glob), printing on standard error one line per file
 * (format, FOCUS version, rows) and a warning per kind of counted deviation, as {@code plumbline signals
 * scan} does; a bad file ends the job with exit status 1 and an error naming file, line and column (every
 * bad file is named), and no rule runs. With {@code profile} it reads a {@code usage_daily} profile (the
 * table {@code SignalsEngine.exportProfile} writes). Then it runs every shipped rule and prints the
 * findings as JSON (or writes them to OUT_JSON).
 */
public final class SparkSignalsJob {
    private SparkSignalsJob() {}

    public static void main(String[] args) throws Exception {
        int status;
        SparkSession spark = SparkSession.builder().appName("plumbline-signals").getOrCreate();
        try {
            status = run(spark, args, System.out, System.err);
        } finally {
            spark.stop();
        }
        if (status != 0) System.exit(status);
    }

    /**
     * The job on a given session: findings JSON on {@code out} (or in OUT_JSON), per-file reports and errors on
     * {@code err}. Returns the exit status: 0 done, 1 a bad input file (no rule ran), 2 wrong arguments.
     */
    static int run(SparkSession spark, String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length < 3 || !(args[0].equals("focus") || args[0].equals("profile"))) {
            err.println("usage: SparkSignalsJob (focus FOCUS_PATH | profile PROFILE_PARQUET) ENGAGEMENTS_JSON [OUT_JSON]");
            return 2;
        }
        Declarations declarations = Declarations.read(Path.of(args[2]));
        List<Finding> findings;
        if (args[0].equals("focus")) {
            IngestReport report;
            try {
                report = new SparkProfileBuilder(spark, MeterRecognition.shipped()).build(args[1]);
            } catch (FocusFormatException e) {
                err.println("plumbline signals (spark): " + e.getMessage());
                for (Throwable more : e.getSuppressed()) err.println("plumbline signals (spark): " + more.getMessage());
                err.println("plumbline signals (spark): no profile was built and no rule ran");
                return 1;
            }
            for (FileReport f : report.files()) err.println(f.describe());
            err.printf("%,d rows in %d file(s)%n", report.rowsIngested(), report.files().size());
            findings = new RuleRunner(Rule.shipped(), PurposeVocabulary.shipped()).run(new SparkRuleEngine(spark), declarations);
        } else {
            findings = run(spark, args[1], declarations);
        }
        List<Map<String, Object>> json = findings.stream().map(FindingJson::toJsonObject).toList();
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (args.length > 3) mapper.writeValue(Path.of(args[3]).toFile(), json);
        else out.println(mapper.writeValueAsString(json));
        return 0;
    }

    /** Every shipped rule over the profile at {@code profileParquet}; the same findings DuckDB gives. */
    public static List<Finding> run(SparkSession spark, String profileParquet, Declarations declarations) throws Exception {
        SparkRuleEngine engine = new SparkRuleEngine(spark);
        engine.loadParquet("usage_daily", profileParquet);
        return new RuleRunner(Rule.shipped(), PurposeVocabulary.shipped()).run(engine, declarations);
    }
}
