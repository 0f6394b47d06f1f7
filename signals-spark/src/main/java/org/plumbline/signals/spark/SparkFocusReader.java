package org.plumbline.signals.spark;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.plumbline.signals.FileReport;
import org.plumbline.signals.FocusFormatException;
import org.plumbline.signals.FocusSchema;
import org.plumbline.signals.IngestReport;
import org.plumbline.signals.MeterRecognition;
import org.plumbline.signals.spark.SparkInputFiles.Format;
import org.plumbline.signals.spark.SparkInputFiles.Input;

/**
 * Reads FOCUS files (CSV, gzip'd CSV, Parquet) on Spark and validates them with the semantics of DuckDB
 * ingestion (FocusIngester), staging each file into the groups the profile is built from.
 *
 * <p>The same rules, value for value: the required columns of {@link FocusSchema#REQUIRED}; money and
 * quantities parse as DECIMAL(38,12); timestamps parse and are UTC (an explicit other offset is an error);
 * {@link FocusSchema#REQUIRED_VALUES} are present in every row. The known deviations of real exports are
 * accepted and counted with the same labels and over the same cells: the literal {@code NULL} (in every
 * column the profile reads), timestamps not in the {@code YYYY-MM-DDTHH:MM:SSZ} form, Parquet timestamps
 * without a time zone. The version comes from {@link FocusSchema#detect}, unrecognised columns from
 * {@link FocusSchema#unrecognised}. Beyond DuckDB: a CSV line whose number of fields differs from the
 * header's is an error of its own (Spark would otherwise fill or cut it silently), and Spark's relative
 * timestamp words ({@code yesterday}, {@code now}) are not timestamps.
 *
 * <p>Files with the same format and columns are read in one Spark pass that, like DuckDB's, aggregates
 * the rows by file, account, day and kind while counting invalid values and deviations per file. Only
 * when a file has an invalid value is it read again, to find the first bad row and name its line (CSV:
 * the header is line 1, so data row n is line n + 1, as DuckDB counts; Parquet: the row). Rows are
 * ordered by the byte offset of Spark's split, then by their order within it.
 *
 * <p>All or nothing, for the whole run: every file is validated, and if any is bad the run fails with
 * the first bad file's error (the others attached as suppressed exceptions) and nothing from any file is
 * returned. DuckDB keeps the files before a bad one because its store persists across runs and a fixed
 * file can be added later; a Spark run has no store, so a profile missing some files would only yield
 * findings on partial data (e.g. a growth rule firing on a missing day).
 *
 * <p>Each file's SHA-256 is computed first ({@link SparkFileHashes}); a file with the same bytes as an
 * earlier file of the run is reported as skipped and not read, as DuckDB ingestion skips a file its ledger
 * holds. A run keeps no ledger after it ends: the next run reads its files afresh.
 */
final class SparkFocusReader {
    private static final String DEC = "DECIMAL(38,12)";
    /** The column Spark fills with a CSV record whose field count differs from the header's. */
    private static final String MALFORMED = "plumbline_malformed_record";

    private final SparkSession spark;
    private final MeterRecognition meters;
    /** Temporary view names, unique in the JVM: readers may share a session. */
    private static final AtomicLong VIEWS = new AtomicLong();

    SparkFocusReader(SparkSession spark, MeterRecognition meters) {
        this.spark = spark;
        this.meters = meters;
    }

    /**
     * A group's staged rows, kept in Spark's cache until the profile is built, less the files of the group
     * that were read again as whole records (their rows come from that second read).
     */
    private record Staged(Dataset<Row> cached, List<String> rereadFiles) {
        Dataset<Row> rows() {
            return rereadFiles.isEmpty() ? cached
                    : cached.where(functions.not(functions.col("plumbline_file").isin(rereadFiles.toArray())));
        }
    }

    /** The validated files: one report each, and their rows staged (grouped) for the profile. */
    record Result(IngestReport report, Dataset<Row> stage) {}

    Result read(List<String> inputs) throws IOException, FocusFormatException {
        // FOCUS times are UTC and a profile day is a UTC day, as in DuckDB; strings without an offset are
        // read in the session's zone, so the session's zone must be UTC.
        spark.conf().set("spark.sql.session.timeZone", "UTC");
        List<Input> files = SparkInputFiles.expand(spark.sparkContext().hadoopConfiguration(), inputs);
        Map<Input, FileReport> reports = new HashMap<>();
        Map<Input, FocusFormatException> errors = new HashMap<>();

        // A file whose bytes an earlier file of the run has is skipped, as DuckDB ingestion's ledger skips it.
        Map<String, String> hashes;
        try {
            hashes = SparkFileHashes.of(spark, files);
        } catch (Exception e) { // SparkException is checked, though Java does not see it declared
            throw new IOException("cannot read the FOCUS files to hash them: " + firstLine(rootMessage(e)), e);
        }
        Map<String, Input> bySha = new HashMap<>();
        List<Input> toRead = new ArrayList<>();
        for (Input f : files) {
            String sha = hashes.get(SparkInputFiles.key(f.uri()));
            Input earlier = bySha.putIfAbsent(sha, f);
            if (earlier == null) {
                toRead.add(f);
            } else {
                reports.put(f, new FileReport(f.name(), sha, f.format().name().toLowerCase(Locale.ROOT), "",
                        "already ingested as " + earlier.name(), true, 0, Map.of(), List.of()));
            }
        }

        // Group the readable files by format and columns: each group is one Spark read.
        Map<String, List<Input>> groups = new LinkedHashMap<>();
        Map<String, StructType> schemas = new HashMap<>();
        for (Input f : toRead) {
            StructType schema;
            try {
                schema = schemaOf(f);
            } catch (Exception e) {
                errors.put(f, unreadable(f, e, "cannot be read as " + (f.format() == Format.PARQUET ? "Parquet" : "CSV")));
                continue;
            }
            List<String> columns = List.of(schema.fieldNames());
            String missing = FocusSchema.REQUIRED.stream().filter(r -> !columns.contains(r)).findFirst().orElse(null);
            if (missing != null) {
                errors.put(f, new FocusFormatException(f.name(), f.format() == Format.CSV ? 1 : 0, missing,
                        "required FOCUS column is missing (columns found: " + columns.size() + ")"));
                continue;
            }
            String key = f.format() + " " + schema.json();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
            schemas.put(key, schema);
        }

        List<Staged> staged = new ArrayList<>();
        try {
            for (var g : groups.entrySet()) {
                validateGroup(g.getValue(), schemas.get(g.getKey()), true, hashes, staged, reports, errors);
            }
        } catch (Exception e) { // rethrown as it is: IOException, or unchecked (SparkException slips past Java's checks)
            for (Staged s : staged) s.cached().unpersist();
            throw e;
        }

        FocusFormatException first = null;
        for (Input f : files) {
            FocusFormatException e = errors.get(f);
            if (e == null) continue;
            if (first == null) first = e;
            else first.addSuppressed(e);
        }
        if (first != null) {
            for (Staged s : staged) s.cached().unpersist();
            throw first;
        }
        List<FileReport> ordered = new ArrayList<>();
        for (Input f : files) ordered.add(reports.get(f));
        Dataset<Row> union = null;
        for (Staged s : staged) {
            Dataset<Row> profileColumns = s.rows().selectExpr(StagePlan.STAGE_COLUMNS);
            union = union == null ? profileColumns : union.unionAll(profileColumns);
        }
        return new Result(new IngestReport(ordered), union);
    }

    /**
     * One Spark pass over a group of files with the same format and columns: stages them (kept in
     * {@code staged}), then reports each file or records its error.
     *
     * <p>CSV is read line by line first ({@code byLine}), which Spark splits across tasks however large a
     * file is. A record with a quoted newline then reads as broken lines, which fail validation; so a file
     * with any invalid value in that read is read again as whole records (one task per file, as Spark must
     * to follow quotes across lines), its line-by-line rows are left out of the first read's stage, and only
     * an error found in that second read is reported.
     */
    private void validateGroup(List<Input> group, StructType schema, boolean byLine, Map<String, String> hashes,
                               List<Staged> staged, Map<Input, FileReport> reports,
                               Map<Input, FocusFormatException> errors) throws IOException {
        Format format = group.getFirst().format();
        boolean lines = byLine && format == Format.CSV;
        StagePlan plan;
        try {
            plan = new StagePlan(schema, format == Format.CSV, meters.customColumns(), meters.unitColumns());
        } catch (ColumnTypeException e) {
            for (Input f : group) errors.put(f, new FocusFormatException(f.name(), 0, e.column, e.getMessage()));
            return;
        }
        Map<String, long[]> totals = new HashMap<>();
        Map<String, String> fileNames = new HashMap<>();
        Dataset<Row> stage = stage(plan, format, group, lines).persist();
        try {
            totals.putAll(totals(plan, stage, fileNames));
            staged.add(new Staged(stage, List.of()));
        } catch (Exception e) { // SparkException is checked, though Java does not see it declared
            // Some file of the group cannot be read through (e.g. a truncated gzip): find which, one by one.
            stage.unpersist();
            boolean found = false;
            for (Input f : group) {
                try {
                    totals.putAll(totals(plan, stage(plan, format, List.of(f), lines), fileNames));
                } catch (Exception one) {
                    errors.put(f, unreadable(f, one, "cannot be read"));
                    found = true;
                }
            }
            // Each file reads alone: the failure was not a file's (e.g. the cluster's). Never report them as read.
            if (!found) throw new IOException("Spark failed reading " + group.size() + " FOCUS file(s) from "
                    + group.getFirst().name() + ": " + firstLine(rootMessage(e)), e);
        }
        List<Input> asRecords = new ArrayList<>();
        for (Input f : group) {
            if (errors.containsKey(f)) continue;
            long[] t = totals.getOrDefault(SparkInputFiles.key(f.uri()), new long[3 + plan.checks.size()]);
            boolean bad = false;
            for (int i = 0; i < plan.checks.size(); i++) bad |= t[3 + i] > 0;
            if (bad && lines) asRecords.add(f);
            else if (bad) errors.put(f, locate(plan, f, t));
            else reports.put(f, report(f, hashes.get(SparkInputFiles.key(f.uri())), plan, t));
        }
        if (!asRecords.isEmpty()) {
            if (!staged.isEmpty() && staged.getLast().cached() == stage) {
                List<String> reread = asRecords.stream().map(f -> fileNames.get(SparkInputFiles.key(f.uri()))).toList();
                staged.set(staged.size() - 1, new Staged(stage, reread));
            }
            validateGroup(asRecords, schema, false, hashes, staged, reports, errors);
        }
    }

    private StructType schemaOf(Input f) {
        if (f.format() == Format.PARQUET) return spark.read().parquet(f.uri()).schema();
        StructType header = csv(true).csv(f.uri()).schema();
        // Every CSV cell is read as text and parsed by the plan, as DuckDB ingestion reads CSV (all_varchar).
        List<StructField> fields = new ArrayList<>();
        for (String n : header.fieldNames()) fields.add(DataTypes.createStructField(n, DataTypes.StringType, true));
        return new StructType(fields.toArray(new StructField[0]));
    }

    /**
     * CSV as DuckDB ingestion reads it: comma, double quotes doubled to escape, header line; quoted newlines
     * when {@code records} (one task per file), else line by line (split across tasks).
     */
    private DataFrameReader csv(boolean records) {
        return spark.read().option("header", "true").option("multiLine", String.valueOf(records)).option("sep", ",")
                .option("quote", "\"").option("escape", "\"").option("mode", "PERMISSIVE");
    }

    private Dataset<Row> source(StructType schema, Format format, List<Input> files, boolean lines) {
        String[] uris = files.stream().map(Input::uri).toArray(String[]::new);
        if (format == Format.PARQUET) return spark.read().schema(schema).parquet(uris);
        StructType withMalformed = schema.add(MALFORMED, DataTypes.StringType, true);
        return csv(!lines).schema(withMalformed).option("columnNameOfCorruptRecord", MALFORMED).csv(uris);
    }

    private String view(Dataset<Row> d) {
        String name = "plumbline_focus_" + VIEWS.incrementAndGet();
        d.createOrReplaceTempView(name);
        return name;
    }

    /** One pass: the profile groups of every file, with per-group counts of invalid values and deviations. */
    private Dataset<Row> stage(StagePlan plan, Format format, List<Input> files, boolean lines) {
        // The file of each row from Spark's hidden _metadata column (selected on the relation itself: it does not pass views).
        String v = view(source(plan.schema, format, files, lines).selectExpr("*", "_metadata.file_path AS plumbline_file"));
        try {
            return spark.sql(plan.stageSql(v));
        } finally {
            spark.catalog().dropTempView(v);
        }
    }

    /**
     * Per file (keyed as {@link SparkInputFiles#key}): rows, NULL literals, non-ISO timestamps, then each
     * check's bad count; {@code fileNames} gets each key's path as Spark wrote it in the stage.
     */
    private Map<String, long[]> totals(StagePlan plan, Dataset<Row> stage, Map<String, String> fileNames) {
        String v = view(stage);
        StringBuilder q = new StringBuilder("SELECT plumbline_file, sum(rows), sum(dev_null), sum(dev_iso)");
        for (int i = 0; i < plan.checks.size(); i++) q.append(", sum(bad_").append(i).append(")");
        q.append(" FROM ").append(v).append(" GROUP BY plumbline_file");
        Map<String, long[]> out = new HashMap<>();
        try {
            for (Row r : spark.sql(q.toString()).collectAsList()) {
                long[] t = new long[r.length() - 1];
                for (int i = 1; i < r.length(); i++) t[i - 1] = r.isNullAt(i) ? 0 : ((Number) r.get(i)).longValue();
                out.put(SparkInputFiles.key(r.getString(0)), t);
                fileNames.put(SparkInputFiles.key(r.getString(0)), r.getString(0));
            }
        } finally {
            spark.catalog().dropTempView(v);
        }
        return out;
    }

    private FileReport report(Input f, String sha256, StagePlan plan, long[] t) {
        long rows = t[0];
        Map<String, Long> deviations = new LinkedHashMap<>();
        if (t[1] > 0) deviations.put(FocusSchema.DEVIATION_NULL_LITERAL, t[1]);
        if (t[2] > 0) deviations.put(FocusSchema.DEVIATION_TIMESTAMP_FORM, t[2]);
        for (String c : plan.timestampsWithoutZone) deviations.put(FocusSchema.deviationTimestampWithoutZone(c), rows);
        List<String> columns = plan.columns();
        FocusSchema.Detection version = FocusSchema.detect(columns);
        return new FileReport(f.name(), sha256, f.format().name().toLowerCase(Locale.ROOT), version.version(),
                version.describe(), false, rows, deviations, FocusSchema.unrecognised(columns));
    }

    /** Second pass over one bad file: the first row with an invalid value, named by line and column. */
    private FocusFormatException locate(StagePlan plan, Input f, long[] t) {
        String v = view(source(plan.schema, f.format(), List.of(f), false).selectExpr("*",
                "_metadata.file_block_start AS plumbline_split", "monotonically_increasing_id() AS plumbline_seq"));
        String indexed = "(SELECT row_number() OVER (ORDER BY plumbline_split, plumbline_seq) AS plumbline_row, * FROM " + v + ")";
        long bestRow = Long.MAX_VALUE, total = 0;
        StagePlan.Check best = null;
        String value = null;
        try {
            for (int i = 0; i < plan.checks.size(); i++) {
                if (t[3 + i] == 0) continue;
                total += t[3 + i];
                StagePlan.Check ch = plan.checks.get(i);
                String shown = ch.column() == null ? "CAST(NULL AS STRING)" : "CAST(" + StagePlan.quote(ch.column()) + " AS STRING)";
                // A required column is read too: Spark refuses a CSV scan of nothing but the malformed-record column.
                List<Row> hit = spark.sql("SELECT plumbline_row, " + shown + ", BillingAccountId FROM " + indexed + " WHERE "
                        + ch.badPredicate() + " ORDER BY plumbline_row LIMIT 1").collectAsList();
                long row = hit.isEmpty() ? Long.MAX_VALUE : ((Number) hit.getFirst().get(0)).longValue();
                if (row < bestRow) {
                    bestRow = row;
                    best = ch;
                    value = hit.getFirst().isNullAt(1) ? null : hit.getFirst().getString(1);
                }
            }
        } finally {
            spark.catalog().dropTempView(v);
        }
        if (best == null) return new FocusFormatException(f.name(), 0, null, total + " invalid value(s)");
        long line = f.format() == Format.CSV ? bestRow + 1 : bestRow;
        String more = total > 1 ? " (" + total + " invalid values in this file)" : "";
        return new FocusFormatException(f.name(), line, best.column(),
                best.problem() + (value == null ? "" : ": \"" + value + "\"") + more);
    }

    /** A file Spark could not read through. For a gzip'd file cut short, the line at which its data ends is named. */
    private FocusFormatException unreadable(Input f, Exception e, String what) {
        String cause = firstLine(rootMessage(e));
        long cut = f.name().toLowerCase(Locale.ROOT).endsWith(".gz") ? gzipCutLine(f) : 0;
        if (cut > 0) {
            return new FocusFormatException(f.name(), cut, null,
                    "the compressed data ends in the middle of this line (truncated gzip): " + cause);
        }
        return new FocusFormatException(f.name(), 0, null, what + ": " + cause);
    }

    /** The line being decompressed when a gzip stream ends early, or 0 if it decompresses whole. */
    private long gzipCutLine(Input f) {
        Path p = new Path(f.uri());
        long lines = 1;
        try (InputStream in = new GZIPInputStream(p.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(p), 1 << 16)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) for (int i = 0; i < n; i++) if (buf[i] == '\n') lines++;
            return 0;
        } catch (EOFException e) {
            return lines;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl > 0 ? t.substring(0, nl) : t;
    }

    /** A column whose Parquet type cannot be what FOCUS says it is: the whole file is rejected. */
    static final class ColumnTypeException extends Exception {
        private static final long serialVersionUID = 1L;
        final String column;

        ColumnTypeException(String column, String problem) {
            super(problem);
            this.column = column;
        }
    }

    /**
     * The SQL that parses, validates and stages one group of files, built from the group's column types as
     * DuckDB ingestion builds its pass: CSV cells arrive as text (the literal NULL is a counted deviation,
     * not a value), Parquet columns arrive typed.
     */
    static final class StagePlan {
        /** The staged columns the profile is built from (besides the file and the validation counts). */
        static final String[] STAGE_COLUMNS = {"account_id", "billing_account_id", "day", "span", "service_name", "service_category",
                "service_subcategory", "region", "charge_category", "currency", "consumed_unit", "sku_meter",
                "charge_description", "custom_meter", "provider", "provider_unit", "qty", "cost", "rows", "last_usage_epoch",
                "list_cost", "priced_qty"};

        /** A validation: a per-row predicate true when the value is invalid, and what is wrong; column null for a whole line. */
        record Check(String column, String badPredicate, String problem) {}

        final StructType schema;
        final List<Check> checks = new ArrayList<>();
        final List<String> timestampsWithoutZone = new ArrayList<>();
        private final boolean csv;
        private final Map<String, DataType> types = new LinkedHashMap<>();
        private final List<String> nullTerms = new ArrayList<>();
        private final List<String> isoTerms = new ArrayList<>();
        private final Map<String, String> done = new HashMap<>();
        private final List<String> custom = new ArrayList<>();
        private String unitColumn;

        StagePlan(StructType schema, boolean csv, List<String> customColumns, List<String> unitColumns) throws ColumnTypeException {
            this.schema = schema;
            this.csv = csv;
            for (StructField f : schema.fields()) types.put(f.name(), f.dataType());
            if (csv) checks.add(new Check(null, MALFORMED + " IS NOT NULL",
                    "the line does not have the header's number of fields (malformed or truncated CSV)"));
            // The order of DuckDB ingestion's checks, so that a file with several problems is named by the same one.
            for (String d : FocusSchema.DECIMALS) if (types.containsKey(d)) decimal(d);
            for (String t : FocusSchema.TIMESTAMPS) if (types.containsKey(t)) timestamp(t);
            for (String r : FocusSchema.REQUIRED_VALUES) checks.add(new Check(r, value(r) + " IS NULL", "required value is missing"));
            for (String c : customColumns) if (types.containsKey(c)) custom.add(c);
            for (String c : unitColumns) if (unitColumn == null && types.containsKey(c)) unitColumn = c;
        }

        List<String> columns() {
            return List.copyOf(types.keySet());
        }

        static String quote(String column) {
            return "`" + column.replace("`", "``") + "`";
        }

        private boolean text(String column) {
            return DataTypes.StringType.equals(types.get(column));
        }

        /** The column's value; in CSV the literal NULL is read as null and counted, once per column read. */
        String value(String column) {
            String q = quote(column);
            if (!csv || !text(column)) return q;
            if (done.putIfAbsent("null:" + column, "") == null) nullTerms.add("CASE WHEN " + q + " = 'NULL' THEN 1 ELSE 0 END");
            return "nullif(" + q + ", 'NULL')";
        }

        String optional(String column) {
            return types.containsKey(column) ? value(column) : "CAST(NULL AS STRING)";
        }

        /** Builds a column's parsed expression (and its checks) once, however often the plan asks for it. */
        private interface Parse {
            String expression() throws ColumnTypeException;
        }

        private String once(String key, Parse parse) throws ColumnTypeException {
            String cached = done.get(key);
            if (cached != null) return cached;
            String expr = parse.expression();
            done.put(key, expr);
            return expr;
        }

        String decimal(String column) throws ColumnTypeException {
            return once("dec:" + column, () -> {
                DataType type = types.get(column);
                String expr;
                if (text(column)) {
                    String v = value(column);
                    expr = "try_cast(" + v + " AS " + DEC + ")";
                    checks.add(new Check(column, "(" + v + " IS NOT NULL AND " + expr + " IS NULL)", "not a decimal number"));
                } else if (type instanceof DecimalType || type.equals(DataTypes.ByteType) || type.equals(DataTypes.ShortType)
                        || type.equals(DataTypes.IntegerType) || type.equals(DataTypes.LongType)) {
                    expr = quote(column);
                } else if (type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType)) {
                    // Floating-point money in a file: made exact decimal per row, before anything is summed.
                    expr = "CAST(" + quote(column) + " AS " + DEC + ")";
                } else {
                    throw new ColumnTypeException(column, "has type " + type.sql() + "; expected a decimal number");
                }
                return expr;
            });
        }

        String timestamp(String column) throws ColumnTypeException {
            return once("ts:" + column, () -> {
                DataType type = types.get(column);
                String expr;
                if (text(column)) {
                    String v = value(column);
                    expr = "try_cast(" + v + " AS TIMESTAMP)";
                    // Read without its offset, the same text gives another instant unless the offset was UTC (or absent):
                    // FOCUS requires UTC, so another offset is an error. Spark's words (yesterday, now) are no timestamps.
                    String local = "try_cast(" + v + " AS TIMESTAMP_NTZ)";
                    checks.add(new Check(column, "(" + v + " IS NOT NULL AND (NOT " + v + " RLIKE '^\\\\s*[0-9]' OR " + expr
                            + " IS NULL OR " + local + " IS NULL OR CAST(" + local + " AS TIMESTAMP) <> " + expr + "))",
                            "not a UTC timestamp (FOCUS: YYYY-MM-DDTHH:MM:SSZ)"));
                    isoTerms.add("CASE WHEN " + v + " IS NOT NULL AND NOT (" + v + " LIKE '____-__-__T%Z') THEN 1 ELSE 0 END");
                } else if (type.equals(DataTypes.TimestampType)) {
                    expr = quote(column);
                } else if (type.equals(DataTypes.TimestampNTZType) || type instanceof DateType) {
                    expr = "CAST(" + quote(column) + " AS TIMESTAMP)";
                    timestampsWithoutZone.add(column);
                } else {
                    throw new ColumnTypeException(column, "has type " + type.sql() + "; expected a UTC timestamp");
                }
                return expr;
            });
        }

        /** The staging query over the view {@code from} (the files' columns and {@code plumbline_file}). */
        String stageSql(String from) {
            try {
                String start = timestamp("ChargePeriodStart");
                String qty = types.containsKey("ConsumedQuantity") ? decimal("ConsumedQuantity") : "CAST(0 AS DECIMAL(18,0))";
                String cost = decimal("EffectiveCost");
                String billing = value("BillingAccountId");
                String sub = optional("SubAccountId");
                String regionId = optional("RegionId"), regionName = optional("RegionName");
                String customText = custom.isEmpty() ? "CAST(NULL AS STRING)"
                        : "concat_ws(' ', " + String.join(", ", custom.stream().map(this::value).toList()) + ")";
                StringBuilder q = new StringBuilder("SELECT plumbline_file, ")
                        .append("coalesce(").append(sub).append(", ").append(billing).append(") AS account_id, ")
                        .append(billing).append(" AS billing_account_id, ")
                        .append("CAST(floor(unix_seconds(").append(start).append(") / 86400) AS INT) AS day, ")
                        // The days the charge period covers, as DuckDB ingestion counts them (a quantity is spread over them).
                        .append("CAST(greatest(1, (unix_micros(").append(timestamp("ChargePeriodEnd")).append(") - unix_micros(")
                        .append(start).append(") + 86399999999) div 86400000000) AS INT) AS span, ")
                        .append(value("ServiceName")).append(" AS service_name, ")
                        .append(value("ServiceCategory")).append(" AS service_category, ")
                        .append(optional("ServiceSubcategory")).append(" AS service_subcategory, ")
                        .append("coalesce(").append(regionId).append(", ").append(regionName).append(") AS region, ")
                        .append(value("ChargeCategory")).append(" AS charge_category, ")
                        .append(value("BillingCurrency")).append(" AS currency, ")
                        .append(optional("ConsumedUnit")).append(" AS consumed_unit, ")
                        .append(optional("SkuMeter")).append(" AS sku_meter, ")
                        .append(optional("ChargeDescription")).append(" AS charge_description, ")
                        .append(customText).append(" AS custom_meter, ")
                        // Whose units (ProviderName, else 1.3's ServiceProviderName) and the provider's own unit column,
                        // as DuckDB ingestion reads them.
                        .append(optional(types.containsKey("ProviderName") ? "ProviderName" : "ServiceProviderName")).append(" AS provider, ")
                        .append(unitColumn == null ? "CAST(NULL AS STRING)" : value(unitColumn)).append(" AS provider_unit, ")
                        .append("CAST(sum(").append(qty).append(") AS ").append(DEC).append(") AS qty, ")
                        .append("CAST(sum(").append(cost).append(") AS ").append(DEC).append(") AS cost, ")
                        .append("count(*) AS rows, ")
                        .append("max(CASE WHEN ").append(qty).append(" > 0 OR ").append(cost).append(" > 0 THEN unix_seconds(")
                        .append(start).append(") END) AS last_usage_epoch");
                // Whether ConsumedQuantity counts the provider unit's blocks, as DuckDB ingestion checks it.
                if (unitColumn != null && types.containsKey("ListCost") && types.containsKey("ListUnitPrice")) {
                    q.append(", CAST(sum(").append(decimal("ListCost")).append(") AS ").append(DEC).append(") AS list_cost")
                            .append(", sum(CAST(").append(qty).append(" AS DOUBLE) * CAST(").append(decimal("ListUnitPrice"))
                            .append(" AS DOUBLE)) AS priced_qty");
                } else {
                    q.append(", CAST(NULL AS ").append(DEC).append(") AS list_cost, CAST(NULL AS DOUBLE) AS priced_qty");
                }
                for (int i = 0; i < checks.size(); i++) {
                    q.append(", sum(CASE WHEN ").append(checks.get(i).badPredicate()).append(" THEN 1 ELSE 0 END) AS bad_").append(i);
                }
                q.append(", sum(").append(nullTerms.isEmpty() ? "0" : String.join(" + ", nullTerms)).append(") AS dev_null");
                q.append(", sum(").append(isoTerms.isEmpty() ? "0" : String.join(" + ", isoTerms)).append(") AS dev_iso");
                return q.append(" FROM ").append(from).append(" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17").toString();
            } catch (ColumnTypeException e) {
                throw new IllegalStateException("checked when the plan was made", e);
            }
        }
    }
}
