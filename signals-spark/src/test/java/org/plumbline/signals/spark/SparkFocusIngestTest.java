package org.plumbline.signals.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.signals.FileReport;
import org.plumbline.signals.FocusFormatException;
import org.plumbline.signals.FocusGenerator;
import org.plumbline.signals.FocusSchema;
import org.plumbline.signals.IngestReport;
import org.plumbline.signals.MeterRecognition;
import org.plumbline.signals.Progress;
import org.plumbline.signals.SignalsEngine;

/**
 * FOCUS ingestion on Spark behaves as DuckDB ingestion does: the same reports (version, rows, counted
 * deviations) and the same profile for the real FOCUS 1.0 sample, the same errors (file, line, column)
 * for bad files, and nothing of a run kept when one of its files is bad.
 */
class SparkFocusIngestTest {
    static SparkSession spark;
    @TempDir Path dir;
    Path good;
    Path engagements;
    List<String> lines;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("plumbline-focus-ingest");
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) spark.stop();
    }

    @BeforeEach
    void generate() throws Exception {
        FocusGenerator.Result g = new FocusGenerator(FocusGenerator.Options.of(dir.resolve("gen"), 5, 3, 11, "csv",
                FocusGenerator.Style.AZURE)).generate();
        good = g.usageFiles().getFirst();
        engagements = g.engagements();
        lines = Files.readAllLines(good);
        spark.catalog().dropTempView("usage_daily");
    }

    private IngestReport onSpark(Path... files) throws Exception {
        return new SparkProfileBuilder(spark, MeterRecognition.shipped())
                .build(Arrays.stream(files).map(Path::toString).toArray(String[]::new));
    }

    /** The message DuckDB ingestion gives for the same file. */
    private static String onDuckDb(Path file) throws Exception {
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            return catchThrowableOfType(FocusFormatException.class,
                    () -> engine.ingest(List.of(file.toString()), Progress.NONE)).getMessage();
        }
    }

    private long profiledRows() {
        return spark.sql("SELECT coalesce(sum(rows), 0) FROM usage_daily").first().getLong(0);
    }

    @Test
    void focusSampleIngestsWithTheSameDeviationsRowsAndProfileAsOnDuckDb() throws Exception {
        Path sample = Path.of(System.getProperty("plumbline.testdata", "../../shared/testdata"), "focus", "focus-1.0-sample.csv");
        long dataLines = Files.readAllLines(sample).size() - 1;
        Path duckProfile = dir.resolve("duck-profile.parquet");
        FileReport duck;
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            duck = engine.ingest(List.of(sample.toString()), Progress.NONE).files().getFirst();
            engine.exportProfile(duckProfile);
        }
        FileReport file = onSpark(sample).files().getFirst();

        assertThat(file.format()).isEqualTo("csv");
        assertThat(file.focusVersion()).isEqualTo("1.0").isEqualTo(duck.focusVersion());
        assertThat(file.rows()).isEqualTo(dataLines).isEqualTo(1000).isEqualTo(duck.rows());
        assertThat(file.unrecognisedColumns()).containsExactly("Id");
        assertThat(file.deviations()).isEqualTo(duck.deviations());
        assertThat(file.deviations().get(FocusSchema.DEVIATION_TIMESTAMP_FORM)).isEqualTo(4000);
        assertThat(file.deviations().get(FocusSchema.DEVIATION_NULL_LITERAL)).isPositive();

        // Every row accounted for, in the same groups with the same figures as DuckDB's profile.
        assertThat(profiledRows()).isEqualTo(dataLines);
        assertSameProfileAs(duckProfile);
    }

    /**
     * Units as providers write them (docs/signals.md, Units and Charge periods): Azure blocks decided per meter
     * from cost and price, a whole-month period spread over its days, Oracle's month, Google's byte-seconds,
     * and an unreadable unit reported, and what each meter was recognised as, the same on Spark as on DuckDB.
     */
    @Test
    void providerUnitsProfileAndUnplacedUnitsAsOnDuckDb() throws Exception {
        String h = "ProviderName,BillingAccountId,SubAccountId,BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,"
                + "BilledCost,EffectiveCost,ServiceName,ServiceCategory,SkuMeter,ConsumedQuantity,ConsumedUnit,"
                + "x_PricingUnitDescription,ListCost,ListUnitPrice";
        String d = "2026-10-05T00:00:00Z,2026-10-06T00:00:00Z";
        Path f = write("providers.csv", List.of(h,
                "Microsoft,ba,b1," + "USD,Usage," + d + ",5.0,5.0,Azure Translator,AI and Machine Learning,S1 Characters translated,0.5,Units,1M,5.0,10.0",
                "Microsoft,ba,b2," + "USD,Usage," + d + ",5.0,5.0,Azure Translator,AI and Machine Learning,S1 Document Characters translated,500000,Units,1M,5.0,10.0",
                "Microsoft,ba,az," + "USD,Usage," + d + ",0.1,0.1,Storage Accounts,Storage,Hot LRS Data Stored,3.2258064516,GB/Month,,,",
                "AWS,ba,mo,USD,Usage,2024-09-01T00:00:00Z,2024-10-01T00:00:00Z,3.00,3.00,Amazon S3,Storage,TimedStorage-ByteHrs,150,GB-Months,,,",
                "Oracle,ba,oci,USD,Usage,2024-09-18T05:00:00Z,2024-09-18T06:00:00Z,0.01,0.01,BLOCK_STORAGE,Storage,Block Volume,0.6317204301,GB Months,,,",
                "Google Cloud,ba,gcp,USD,Usage,2024-09-18T05:00:00Z,2024-09-18T06:00:00Z,0.01,0.01,Cloud Storage,Storage,Standard Storage,57982058496000,byte-seconds,,,",
                "AWS,ba,bad,USD,Usage," + d + ",1.50,1.50,Amazon S3,Storage,TimedStorage-ByteHrs,2,GB/Mnth,,,"));
        Path duckProfile = dir.resolve("duck-providers.parquet");
        IngestReport duck;
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            duck = engine.ingest(List.of(f.toString()), Progress.NONE);
            engine.exportProfile(duckProfile);
        }
        IngestReport spark = onSpark(f);
        assertThat(spark.unplacedUnits()).isEqualTo(duck.unplacedUnits()).hasSize(1);
        assertThat(spark.meterCosts()).isEqualTo(duck.meterCosts()).hasSize(7);
        assertThat(spark.describeRecognition()).isEqualTo(duck.describeRecognition());
        assertThat(profiledRows()).isEqualTo(7);
        assertSameProfileAs(duckProfile);
    }

    /** Spark's usage_daily has the rows of DuckDB's exported profile, group for group, figure for figure. */
    private static void assertSameProfileAs(Path duckProfile) {
        spark.read().parquet(duckProfile.toString()).createOrReplaceTempView("duck_profile");
        String keys = String.join(" AND ", List.of("account_id", "billing_account_id", "day", "service_name", "service_category",
                "service_subcategory", "region", "charge_category", "currency", "metric").stream()
                .map(k -> "d." + k + " <=> s." + k).toList());
        long differing = spark.sql("SELECT count(*) FROM duck_profile d FULL OUTER JOIN usage_daily s ON " + keys
                + " WHERE d.rows IS NULL OR s.rows IS NULL OR d.rows <> s.rows OR d.cost <> s.cost"
                + " OR NOT (d.last_usage_epoch <=> s.last_usage_epoch)"
                + " OR abs(d.amount - s.amount) > 1e-9 * greatest(abs(d.amount), 1)").first().getLong(0);
        assertThat(differing).isZero();
        assertThat(spark.sql("SELECT count(*) FROM usage_daily").first().getLong(0))
                .isEqualTo(spark.sql("SELECT count(*) FROM duck_profile").first().getLong(0)).isGreaterThan(10);
    }

    /**
     * CSV is read line by line first, so that Spark can split a large file; a quoted newline breaks a record
     * across lines there, and such a file is read again as whole records. The result is DuckDB's: every
     * record once, the same profile, and an error only where the records themselves are bad.
     */
    @Test
    void aQuotedNewlineInAFieldIsPartOfTheRecordAsInDuckDb() throws Exception {
        Path multi = write("quoted-newline.csv", withField(lines, 4, "ChargeDescription", "\"Hot tier, first line\nsecond line\""));
        assertThat(Files.readAllLines(multi)).hasSize(lines.size() + 1);
        Path duckProfile = dir.resolve("duck-quoted.parquet");
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            assertThat(engine.ingest(List.of(multi.toString()), Progress.NONE).rowsIngested()).isEqualTo(lines.size() - 1);
            engine.exportProfile(duckProfile);
        }
        IngestReport report = onSpark(multi, good);
        assertThat(report.files()).extracting(FileReport::rows).containsExactly((long) lines.size() - 1, (long) lines.size() - 1);
        assertThat(spark.sql("SELECT DISTINCT charge_description FROM focus_stage WHERE charge_description LIKE '%line%'")
                .collectAsList()).extracting(r -> r.getString(0)).containsExactly("Hot tier, first line\nsecond line");
        spark.catalog().dropTempView("usage_daily");
        onSpark(multi);
        assertThat(profiledRows()).isEqualTo(lines.size() - 1);
        assertSameProfileAs(duckProfile);

        // Windows line ends read the same, line by line or as whole records.
        Path crlf = dir.resolve("crlf.csv");
        Files.write(crlf, (String.join("\r\n", Files.readAllLines(multi)) + "\r\n").getBytes(StandardCharsets.UTF_8));
        spark.catalog().dropTempView("usage_daily");
        assertThat(onSpark(crlf).rowsIngested()).isEqualTo(lines.size() - 1);
        assertSameProfileAs(duckProfile);

        // A bad value after the quoted newline is still found, on the line DuckDB names.
        List<String> withBad = Files.readAllLines(multi);
        Path bad = write("quoted-newline-bad.csv", withField(withBad, withBad.size() - 1, "BilledCost", "12.5x"));
        FocusFormatException e = catchThrowableOfType(FocusFormatException.class, () -> onSpark(bad));
        assertThat(e.column()).isEqualTo("BilledCost");
        assertThat(e.getMessage()).isEqualTo(onDuckDb(bad));
    }

    /** Some exporters start CSV with a UTF-8 byte order mark; Spark's CSV reader (multiLine) drops it, as DuckDB does. */
    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnsName() throws Exception {
        Path bom = dir.resolve("bom.csv");
        Files.write(bom, ("\uFEFF" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        FileReport withBom = onSpark(bom).files().getFirst();
        FileReport plain = onSpark(good).files().getFirst();
        assertThat(withBom.unrecognisedColumns()).isEmpty();
        assertThat(withBom.versionEvidence()).isEqualTo(plain.versionEvidence());
        assertThat(withBom.rows()).isEqualTo(plain.rows()).isEqualTo(lines.size() - 1);
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            assertThat(engine.ingest(List.of(bom.toString()), Progress.NONE).files().getFirst().unrecognisedColumns())
                    .isEqualTo(withBom.unrecognisedColumns());
        }
    }

    @Test
    void aNonNumericCostIsNamedByFileLineAndColumnAsDuckDbNamesIt() throws Exception {
        Path bad = write("bad-cost.csv", withField(lines, 5, "BilledCost", "12.5x"));
        FocusFormatException e = catchThrowableOfType(FocusFormatException.class, () -> onSpark(bad));
        assertThat(e).hasMessageContaining(bad + ":6: column BilledCost: not a decimal number: \"12.5x\"")
                .hasMessageContaining("nothing from this file was ingested");
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.column()).isEqualTo("BilledCost");
        assertThat(e.getMessage()).isEqualTo(onDuckDb(bad));
        assertThat(spark.catalog().tableExists("usage_daily")).isFalse();
    }

    @Test
    void aNonUtcOffsetOrAWordIsNotATimestamp() throws Exception {
        Path offset = write("bad-offset.csv", withField(lines, 3, "ChargePeriodStart", "2026-10-27T02:00:00+02:00"));
        Path word = write("bad-word.csv", withField(lines, 2, "ChargePeriodEnd", "yesterday"));
        FocusFormatException e = catchThrowableOfType(FocusFormatException.class, () -> onSpark(offset));
        assertThat(e).hasMessageContaining(offset + ":4: column ChargePeriodStart: not a UTC timestamp")
                .hasMessageContaining("2026-10-27T02:00:00+02:00");
        assertThat(e.getMessage()).isEqualTo(onDuckDb(offset));
        // Spark alone would read "yesterday" as a date; DuckDB does not, and neither does ingestion on Spark.
        FocusFormatException w = catchThrowableOfType(FocusFormatException.class, () -> onSpark(word));
        assertThat(w).hasMessageContaining(word + ":3: column ChargePeriodEnd: not a UTC timestamp");
        assertThat(w.getMessage()).isEqualTo(onDuckDb(word));
    }

    @Test
    void aMissingRequiredColumnIsNamedOnTheHeaderLine() throws Exception {
        int c = fields(lines.getFirst()).indexOf("EffectiveCost");
        List<String> cut = new ArrayList<>();
        for (String l : lines) {
            List<String> f = fields(l);
            f.remove(c);
            cut.add(String.join(",", f));
        }
        Path bad = write("missing-column.csv", cut);
        FocusFormatException e = catchThrowableOfType(FocusFormatException.class, () -> onSpark(bad));
        assertThat(e).hasMessageContaining(bad + ":1: column EffectiveCost: required FOCUS column is missing");
        assertThat(e.getMessage()).isEqualTo(onDuckDb(bad));
    }

    @Test
    void aTruncatedGzipIsNamedWithTheLineWhereItsDataEnds() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(bytes)) {
            o.write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        }
        byte[] zipped = bytes.toByteArray();
        Path gz = dir.resolve("truncated.csv.gz");
        Files.write(gz, Arrays.copyOf(zipped, zipped.length / 2));
        FocusFormatException e = catchThrowableOfType(FocusFormatException.class, () -> onSpark(gz));
        assertThat(e).hasMessageStartingWith(gz + ":" + e.line() + ": ").hasMessageContaining("truncated gzip")
                .hasMessageContaining("nothing from this file was ingested");
        assertThat(e.line()).isBetween(2L, (long) lines.size());
        assertThat(e.column()).isNull();
        assertThat(spark.catalog().tableExists("usage_daily")).isFalse();
    }

    @Test
    void aLineCutShortIsNamed() throws Exception {
        List<String> cut = new ArrayList<>(lines);
        String last = cut.getLast();
        cut.set(cut.size() - 1, last.substring(0, fieldStart(last, fields(lines.getFirst()).indexOf("BilledCost"))));
        Path bad = write("cut.csv", cut);
        FocusFormatException e = catchThrowableOfType(FocusFormatException.class, () -> onSpark(bad));
        assertThat(e).hasMessageContaining(bad + ":" + lines.size() + ": the line does not have the header's number of fields");
        assertThat(e.line()).isEqualTo(lines.size());
    }

    @Test
    void aGoodFileInTheSameRunAsABadOneIsNotHalfApplied() throws Exception {
        Path bad = write("z-bad.csv", withField(lines, lines.size() - 1, "EffectiveCost", "lots"));
        assertThatThrownBy(() -> onSpark(good, bad)).isInstanceOf(FocusFormatException.class)
                .hasMessageContaining("z-bad.csv:" + lines.size() + ": column EffectiveCost");
        assertThat(spark.catalog().tableExists("usage_daily")).isFalse();

        // A profile built before stays exactly as it was when a later run fails.
        IngestReport alone = onSpark(good);
        assertThat(alone.rowsIngested()).isEqualTo(lines.size() - 1);
        assertThat(profiledRows()).isEqualTo(lines.size() - 1);
        assertThatThrownBy(() -> onSpark(good, bad)).isInstanceOf(FocusFormatException.class);
        assertThat(profiledRows()).isEqualTo(lines.size() - 1);
    }

    @Test
    void everyBadFileOfARunIsNamed() throws Exception {
        Path a = write("a-bad.csv", withField(lines, 2, "BilledCost", "x"));
        Path b = write("b-bad.csv", withField(lines, 4, "BillingAccountId", ""));
        FocusFormatException e = catchThrowableOfType(FocusFormatException.class, () -> onSpark(good, a, b));
        assertThat(e).hasMessageContaining(a + ":3: column BilledCost: not a decimal number");
        assertThat(e.getSuppressed()).singleElement().asString()
                .contains(b + ":5: column BillingAccountId: required value is missing");
    }

    @Test
    void directoriesGlobsGzipAndParquetAreReadTogether() throws Exception {
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(mixed.resolve("usage.csv.gz")))) {
            Files.copy(good, o);
        }
        Path pq = new FocusGenerator(FocusGenerator.Options.of(dir.resolve("pq"), 5, 3, 11, "parquet",
                FocusGenerator.Style.AZURE)).generate()
                .usageFiles().getFirst();
        Files.copy(pq, mixed.resolve("usage.parquet"));
        IngestReport report = new SparkProfileBuilder(spark, MeterRecognition.shipped()).build(mixed.toString(),
                dir + "/gen/*.csv");
        assertThat(report.files()).extracting(FileReport::format).containsExactly("csv", "parquet", "csv");
        assertThat(report.files()).extracting(FileReport::rows).containsOnly((long) lines.size() - 1);
        assertThat(profiledRows()).isEqualTo(3L * (lines.size() - 1));
        assertThatThrownBy(() -> onSpark(dir.resolve("nope.csv"))).hasMessageContaining("no such file or directory");
        assertThatThrownBy(() -> new SparkProfileBuilder(spark, MeterRecognition.shipped()).build(dir + "/*.nothing"))
                .hasMessageContaining("no file matches");
    }

    @Test
    void aFileTwiceInARunIsReadOnceAndReportedAsDuckDbReportsIt() throws Exception {
        Path copy = dir.resolve("gen/zz-copy-of-usage.csv");
        Files.copy(good, copy);
        IngestReport report = onSpark(good, copy);
        assertThat(report.filesSkipped()).isEqualTo(1);
        assertThat(report.files().get(1).versionEvidence()).isEqualTo("already ingested as " + good);
        assertThat(report.rowsIngested()).isEqualTo(lines.size() - 1);
        assertThat(profiledRows()).isEqualTo(lines.size() - 1);
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            assertThat(report).isEqualTo(engine.ingest(List.of(good.toString(), copy.toString()), Progress.NONE));
        }
    }

    @Test
    void parquetErrorsNameTheRowAndColumn() throws Exception {
        Path badCsv = write("bad-cost.csv", withField(lines, 5, "BilledCost", "12.5x"));
        Path textual = dir.resolve("textual.parquet");
        Path wrongType = dir.resolve("wrong-type.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            // Every column as text, as some exporters write Parquet; then one timestamp column as a number.
            s.execute("COPY (SELECT * FROM read_csv('" + badCsv + "', all_varchar = true)) TO '" + textual + "' (FORMAT parquet)");
            s.execute("COPY (SELECT * REPLACE (42 AS ChargePeriodEnd) FROM read_csv('" + good + "')) TO '" + wrongType
                    + "' (FORMAT parquet)");
        }
        FocusFormatException e = catchThrowableOfType(FocusFormatException.class, () -> onSpark(textual));
        assertThat(e).hasMessageContaining(textual + ":5: column BilledCost: not a decimal number: \"12.5x\"");
        assertThat(e.getMessage()).isEqualTo(onDuckDb(textual));
        FocusFormatException t = catchThrowableOfType(FocusFormatException.class, () -> onSpark(wrongType));
        assertThat(t).hasMessageStartingWith(wrongType + ": column ChargePeriodEnd: has type INT")
                .hasMessageContaining("expected a UTC timestamp");
    }

    @Test
    void theJobReportsEachFileAndRunsNoRuleWhenAFileIsBad() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = SparkSignalsJob.run(spark, new String[] {"focus", good.toString(), engagements.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(good + ": FOCUS 1.3 (from ServiceProviderName")
                .contains(String.format(", csv, %,d rows", lines.size() - 1));
        assertThat(new ObjectMapper().readTree(out.toByteArray()).isArray()).isTrue();

        Path both = Files.createDirectories(dir.resolve("both"));
        Files.copy(good, both.resolve("a-good.csv"));
        Files.write(both.resolve("b-bad.csv"), withField(lines, 5, "BilledCost", "12.5x"));
        out.reset();
        err.reset();
        status = SparkSignalsJob.run(spark, new String[] {"focus", both.toString(), engagements.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(both.resolve("b-bad.csv") + ":6: column BilledCost")
                .contains("no profile was built and no rule ran");
        assertThat(out.size()).isZero();
    }

    private Path write(String name, List<String> content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    /** A field of a CSV line: quoted (commas and doubled quotes inside) or plain, then a comma or the end. */
    private static final Pattern FIELD = Pattern.compile("(\"(?:[^\"]|\"\")*\"|[^,]*)(,|$)");

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        Matcher m = FIELD.matcher(line);
        int from = 0;
        while (m.find(from)) {
            out.add(m.group(1));
            if (m.group(2).isEmpty()) break;
            from = m.end();
        }
        return out;
    }

    private static int fieldStart(String line, int index) {
        Matcher m = FIELD.matcher(line);
        int from = 0;
        for (int i = 0; i < index; i++) {
            m.find(from);
            from = m.end();
        }
        return from;
    }

    /** The lines with one field of data line {@code dataLine} (header = 0) replaced. */
    private static List<String> withField(List<String> lines, int dataLine, String column, String value) {
        List<String> copy = new ArrayList<>(lines);
        List<String> f = fields(copy.get(dataLine));
        f.set(fields(lines.getFirst()).indexOf(column), value);
        copy.set(dataLine, String.join(",", f));
        return copy;
    }
}
