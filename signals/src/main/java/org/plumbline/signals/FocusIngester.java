package org.plumbline.signals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.plumbline.log.hash.Sha256;

/**
 * Ingests FOCUS files into the daily usage profile, one file per transaction.
 *
 * <p>Per file: hash it (a file already ingested is skipped), read its columns and detect the FOCUS
 * version, count missing required values (Parquet: from the file's statistics where they suffice), then
 * make ONE pass over the file in DuckDB that parses and validates every value it needs and aggregates the
 * rows by account, day and kind (service, region and meter texts; for Parquet a fingerprint of them, see
 * {@link KindFingerprint}) into a small staging table, counting deviations and invalid values as it goes.
 * Only if no value was invalid are the staged groups classified (meters.tsv) and added to
 * {@code usage_daily}; otherwise the transaction is rolled back and a second pass finds the first bad line
 * to name it. Rows are never stored one by one: the profile is
 * the aggregate, which keeps memory and disk bounded by the number of distinct groups, not rows.
 */
final class FocusIngester {
    private static final String DEC = ColumnParsing.DEC;

    private final UsageStore store;
    private final MeterRecognition meters;

    /** Stage Parquet files by the kind fingerprint (the fast path); false groups by the texts (tests compare the two). */
    private final boolean fingerprintParquet;

    FocusIngester(UsageStore store, MeterRecognition meters) {
        this(store, meters, true);
    }

    FocusIngester(UsageStore store, MeterRecognition meters, boolean fingerprintParquet) {
        this.store = store;
        this.meters = meters;
        this.fingerprintParquet = fingerprintParquet;
    }

    IngestReport ingest(List<String> inputs, Progress progress) throws IOException, SQLException, FocusFormatException {
        List<Path> files = InputFiles.expand(inputs);
        long total = 0;
        for (Path f : files) total += Files.size(f);
        progress.start(total, files.size());
        List<FileReport> reports = new ArrayList<>();
        unplaced.clear();
        meterCosts.clear();
        long bytesBefore = 0, rowsBefore = 0;
        for (Path f : files) {
            FileReport r = ingestFile(f, progress, bytesBefore, rowsBefore);
            reports.add(r);
            bytesBefore += Files.size(f);
            rowsBefore += r.skippedDuplicate() ? 0 : r.rows();
            progress.update(bytesBefore, rowsBefore);
        }
        progress.finish(rowsBefore);
        return new IngestReport(reports, unplaced, meterCosts);
    }

    /** Units the files of the current ingest call could not place (see {@link UnplacedUnit}). */
    private final List<UnplacedUnit> unplaced = new ArrayList<>();
    /** What each meter of the current ingest call's usage rows cost, and what it was recognised as. */
    private final List<MeterCost> meterCosts = new ArrayList<>();

    private enum Format { CSV, PARQUET }

    FileReport ingestFile(Path file, Progress progress, long bytesBefore, long rowsBefore)
            throws IOException, SQLException, FocusFormatException {
        String name = file.toString();
        Timer timer = new Timer(name);
        // Size and modification time before anything reads the file: a file rewritten while it is read
        // (an export still being written, a copy replaced) would otherwise leave a profile and a SHA-256
        // of two different contents.
        String stateBefore = sizeAndModified(file);
        CompletableFuture<String> hashing = hashBeside(file);
        Format format = formatOf(file);
        String source = source(name, format);
        Map<String, String> types = describe(source, name, format);
        timer.lap("describe");
        List<String> columns = requireColumns(types, name, format);
        FocusSchema.Detection version = FocusSchema.detect(columns);
        Parsing parsing = Parsing.of(types, name, format);
        Map<String, Long> nulls = checkRequiredValues(parsing, source, format, name, types, timer);
        boolean byFingerprint = fingerprintParquet && format == Format.PARQUET && !types.containsKey("file_row_number");
        Pass pass = pass(parsing, types, nulls, byFingerprint);

        Connection c = store.connection;
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            dropStaging(s);
            timer.lap("begin");
            stage(s, pass, file, source, format, byFingerprint, progress, bytesBefore, rowsBefore, timer);
            Totals totals = totals(s, pass, parsing.checks());
            if (totals.anyInvalid()) {
                c.rollback();
                throw locate(source, format, name, parsing.checks(), totals.invalid());
            }
            timer.lap("totals");
            String sha = sha(hashing);
            timer.lap("sha256 (overlapped)");
            if (!sizeAndModified(file).equals(stateBefore)) {
                c.rollback();
                throw new IOException(name + ": the file changed while it was being read (its size or modification"
                        + " time is not what it was before); nothing from this file was ingested");
            }
            String ingestedAs = ingestedAs(c, sha);
            if (ingestedAs != null) {
                c.rollback();
                return new FileReport(name, sha, format.name().toLowerCase(Locale.ROOT), "",
                        "already ingested as " + ingestedAs, true, 0, Map.of(), List.of());
            }
            writeProfile(c, s, sha, pass, name, timer);
            recordFile(c, sha, name, format, version, totals.rows());
            dropStaging(s);
            timer.lap("drop staging");
            c.commit();
            timer.lap("commit");
            Map<String, Long> deviations = new LinkedHashMap<>();
            if (totals.nullLiterals() > 0) deviations.put(FocusSchema.DEVIATION_NULL_LITERAL, totals.nullLiterals());
            if (totals.isoTimestamps() > 0) deviations.put(FocusSchema.DEVIATION_TIMESTAMP_FORM, totals.isoTimestamps());
            parsing.fileLevelDeviations().forEach((k, v) -> deviations.put(k, v < 0 ? totals.rows() : v));
            return new FileReport(name, sha, format.name().toLowerCase(Locale.ROOT), version.version(),
                    version.describe(), false, totals.rows(), deviations, FocusSchema.unrecognised(columns));
        } catch (SQLException e) {
            c.rollback();
            String message = firstLine(e.getMessage());
            if (message.contains("Out of Memory")) {
                // Not the file's fault: say so, and what to change.
                throw new IOException(name + ": DuckDB ran out of memory (raise the memory limit, e.g. --memory-limit 2GB): "
                        + message + " (nothing from this file was ingested)", e);
            }
            throw new FocusFormatException(name, 0, null,
                    "cannot be read (damaged, or not FOCUS " + (format == Format.PARQUET ? "Parquet" : "CSV") + ")", message);
        } catch (RuntimeException | FocusFormatException | IOException e) {
            c.rollback();
            throw e;
        } finally {
            try (Statement s = c.createStatement()) {
                dropStaging(s);
            }
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * The file's SHA-256, computed on a thread of its own beside DuckDB's pass over the file (it is I/O and
     * one core; the pass is the rest), and checked before anything is committed: a file already ingested
     * is then rolled back and skipped.
     */
    private static CompletableFuture<String> hashBeside(Path file) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return sha256(file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, r -> {
            Thread t = new Thread(r, "sha256 " + file.getFileName());
            t.setDaemon(true);
            t.start();
        });
    }

    /** The DuckDB table function that reads the file: Parquet as typed, CSV as text (parsed in the pass). */
    private static String source(String name, Format format) {
        return format == Format.PARQUET ? "read_parquet(" + literal(name) + ")"
                : "read_csv(" + literal(name) + ", header = true, all_varchar = true, nullstr = '', delim = ',',"
                        + " quote = '\"', escape = '\"', compression = 'auto')";
    }

    /** The file's columns, in order, once every required FOCUS column is among them. */
    private static List<String> requireColumns(Map<String, String> types, String name, Format format) throws FocusFormatException {
        List<String> columns = new ArrayList<>(types.keySet());
        for (String required : FocusSchema.REQUIRED) {
            if (!types.containsKey(required)) {
                throw new FocusFormatException(name, format == Format.CSV ? 1 : 0, required,
                        "required FOCUS column is missing (columns found: " + columns.size() + ")");
            }
        }
        return columns;
    }

    /**
     * How the pass parses and validates values, and what it counts on the way: the checks (each counted as
     * {@code bad_<i>}), the terms counting null literals and ISO-8601 timestamps, and the deviations known
     * from the columns alone.
     */
    private record Parsing(ColumnParsing columns, List<ColumnParsing.Check> checks, List<String> nullLiteralTerms,
                           List<String> isoTerms, Map<String, Long> fileLevelDeviations) {
        static Parsing of(Map<String, String> types, String name, Format format) throws FocusFormatException {
            Map<String, Long> fileLevel = new LinkedHashMap<>();
            List<ColumnParsing.Check> checks = new ArrayList<>();
            List<String> nullLiteralTerms = new ArrayList<>();
            List<String> isoTerms = new ArrayList<>();
            ColumnParsing x = new ColumnParsing(types, checks, nullLiteralTerms, isoTerms, fileLevel, name, format == Format.CSV);
            for (String d : FocusSchema.DECIMALS) if (types.containsKey(d)) x.decimal(d);
            for (String t : FocusSchema.TIMESTAMPS) if (types.containsKey(t)) x.timestamp(t);
            return new Parsing(x, checks, nullLiteralTerms, isoTerms, fileLevel);
        }
    }

    /**
     * Adds the checks that required values are present. For Parquet they are counted by one query before the
     * pass, and a file with missing values fails here; returns those counts (RegionId's too), or nothing for
     * CSV, whose pass counts them.
     */
    private Map<String, Long> checkRequiredValues(Parsing parsing, String source, Format format, String name,
            Map<String, String> types, Timer timer) throws SQLException, FocusFormatException {
        List<ColumnParsing.Check> nullChecks = new ArrayList<>();
        for (String r : FocusSchema.REQUIRED_VALUES) {
            // count(x) skips nulls: cheaper per row than a CASE, and this runs on every row of every file.
            String value = parsing.columns().value(r);
            nullChecks.add(new ColumnParsing.Check(r, value + " IS NULL", "required value is missing", "count(*) - count(" + value + ")"));
        }
        Map<String, Long> nulls = new LinkedHashMap<>();
        if (format == Format.PARQUET) {
            // Parquet: DuckDB answers count(column) from the file's column statistics when they show the column
            // has no nulls, so for a clean file this reads no column data (0.08 s for 100 M rows), where counting
            // in the pass would read columns the profile does not otherwise need (BilledCost alone: ~25% of the
            // reference scan). RegionId is counted too (see pass()).
            List<String> counted = new ArrayList<>(FocusSchema.REQUIRED_VALUES);
            if (types.containsKey("RegionId")) counted.add("RegionId");
            StringBuilder q = new StringBuilder("SELECT ");
            for (int i = 0; i < counted.size(); i++) {
                q.append(i == 0 ? "" : ", ").append("count(*) - count(").append(ColumnParsing.quote(counted.get(i))).append(")");
            }
            try (Statement s = store.connection.createStatement(); ResultSet r = s.executeQuery(q.append(" FROM ").append(source).toString())) {
                r.next();
                for (int i = 0; i < counted.size(); i++) nulls.put(counted.get(i), r.getLong(i + 1));
            }
            long[] bad = nullChecks.stream().mapToLong(ch -> nulls.get(ch.column())).toArray();
            if (java.util.Arrays.stream(bad).anyMatch(n -> n > 0)) throw locate(source, format, name, nullChecks, bad);
            nullChecks.clear();
            timer.lap("required values counted");
        }
        parsing.checks().addAll(nullChecks);
        return nulls;
    }

    /**
     * What the pass computes per row and per group, as SQL: the day, the texts of the row's kind (by alias),
     * the sources the kind fingerprint hashes, and the sums and counts of each group (by name; the same in
     * both ways of staging).
     */
    private record Pass(String day, String span, Map<String, String> kindTexts, List<String> kindSources, Map<String, String> aggregates,
                        Optional<BlockCheck> blockCheck) {
        String sums() {
            return String.join(", ", aggregates.entrySet().stream().map(e -> e.getValue() + " AS " + e.getKey()).toList());
        }

        String sumNames() {
            return String.join(", ", aggregates.keySet());
        }

        String texts() {
            return String.join(", ", kindTexts.entrySet().stream().map(e -> e.getValue() + " AS " + e.getKey()).toList());
        }
    }

    /**
     * The block check of a file with a provider unit column (Azure's x_PricingUnitDescription): list cost over
     * quantity times list unit price, per meter, says whether ConsumedQuantity counts the unit's blocks or
     * single units (MeterRecognition.classify). As SQL over the file's rows: the provider unit, the list cost,
     * and the priced quantity.
     */
    private record BlockCheck(String providerUnit, String listCost, String pricedQuantity) {}

    private Pass pass(Parsing parsing, Map<String, String> types, Map<String, Long> nulls, boolean byFingerprint)
            throws FocusFormatException {
        ColumnParsing x = parsing.columns();
        String start = x.timestamp("ChargePeriodStart");
        String qty = types.containsKey("ConsumedQuantity") ? x.decimal("ConsumedQuantity") : "CAST(0 AS DECIMAL(18,0))";
        String cost = x.decimal("EffectiveCost");

        // The kind of a row: every text the profile keeps or classifies by (the x_ meter columns are joined
        // into one text, custom_meter, but fingerprinted one by one).
        Map<String, String> kind = new LinkedHashMap<>();
        kind.put("billing_account_id", "BillingAccountId");
        kind.put("service_name", "ServiceName");
        kind.put("service_category", "ServiceCategory");
        kind.put("service_subcategory", "ServiceSubcategory");
        kind.put("region_id", "RegionId");
        kind.put("region_name", "RegionName");
        kind.put("charge_category", "ChargeCategory");
        kind.put("currency", "BillingCurrency");
        kind.put("consumed_unit", "ConsumedUnit");
        // Whose units these are (their conventions, unit-conventions.tsv): ProviderName (FOCUS 1.0-1.2, kept
        // in 1.3), else 1.3's ServiceProviderName.
        kind.put("provider", types.containsKey("ProviderName") ? "ProviderName" : "ServiceProviderName");
        kind.put("sku_meter", "SkuMeter");
        kind.put("charge_description", "ChargeDescription");
        // Raw columns are grouped as they are; coalescing (sub-account else billing account, region id else
        // name) happens per kind when the profile is written, not per row.
        String sub = x.asText("SubAccountId");
        Map<String, String> kindTexts = new LinkedHashMap<>();
        kindTexts.put("sub_account_id", sub);
        List<String> kindSources = new ArrayList<>(List.of(sub));
        // The profile keeps the region as RegionId, else RegionName: when RegionId is never null, RegionName
        // is not read at all.
        boolean regionNameUnused = Long.valueOf(0).equals(nulls.get("RegionId"));
        kind.forEach((alias, column) -> {
            boolean read = types.containsKey(column) && !(regionNameUnused && column.equals("RegionName"));
            kindTexts.put(alias, read ? x.asText(column) : "CAST(NULL AS VARCHAR)");
            if (read) kindSources.add(x.asText(column));
        });
        List<String> custom = new ArrayList<>();
        for (String cc : meters.customColumns()) if (types.containsKey(cc)) custom.add(x.asText(cc));
        kindTexts.put("custom_meter", custom.isEmpty() ? "CAST(NULL AS VARCHAR)" : "concat_ws(' ', " + String.join(", ", custom) + ")");
        kindSources.addAll(custom);
        // A provider's own unit with its block size (Azure x_PricingUnitDescription), read instead of ConsumedUnit.
        String providerUnit = "CAST(NULL AS VARCHAR)";
        for (String uc : meters.unitColumns()) {
            if (types.containsKey(uc)) {
                providerUnit = x.asText(uc);
                kindSources.add(providerUnit);
                break;
            }
        }
        kindTexts.put("provider_unit", providerUnit);

        Map<String, String> aggregates = new LinkedHashMap<>();
        // Sums in the column's own decimal type, widened once per group rather than once per row.
        aggregates.put("qty", "CAST(sum(" + qty + ") AS " + DEC + ")");
        aggregates.put("cost", "CAST(sum(" + cost + ") AS " + DEC + ")");
        aggregates.put("rows", "count(*)");
        // ChargeCategory is part of the kind, so "Usage only" is applied per group when the profile is written.
        // (A CASE inside max, not max(...) FILTER (...): the same value, measured ~1.5 s less CPU at 100 M rows.)
        aggregates.put("last_usage_epoch", "CAST(epoch(max(CASE WHEN " + qty + " > 0 OR " + cost + " > 0 THEN " + start + " END)) AS BIGINT)");
        Optional<BlockCheck> blockCheck = Optional.empty();
        if (!providerUnit.startsWith("CAST(NULL") && types.containsKey("ListCost") && types.containsKey("ListUnitPrice")) {
            blockCheck = Optional.of(new BlockCheck(providerUnit, x.decimal("ListCost"),
                    "CAST(" + qty + " AS DOUBLE) * CAST(" + x.decimal("ListUnitPrice") + " AS DOUBLE)"));
            if (!byFingerprint) {
                // A CSV file parses both columns anyway (to validate them), so the pass sums them for every row. A
                // Parquet file would read them for this alone, for every row, while only the rows of units with a
                // block need them: blockRatios reads just those rows, after the pass (at 100 M rows of an Azure
                // export, summing them in the pass took the pass from 19.5 s to 35.3 s of CPU).
                aggregates.put("list_cost", "CAST(sum(" + blockCheck.get().listCost() + ") AS " + DEC + ")");
                aggregates.put("priced_qty", "sum(" + blockCheck.get().pricedQuantity() + ")");
            }
        }
        List<ColumnParsing.Check> checks = parsing.checks();
        for (int i = 0; i < checks.size(); i++) aggregates.put("bad_" + i, checks.get(i).badCount());
        if (!parsing.nullLiteralTerms().isEmpty()) aggregates.put("dev_null", "sum(" + String.join(" + ", parsing.nullLiteralTerms()) + ")");
        if (!parsing.isoTerms().isEmpty()) aggregates.put("dev_iso", "sum(" + String.join(" + ", parsing.isoTerms()) + ")");
        // How many days the charge period covers (1 for an hour or a day, 30 for a whole September): a quantity
        // is spread evenly over them when the profile is written, so that storage held over a month is held on
        // each of its days (docs/signals.md, "Charge periods").
        String end = x.timestamp("ChargePeriodEnd");
        String span = "greatest(1, (epoch_us(" + end + ") - epoch_us(" + start + ") + 86399999999) // 86400000000)";
        return new Pass("epoch_us(" + start + ") // 86400000000", span, kindTexts, kindSources, aggregates, blockCheck);
    }

    /**
     * The one pass over the file. Two ways to stage a file; both leave the view stage (day, kind number, sums
     * and counts) and the view stage_kind (kind number, its sub-account and texts; one row per distinct
     * kind). The sub-account is part of the kind, so the pass groups by two integers, not by a text and
     * integers.
     *
     * <p>Grouping 100 M rows by a dozen texts is what made the pass slow. A Parquet file is therefore staged
     * by a 63-bit fingerprint of each row's sub-account and kind (KindFingerprint: per-column hashes, computed
     * once per distinct value of a column chunk's dictionary), keeping for each group its first row's number,
     * and the texts of each kind are then read from that one example row. Two kinds of one file sharing a
     * fingerprint would be merged: the chance is about k^2 / 2^64 for k kinds (5 * 10^-10 for 100,000 kinds);
     * docs/signals.md says why that is accepted. CSV files are grouped by their texts.
     */
    private void stage(Statement s, Pass pass, Path file, String source, Format format, boolean byFingerprint,
            Progress progress, long bytesBefore, long rowsBefore, Timer timer) throws SQLException, IOException {
        Connection c = store.connection;
        String name = file.toString();
        if (byFingerprint) {
            String numbered = "read_parquet(" + literal(name) + ", file_row_number = true)";
            // The charge period's length in days is read from each kind's example row, not from every row:
            // reading ChargePeriodEnd for every row measured about 11% of the pass (docs/PERFORMANCE.md). A
            // kind's rows share one period length in an export (its granularity); docs/signals.md says so.
            String fingerprinted = "CREATE TEMP TABLE stage_fp AS SELECT " + pass.day() + " AS day, "
                    + KindFingerprint.of(pass.kindSources()) + " AS kind, min(file_row_number) AS example, " + pass.sums()
                    + " FROM " + numbered + " GROUP BY ALL";
            if (Timer.ON) System.err.println(fingerprinted);
            PassProgress.run(c, fingerprinted, progress, file, format == Format.PARQUET, bytesBefore, rowsBefore);
            timer.lap("stage (one pass over the file)");
            String examples = "CREATE TEMP TABLE stage_fp_kind AS SELECT " + KindFingerprint.of(pass.kindSources()) + " AS kind, "
                    + pass.span() + " AS span, " + pass.texts()
                    + " FROM " + numbered + " WHERE " + exampleRanges(s)
                    + " AND file_row_number IN (SELECT min(example) FROM stage_fp GROUP BY kind)";
            s.execute(examples);
            try (ResultSet r = s.executeQuery("SELECT (SELECT count(DISTINCT kind) FROM stage_fp), count(*), count(DISTINCT kind),"
                    + " count(*) FILTER (WHERE kind NOT IN (SELECT kind FROM stage_fp)) FROM stage_fp_kind")) {
                r.next();
                if (r.getLong(1) != r.getLong(2) || r.getLong(2) != r.getLong(3) || r.getLong(4) != 0) {
                    throw new IOException(name + ": the file changed while it was being read (its kinds of rows"
                            + " differ between two reads); nothing from this file was ingested");
                }
            }
            s.execute("CREATE TEMP VIEW stage AS SELECT f.day, k.span, f.kind, " + String.join(", ",
                    pass.aggregates().keySet().stream().map(n -> "f." + n).toList()) + " FROM stage_fp f JOIN stage_fp_kind k ON f.kind = k.kind");
            s.execute("CREATE TEMP VIEW stage_kind AS SELECT * EXCLUDE (span) FROM stage_fp_kind");
            timer.lap("texts of each kind (one example row each)");
        } else {
            String byTexts = "CREATE TEMP TABLE stage_texts AS SELECT " + pass.day() + " AS day, " + pass.span() + " AS span, " + pass.texts() + ", "
                    + pass.sums() + " FROM " + source + " GROUP BY ALL";
            String textColumns = String.join(", ", pass.kindTexts().keySet());
            String textKinds = "CREATE TEMP TABLE stage_text_kind AS SELECT row_number() OVER () AS kind, * FROM (SELECT DISTINCT "
                    + textColumns + " FROM stage_texts)";
            String textRows = "CREATE TEMP TABLE stage_text_rows AS SELECT s.day, s.span, k.kind, "
                    + String.join(", ", pass.aggregates().keySet().stream().map(n -> "s." + n).toList())
                    + " FROM stage_texts s JOIN stage_text_kind k ON "
                    + String.join(" AND ", pass.kindTexts().keySet().stream().map(k -> "s." + k + " IS NOT DISTINCT FROM k." + k).toList());
            PassProgress.run(c, byTexts, progress, file, format == Format.PARQUET, bytesBefore, rowsBefore);
            s.execute(textKinds);
            s.execute(textRows);
            s.execute("CREATE TEMP VIEW stage AS SELECT * FROM stage_text_rows");
            s.execute("CREATE TEMP VIEW stage_kind AS SELECT * FROM stage_text_kind");
            timer.lap("stage grouped by the texts");
        }
    }

    /** Gaps between example rows shorter than this (DuckDB's row group) would not spare a row group. */
    static final int EXAMPLE_GAP_ROWS = 122_880;
    /** At most this many row ranges, so that the filter stays a few comparisons per row. */
    static final int EXAMPLE_RANGES = 64;

    /**
     * A filter on file_row_number that covers every example row (stage_fp's first row of each kind) in a
     * few ranges, cut at the largest gaps between them. The examples are few and mostly early in the file
     * (a kind's first row), and DuckDB skips the row groups a constant range excludes, where it reads every
     * row group for {@code file_row_number IN (SELECT ...)} alone: at 30 M rows of an Azure export the 10,192
     * examples lie in 8 of 245 row groups, and the read fell from 0.90 s to 0.21 s of CPU. (Pushing the
     * example numbers themselves, with a higher dynamic_or_filter_threshold, is as fast when they are
     * clustered but costs per row with the size of the set when they are not: 3.6 s against 1.1 s for
     * 100,000 numbers spread over the same file.)
     */
    static String exampleRanges(Statement s) throws SQLException {
        StringBuilder filter = new StringBuilder();
        try (ResultSet r = s.executeQuery("""
                WITH e AS (SELECT min(example) AS r FROM stage_fp GROUP BY kind),
                     g AS (SELECT r, r - lag(r) OVER (ORDER BY r) AS gap FROM e),
                     cut AS (SELECT r FROM g WHERE gap > %d ORDER BY gap DESC, r LIMIT %d)
                SELECT min(r), max(r) FROM (SELECT r, sum(CASE WHEN r IN (SELECT r FROM cut) THEN 1 ELSE 0 END)
                    OVER (ORDER BY r) AS part FROM g) GROUP BY part ORDER BY 1""".formatted(EXAMPLE_GAP_ROWS, EXAMPLE_RANGES - 1))) {
            while (r.next()) {
                filter.append(filter.isEmpty() ? "(" : " OR ").append("file_row_number BETWEEN ")
                        .append(r.getLong(1)).append(" AND ").append(r.getLong(2));
            }
        }
        // No kinds (an empty file): no example rows either.
        return filter.isEmpty() ? "false" : filter.append(")").toString();
    }

    /** What the pass counted over the whole file: rows, deviations, and invalid values per check. */
    private record Totals(long rows, long nullLiterals, long isoTimestamps, long[] invalid) {
        boolean anyInvalid() {
            return java.util.Arrays.stream(invalid).anyMatch(n -> n > 0);
        }
    }

    private static Totals totals(Statement s, Pass pass, List<ColumnParsing.Check> checks) throws SQLException {
        StringBuilder totals = new StringBuilder("SELECT coalesce(sum(rows), 0), ")
                .append(pass.aggregates().containsKey("dev_null") ? "coalesce(sum(dev_null), 0), " : "0, ")
                .append(pass.aggregates().containsKey("dev_iso") ? "coalesce(sum(dev_iso), 0)" : "0");
        for (int i = 0; i < checks.size(); i++) totals.append(", coalesce(sum(bad_").append(i).append("), 0)");
        try (ResultSet r = s.executeQuery(totals.append(" FROM stage").toString())) {
            r.next();
            long[] invalid = new long[checks.size()];
            for (int i = 0; i < checks.size(); i++) invalid[i] = r.getLong(4 + i);
            return new Totals(r.getLong(1), r.getLong(2), r.getLong(3), invalid);
        }
    }

    /** The path under which a file with these contents was ingested before, or null if none was. */
    private static String ingestedAs(Connection c, String sha) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT path FROM ingested_file WHERE sha256 = ?")) {
            q.setString(1, sha);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    /** Classifies the staged kinds and adds their sums to {@code usage_daily}, tagged with the file's SHA-256. */
    private void writeProfile(Connection c, Statement s, String sha, Pass pass, String file, Timer timer) throws SQLException {
        classify(c, pass, file);
        timer.lap("classify");
        // A profile row is (account, billing account, day, service, category, subcategory, region, charge
        // category, currency, metric). Every kind names one such set of texts (profile_kind numbers them;
        // kinds that differ only in what classification reads share one), so the staged rows are summed by
        // day and that number, two integers, and the texts are joined to the sums afterwards.
        s.execute("""
                CREATE TEMP TABLE profile_kind AS
                SELECT k.kind, c.factor, c.per_day_of_month, c.unplaced, k.provider,
                       coalesce(k.provider_unit, k.consumed_unit) AS unit,
                       coalesce(k.sku_meter, k.charge_description, k.service_name) AS meter,
                       k.charge_category = 'Usage' AS usage,
                       coalesce(k.sub_account_id, k.billing_account_id) AS account, k.billing_account_id,
                       k.service_name, k.service_category, k.service_subcategory,
                       coalesce(k.region_id, k.region_name) AS region, k.charge_category, k.currency, c.metric,
                       dense_rank() OVER (ORDER BY coalesce(k.sub_account_id, k.billing_account_id),
                           k.billing_account_id, k.service_name, k.service_category, k.service_subcategory,
                           coalesce(k.region_id, k.region_name), k.charge_category, k.currency, c.metric) AS profile_kind
                FROM stage_kind k JOIN kind_class c
                  ON k.service_category IS NOT DISTINCT FROM c.service_category
                 AND k.consumed_unit IS NOT DISTINCT FROM c.consumed_unit
                 AND k.sku_meter IS NOT DISTINCT FROM c.sku_meter
                 AND k.charge_description IS NOT DISTINCT FROM c.charge_description
                 AND k.service_name IS NOT DISTINCT FROM c.service_name
                 AND k.service_subcategory IS NOT DISTINCT FROM c.service_subcategory
                 AND k.custom_meter IS NOT DISTINCT FROM c.custom_meter
                 AND k.provider IS NOT DISTINCT FROM c.provider
                 AND k.provider_unit IS NOT DISTINCT FROM c.provider_unit""");
        timer.lap("profile kinds");
        // Units that could not be read: reported with their rows and cost, never dropped in silence.
        try (ResultSet r = s.executeQuery("""
                SELECT m.provider, m.unit, m.meter, min(m.unplaced), sum(s.rows), CAST(sum(s.cost) AS VARCHAR)
                FROM stage s JOIN profile_kind m ON s.kind = m.kind
                WHERE m.unplaced IS NOT NULL GROUP BY m.provider, m.unit, m.meter""")) {
            while (r.next()) {
                unplaced.add(new UnplacedUnit(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5),
                        new java.math.BigDecimal(r.getString(6))));
            }
        }
        try (ResultSet r = s.executeQuery("""
                SELECT m.provider, m.metric, m.meter, m.unit, sum(s.rows), CAST(sum(s.cost) AS VARCHAR)
                FROM stage s JOIN profile_kind m ON s.kind = m.kind
                WHERE m.usage GROUP BY m.provider, m.metric, m.meter, m.unit""")) {
            while (r.next()) {
                meterCosts.add(new MeterCost(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5),
                        new java.math.BigDecimal(r.getString(6))));
            }
        }
        try (PreparedStatement ins = c.prepareStatement("""
                INSERT INTO usage_daily
                SELECT ?, p.account, p.billing_account_id, a.day, p.service_name, p.service_category,
                       p.service_subcategory, p.region, p.charge_category, p.currency, p.metric,
                       a.amount, a.cost, a.rows, a.last_usage_epoch
                FROM (SELECT s.day + s.i AS day, m.profile_kind,
                             sum(CASE WHEN m.usage THEN CAST(s.qty AS DOUBLE) * (m.factor + m.per_day_of_month
                                 * dayofmonth(last_day(DATE '1970-01-01' + CAST(s.day + s.i AS INTEGER)))) / s.span
                                 ELSE 0 END) AS amount,
                             sum(CASE WHEN s.i = 0 THEN s.cost ELSE 0 END) AS cost,
                             sum(CASE WHEN s.i = 0 THEN s.rows ELSE 0 END) AS rows,
                             max(CASE WHEN m.usage AND s.i = 0 THEN s.last_usage_epoch END) AS last_usage_epoch
                      FROM (SELECT *, unnest(range(span)) AS i FROM stage) s JOIN profile_kind m ON s.kind = m.kind
                      GROUP BY s.day + s.i, m.profile_kind) a
                JOIN (SELECT DISTINCT profile_kind, account, billing_account_id, service_name, service_category,
                             service_subcategory, region, charge_category, currency, metric FROM profile_kind) p
                  ON a.profile_kind = p.profile_kind""")) {
            ins.setString(1, sha);
            ins.executeUpdate();
        }
        timer.lap("insert profile");
    }

    /** Records the file as ingested: what keeps the same contents from being counted twice. */
    private static void recordFile(Connection c, String sha, String name, Format format, FocusSchema.Detection version,
            long rows) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO ingested_file VALUES (?, ?, ?, ?, ?, now())")) {
            ins.setString(1, sha);
            ins.setString(2, name);
            ins.setString(3, format.name().toLowerCase(Locale.ROOT));
            ins.setString(4, version.version());
            ins.setLong(5, rows);
            ins.executeUpdate();
        }
    }

    private static String sha(java.util.concurrent.CompletableFuture<String> hashing) throws IOException {
        try {
            return hashing.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.io.UncheckedIOException u) throw u.getCause();
            throw e;
        }
    }

    /** Phase timings on standard error when -Dplumbline.signals.debug=true (for tuning, not for users). */
    private static final class Timer {
        private static final boolean ON = Boolean.getBoolean("plumbline.signals.debug");
        private final String file;
        private long last = System.nanoTime();
        private long lastCpu = cpu();

        Timer(String file) {
            this.file = file;
        }

        void lap(String phase) {
            long now = System.nanoTime(), cpu = cpu();
            if (ON) System.err.printf("signals: %s: %s %.2f s (cpu %.2f s)%n", file, phase, (now - last) / 1e9, (cpu - lastCpu) / 1e9);
            last = now;
            lastCpu = cpu;
        }

        private static long cpu() {
            return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
        }
    }

    private static void dropStaging(Statement s) throws SQLException {
        s.execute("DROP VIEW IF EXISTS stage");
        s.execute("DROP VIEW IF EXISTS stage_kind");
        for (String t : List.of("stage_fp", "stage_fp_kind", "stage_texts", "stage_text_kind", "stage_text_rows", "kind_class", "profile_kind", "block_ratio")) {
            s.execute("DROP TABLE IF EXISTS " + t);
        }
    }

    /**
     * Classifies (meters.tsv) each distinct combination of the texts classification reads, once, into temp
     * table kind_class; many kinds (one per sub-account) share a combination.
     */
    private void classify(Connection c, Pass pass, String file) throws SQLException {
        String[] read = {"service_category", "consumed_unit", "sku_meter", "charge_description", "service_name",
                "service_subcategory", "custom_meter", "provider", "provider_unit"};
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE kind_class (" + String.join(" VARCHAR, ", read) + " VARCHAR, metric VARCHAR, factor DOUBLE, per_day_of_month DOUBLE, unplaced VARCHAR)");
            List<String[]> combinations = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            String texts = String.join(", ", java.util.Arrays.stream(read).map(t -> "k." + t).toList());
            String query;
            if (pass.aggregates().containsKey("priced_qty")) {
                query = "SELECT " + texts + ", CAST(sum(s.list_cost) AS DOUBLE) / nullif(sum(s.priced_qty), 0)"
                        + " FROM stage s JOIN stage_kind k ON s.kind = k.kind GROUP BY ALL";
            } else if (pass.blockCheck().isPresent() && blockRatios(s, pass, read, file)) {
                query = "SELECT " + texts + ", r.ratio FROM (SELECT DISTINCT " + String.join(", ", read) + " FROM stage_kind) k"
                        + " LEFT JOIN block_ratio r ON " + String.join(" AND ",
                                java.util.Arrays.stream(read).map(t -> "k." + t + " IS NOT DISTINCT FROM r." + t).toList());
            } else {
                query = "SELECT DISTINCT " + String.join(", ", read) + ", CAST(NULL AS DOUBLE) FROM stage_kind";
            }
            try (ResultSet r = s.executeQuery(query)) {
                while (r.next()) {
                    String[] k = new String[read.length];
                    for (int i = 0; i < read.length; i++) k[i] = r.getString(i + 1);
                    combinations.add(k);
                    double ratio = r.getDouble(read.length + 1);
                    ratios.add(r.wasNull() ? null : ratio);
                }
            }
            try (DuckDBAppender a = ((DuckDBConnection) c).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "kind_class")) {
                for (int j = 0; j < combinations.size(); j++) {
                    String[] k = combinations.get(j);
                    MeterRecognition.Classification cl = meters.classify(k[7], k[0], k[1], k[8], ratios.get(j),
                            java.util.Arrays.asList(k[2], k[3], k[4], k[5], k[6]));
                    a.beginRow();
                    for (String text : k) a.append(text);
                    a.append(cl.metric()).append(cl.factor()).append(cl.perDayOfMonth()).append(cl.unplaced()).endRow();
                }
            }
        }
    }

    /**
     * Rows the block check reads of a Parquet file before it looks at whether every meter with a block is among
     * them. The ratio is a property of the meter (its rows are priced the same way, about 1 or about 1/block,
     * far apart), so a meter's first rows decide as well as all of them, and decoding three decimal columns
     * for every row cost about as much as the pass saved by not summing them (docs/PERFORMANCE.md).
     */
    static final int BLOCK_CHECK_ROWS = 100_000;

    /**
     * The block check of a Parquet file, from the rows that need it: those whose provider unit has a block of
     * more than one. Reads the first {@link #BLOCK_CHECK_ROWS} such rows (a second, short read of the file);
     * if a meter with a block is not among them, reads all such rows. Leaves temp table block_ratio (the texts
     * classification reads, and the ratio).
     *
     * @return false if no unit of the file has a block (then nothing is read)
     */
    private boolean blockRatios(Statement s, Pass pass, String[] read, String file) throws SQLException {
        List<String> blockUnits = new ArrayList<>();
        try (ResultSet r = s.executeQuery("SELECT DISTINCT provider, consumed_unit, provider_unit FROM stage_kind"
                + " WHERE provider_unit IS NOT NULL")) {
            while (r.next()) {
                if (meters.hasBlock(r.getString(1), r.getString(2), r.getString(3))) blockUnits.add(r.getString(3));
            }
        }
        if (blockUnits.isEmpty()) return false;
        BlockCheck check = pass.blockCheck().orElseThrow();
        String texts = String.join(", ", java.util.Arrays.stream(read).map(t -> pass.kindTexts().get(t) + " AS " + t).toList());
        String units = String.join(", ", blockUnits.stream().map(FocusIngester::literal).toList());
        String rows = "SELECT " + texts + ", " + check.listCost() + " AS list_cost, " + check.pricedQuantity() + " AS priced"
                + " FROM read_parquet(" + literal(file) + ") WHERE " + check.providerUnit() + " IN (" + units + ")";
        String ratios = "CREATE TEMP TABLE block_ratio AS SELECT " + String.join(", ", read)
                + ", CAST(sum(list_cost) AS DOUBLE) / nullif(sum(priced), 0) AS ratio FROM (%s) GROUP BY ALL";
        s.execute(ratios.formatted(rows + " LIMIT " + BLOCK_CHECK_ROWS));
        String same = String.join(" AND ", java.util.Arrays.stream(read).map(t -> "k." + t + " IS NOT DISTINCT FROM r." + t).toList());
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM (SELECT DISTINCT " + String.join(", ", read)
                + " FROM stage_kind WHERE provider_unit IN (" + units + ")) k WHERE NOT EXISTS (SELECT 1 FROM block_ratio r WHERE "
                + same + ")")) {
            r.next();
            if (r.getLong(1) > 0) {
                s.execute("DROP TABLE block_ratio");
                s.execute(ratios.formatted(rows));
            }
        }
        return true;
    }

    /** Second pass, only after a failure: the first row with an invalid value, named by line and column. */
    private FocusFormatException locate(String source, Format format, String file, List<ColumnParsing.Check> checks, long[] bad)
            throws SQLException {
        long bestRow = Long.MAX_VALUE;
        ColumnParsing.Check best = null;
        long total = 0;
        for (int i = 0; i < checks.size(); i++) {
            if (bad[i] == 0) continue;
            total += bad[i];
            ColumnParsing.Check ch = checks.get(i);
            String sql = "SELECT rn FROM (SELECT row_number() OVER () AS rn, * FROM " + source + ") WHERE "
                    + ch.badPredicate() + " ORDER BY rn LIMIT 1";
            try (Statement s = store.connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
                if (r.next() && r.getLong(1) < bestRow) {
                    bestRow = r.getLong(1);
                    best = ch;
                }
            }
        }
        if (best == null) return new FocusFormatException(file, 0, null, total + " invalid value(s)");
        String value = null;
        String sql = "SELECT CAST(" + ColumnParsing.quote(best.column()) + " AS VARCHAR) FROM (SELECT row_number() OVER () AS rn, * FROM "
                + source + ") WHERE rn = " + bestRow;
        try (Statement s = store.connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            if (r.next()) value = r.getString(1);
        }
        long line = format == Format.CSV ? bestRow + 1 : bestRow;
        String more = total > 1 ? " (" + total + " invalid values in this file)" : "";
        return new FocusFormatException(file, line, best.column(),
                best.problem() + (value == null ? "" : ": \"" + value + "\"") + more);
    }

    private static String sizeAndModified(Path file) throws IOException {
        return Files.size(file) + " bytes, modified " + Files.getLastModifiedTime(file).toInstant();
    }

    private Map<String, String> describe(String source, String file, Format format) throws FocusFormatException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Statement s = store.connection.createStatement();
             ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + source)) {
            while (r.next()) types.put(r.getString(1), r.getString(2));
        } catch (SQLException e) {
            throw new FocusFormatException(file, 0, null, "cannot be read as " + (format == Format.PARQUET ? "Parquet" : "CSV")
                    + " (damaged, or not in this format)", firstLine(e.getMessage()));
        }
        return types;
    }

    private static Format formatOf(Path file) throws IOException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".parquet")) return Format.PARQUET;
        if (n.endsWith(".csv") || n.endsWith(".csv.gz") || n.endsWith(".gz")) return Format.CSV;
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            int k = in.readNBytes(head, 0, 4);
            if (k == 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') return Format.PARQUET;
        }
        return Format.CSV;
    }

    /**
     * SHA-256 of the file through a 1 MiB buffer. Memory-mapped windows measured 15 % less CPU, but every
     * mapped page counts in the process's resident set until the buffer is collected (a 4.4 GiB file showed
     * as 5.5 GiB peak RSS), which would hide what the ingestion really holds in memory.
     */
    static String sha256(Path file) throws IOException {
        MessageDigest md = Sha256.newDigest();
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
        }
        return Sha256.hex(md.digest());
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String firstLine(String s) {
        if (s == null) return "unknown error";
        String t = s.strip();
        int nl = t.indexOf("\n\n");
        return nl > 0 ? t.substring(0, nl).replace('\n', ' ') : t.replace('\n', ' ');
    }

}
