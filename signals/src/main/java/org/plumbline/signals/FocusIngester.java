package org.plumbline.signals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.QueryProgress;

/**
 * Ingests FOCUS files into the daily usage profile, one file per transaction.
 *
 * <p>Per file: hash it (a file already ingested is skipped), read its columns and detect the FOCUS
 * version, then make ONE pass over the file in DuckDB that parses and validates every value it needs and
 * aggregates the rows by account, day, service, region and meter texts into a small staging table,
 * counting deviations and invalid values as it goes. Only if no value was invalid are the staged groups
 * classified (meters.tsv) and added to {@code usage_daily}; otherwise the transaction is rolled back and
 * a second pass finds the first bad line to name it. Rows are never stored one by one: the profile is
 * the aggregate, which keeps memory and disk bounded by the number of distinct groups, not rows.
 */
final class FocusIngester {
    private static final String DEC = "DECIMAL(38,12)";

    private final UsageStore store;
    private final MeterRecognition meters;

    FocusIngester(UsageStore store, MeterRecognition meters) {
        this.store = store;
        this.meters = meters;
    }

    IngestReport ingest(List<String> inputs, Progress progress) throws IOException, SQLException, FocusFormatException {
        List<Path> files = InputFiles.expand(inputs);
        long total = 0;
        for (Path f : files) total += Files.size(f);
        progress.start(total, files.size());
        List<FileReport> reports = new ArrayList<>();
        long bytesBefore = 0, rowsBefore = 0;
        for (Path f : files) {
            FileReport r = ingestFile(f, progress, bytesBefore, rowsBefore);
            reports.add(r);
            bytesBefore += Files.size(f);
            rowsBefore += r.skippedDuplicate() ? 0 : r.rows();
            progress.update(bytesBefore, rowsBefore);
        }
        progress.finish(rowsBefore);
        return new IngestReport(reports);
    }

    private enum Format { CSV, PARQUET }

    /** A validation: per-row predicate that is true when the value is invalid, and what is wrong. */
    private record Check(String column, String badPredicate, String problem, String badCount) {
        Check(String column, String badPredicate, String problem) {
            this(column, badPredicate, problem, "sum(CASE WHEN " + badPredicate + " THEN 1 ELSE 0 END)");
        }
    }

    FileReport ingestFile(Path file, Progress progress, long bytesBefore, long rowsBefore)
            throws IOException, SQLException, FocusFormatException {
        String name = file.toString();
        Timer timer = new Timer(name);
        // The hash runs beside DuckDB's pass over the file (it is I/O and one core; the pass is the rest), and
        // is checked before anything is committed: a file already ingested is then rolled back and skipped.
        java.util.concurrent.CompletableFuture<String> hashing = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
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
        Connection c = store.connection;
        Format format = formatOf(file);
        String source = format == Format.PARQUET ? "read_parquet(" + literal(name) + ")"
                : "read_csv(" + literal(name) + ", header = true, all_varchar = true, nullstr = '', delim = ',',"
                        + " quote = '\"', escape = '\"', compression = 'auto')";
        Map<String, String> types = describe(source, name, format);
        List<String> columns = new ArrayList<>(types.keySet());
        for (String required : FocusSchema.REQUIRED) {
            if (!types.containsKey(required)) {
                throw new FocusFormatException(name, format == Format.CSV ? 1 : 0, required,
                        "required FOCUS column is missing (columns found: " + columns.size() + ")");
            }
        }
        FocusSchema.Detection version = FocusSchema.detect(columns);

        Map<String, Long> deviationsFileLevel = new LinkedHashMap<>();
        List<Check> checks = new ArrayList<>();
        List<String> nullLiteralTerms = new ArrayList<>();
        List<String> isoTerms = new ArrayList<>();
        Expressions x = new Expressions(types, checks, nullLiteralTerms, isoTerms, deviationsFileLevel, name,
                format == Format.CSV);

        for (String d : FocusSchema.DECIMALS) if (types.containsKey(d)) x.decimal(d);
        for (String t : FocusSchema.TIMESTAMPS) if (types.containsKey(t)) x.timestamp(t);
        for (String r : List.of("ChargePeriodStart", "ChargePeriodEnd", "BillingAccountId", "ChargeCategory",
                "BilledCost", "EffectiveCost")) {
            // count(x) skips nulls: cheaper per row than a CASE, and this runs on every row of every file.
            checks.add(new Check(r, x.value(r) + " IS NULL", "required value is missing", "count(*) - count(" + x.value(r) + ")"));
        }
        List<String> custom = new ArrayList<>();
        for (String cc : meters.customColumns()) if (types.containsKey(cc)) custom.add(cc);

        String start = x.timestamp("ChargePeriodStart");
        String qty = types.containsKey("ConsumedQuantity") ? x.decimal("ConsumedQuantity") : "CAST(0 AS DECIMAL(18,0))";
        String cost = x.decimal("EffectiveCost");
        String billed = x.decimal("BilledCost");
        String customText = custom.isEmpty() ? "CAST(NULL AS VARCHAR)"
                : "concat_ws(' ', " + String.join(", ", custom.stream().map(x::value).toList()) + ")";

        StringBuilder sql = new StringBuilder("CREATE TEMP TABLE stage AS SELECT ");
        // Raw columns are grouped as they are; coalescing (sub-account else billing account, region id else
        // name) happens per group when the profile is written, not per row.
        sql.append(x.optional("SubAccountId")).append(" AS sub_account_id, ")
                .append(x.value("BillingAccountId")).append(" AS billing_account_id, ")
                .append("CAST(epoch_us(").append(start).append(") // 86400000000 AS INTEGER) AS day, ")
                .append(x.value("ServiceName")).append(" AS service_name, ")
                .append(x.value("ServiceCategory")).append(" AS service_category, ")
                .append(x.optional("ServiceSubcategory")).append(" AS service_subcategory, ")
                .append(x.optional("RegionId")).append(" AS region_id, ")
                .append(x.optional("RegionName")).append(" AS region_name, ")
                .append(x.value("ChargeCategory")).append(" AS charge_category, ")
                .append(x.value("BillingCurrency")).append(" AS currency, ")
                .append(x.optional("ConsumedUnit")).append(" AS consumed_unit, ")
                .append(x.optional("SkuMeter")).append(" AS sku_meter, ")
                .append(x.optional("ChargeDescription")).append(" AS charge_description, ")
                .append(customText).append(" AS custom_meter, ")
                // Sums in the column's own decimal type, widened once per group rather than once per row.
                .append("CAST(sum(").append(qty).append(") AS ").append(DEC).append(") AS qty, ")
                .append("CAST(sum(").append(cost).append(") AS ").append(DEC).append(") AS cost, ")
                .append("CAST(sum(").append(billed).append(") AS ").append(DEC).append(") AS billed, ")
                .append("count(*) AS rows, ")
                // ChargeCategory is a group key, so "Usage only" is applied per group when the profile is written.
                .append("CAST(epoch(max(").append(start).append(") FILTER (WHERE ").append(qty).append(" > 0 OR ")
                .append(cost).append(" > 0)) AS BIGINT) AS last_usage_epoch");
        for (int i = 0; i < checks.size(); i++) {
            sql.append(", ").append(checks.get(i).badCount()).append(" AS bad_").append(i);
        }
        sql.append(", sum(").append(nullLiteralTerms.isEmpty() ? "0" : String.join(" + ", nullLiteralTerms)).append(") AS dev_null");
        sql.append(", sum(").append(isoTerms.isEmpty() ? "0" : String.join(" + ", isoTerms)).append(") AS dev_iso");
        sql.append(" FROM ").append(source).append(" GROUP BY ALL");

        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS stage");
            timer.lap("describe");
            if (Timer.ON) System.err.println(sql);
            runWithProgress(sql.toString(), progress, bytesBefore, Files.size(file), rowsBefore,
                    progress == Progress.NONE ? 0 : estimateRows(file, format));
            timer.lap("stage (one pass over the file)");
            long rows;
            long[] bad = new long[checks.size()];
            long devNull, devIso;
            StringBuilder totals = new StringBuilder("SELECT coalesce(sum(rows), 0), coalesce(sum(dev_null), 0), coalesce(sum(dev_iso), 0)");
            for (int i = 0; i < checks.size(); i++) totals.append(", coalesce(sum(bad_").append(i).append("), 0)");
            try (ResultSet r = s.executeQuery(totals.append(" FROM stage").toString())) {
                r.next();
                rows = r.getLong(1);
                devNull = r.getLong(2);
                devIso = r.getLong(3);
                for (int i = 0; i < checks.size(); i++) bad[i] = r.getLong(4 + i);
            }
            for (int i = 0; i < checks.size(); i++) {
                if (bad[i] > 0) {
                    c.rollback();
                    throw locate(source, format, name, checks, bad);
                }
            }
            timer.lap("totals");
            String sha = sha(hashing);
            timer.lap("sha256 (overlapped)");
            try (PreparedStatement q = c.prepareStatement("SELECT path FROM ingested_file WHERE sha256 = ?")) {
                q.setString(1, sha);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) {
                        c.rollback();
                        return new FileReport(name, sha, format.name().toLowerCase(Locale.ROOT), "",
                                "already ingested as " + r.getString(1), true, 0, Map.of(), List.of());
                    }
                }
            }
            classify(c);
            timer.lap("classify");
            try (PreparedStatement ins = c.prepareStatement("""
                    INSERT INTO usage_daily
                    SELECT ?, coalesce(s.sub_account_id, s.billing_account_id), s.billing_account_id, s.day,
                           s.service_name, s.service_category, s.service_subcategory, coalesce(s.region_id, s.region_name),
                           s.charge_category, s.currency, k.metric,
                           sum(CASE WHEN s.charge_category = 'Usage' THEN CAST(s.qty AS DOUBLE) * k.factor ELSE 0 END),
                           sum(s.cost), sum(s.billed), sum(s.rows),
                           max(CASE WHEN s.charge_category = 'Usage' THEN s.last_usage_epoch END)
                    FROM stage s JOIN kind_class k
                      ON s.service_category IS NOT DISTINCT FROM k.service_category
                     AND s.consumed_unit IS NOT DISTINCT FROM k.consumed_unit
                     AND s.sku_meter IS NOT DISTINCT FROM k.sku_meter
                     AND s.charge_description IS NOT DISTINCT FROM k.charge_description
                     AND s.service_name IS NOT DISTINCT FROM k.service_name
                     AND s.service_subcategory IS NOT DISTINCT FROM k.service_subcategory
                     AND s.custom_meter IS NOT DISTINCT FROM k.custom_meter
                    GROUP BY ALL""")) {
                ins.setString(1, sha);
                ins.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO ingested_file VALUES (?, ?, ?, ?, ?, now())")) {
                ins.setString(1, sha);
                ins.setString(2, name);
                ins.setString(3, format.name().toLowerCase(Locale.ROOT));
                ins.setString(4, version.version());
                ins.setLong(5, rows);
                ins.executeUpdate();
            }
            s.execute("DROP TABLE stage");
            s.execute("DROP TABLE kind_class");
            c.commit();
            timer.lap("insert profile + commit");
            Map<String, Long> deviations = new LinkedHashMap<>();
            if (devNull > 0) deviations.put("null written as the string NULL (cells)", devNull);
            if (devIso > 0) deviations.put("timestamp not in ISO 8601 UTC form YYYY-MM-DDTHH:MM:SSZ (cells)", devIso);
            deviationsFileLevel.forEach((k, v) -> deviations.put(k, v < 0 ? rows : v));
            return new FileReport(name, sha, format.name().toLowerCase(Locale.ROOT), version.version(),
                    version.describe(), false, rows, deviations, FocusSchema.unrecognised(columns));
        } catch (SQLException e) {
            c.rollback();
            String message = firstLine(e.getMessage());
            if (message.contains("Out of Memory")) {
                // Not the file's fault: say so, and what to change.
                throw new IOException(name + ": DuckDB ran out of memory (raise the memory limit, e.g. --memory-limit 2GB): "
                        + message + " (nothing from this file was ingested)", e);
            }
            throw new FocusFormatException(name, 0, null, "cannot be read: " + message);
        } catch (RuntimeException | FocusFormatException | IOException e) {
            c.rollback();
            throw e;
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS stage");
                s.execute("DROP TABLE IF EXISTS kind_class");
            }
            c.setAutoCommit(autoCommit);
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

        Timer(String file) {
            this.file = file;
        }

        void lap(String phase) {
            long now = System.nanoTime();
            if (ON) System.err.printf("signals: %s: %s %.2f s%n", file, phase, (now - last) / 1e9);
            last = now;
        }
    }

    /** Classifies each distinct kind of staged row once (meters.tsv) into temp table kind_class. */
    private void classify(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TEMP TABLE kind_class (service_category VARCHAR, consumed_unit VARCHAR, sku_meter VARCHAR,
                      charge_description VARCHAR, service_name VARCHAR, service_subcategory VARCHAR,
                      custom_meter VARCHAR, metric VARCHAR, factor DOUBLE)""");
            List<String[]> kinds = new ArrayList<>();
            try (ResultSet r = s.executeQuery("""
                    SELECT DISTINCT service_category, consumed_unit, sku_meter, charge_description, service_name,
                           service_subcategory, custom_meter FROM stage""")) {
                while (r.next()) {
                    String[] k = new String[7];
                    for (int i = 0; i < 7; i++) k[i] = r.getString(i + 1);
                    kinds.add(k);
                }
            }
            try (DuckDBAppender a = ((DuckDBConnection) c).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "kind_class")) {
                for (String[] k : kinds) {
                    MeterRecognition.Classification cl = meters.classify(k[0], k[1],
                            java.util.Arrays.asList(k[2], k[3], k[4], k[5], k[6]));
                    a.beginRow();
                    for (String v : k) {
                        if (v == null) a.appendNull(); else a.append(v);
                    }
                    a.append(cl.metric()).append(cl.factor()).endRow();
                }
            }
        }
    }

    /** Second pass, only after a failure: the first row with an invalid value, named by line and column. */
    private FocusFormatException locate(String source, Format format, String file, List<Check> checks, long[] bad)
            throws SQLException {
        long bestRow = Long.MAX_VALUE;
        Check best = null;
        long total = 0;
        for (int i = 0; i < checks.size(); i++) {
            if (bad[i] == 0) continue;
            total += bad[i];
            Check ch = checks.get(i);
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
        String sql = "SELECT CAST(" + Expressions.quote(best.column()) + " AS VARCHAR) FROM (SELECT row_number() OVER () AS rn, * FROM "
                + source + ") WHERE rn = " + bestRow;
        try (Statement s = store.connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            if (r.next()) value = r.getString(1);
        }
        long line = format == Format.CSV ? bestRow + 1 : bestRow;
        String more = total > 1 ? " (" + total + " invalid values in this file)" : "";
        return new FocusFormatException(file, line, best.column(),
                best.problem() + (value == null ? "" : ": \"" + value + "\"") + more);
    }

    /**
     * Rows in the file, for the progress display only: exact for Parquet (its footer says), estimated for
     * CSV from the lines in its first 4 MiB. DuckDB's own row counter counts every stage of the query, so
     * the display takes DuckDB's fraction done times this estimate.
     */
    private long estimateRows(Path file, Format format) {
        try {
            if (format == Format.PARQUET) {
                try (Statement s = store.connection.createStatement();
                     ResultSet r = s.executeQuery("SELECT sum(num_rows) FROM parquet_file_metadata(" + literal(file.toString()) + ")")) {
                    return r.next() ? r.getLong(1) : 0;
                }
            }
            long size = Files.size(file);
            boolean gz = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
            try (var counting = new java.io.BufferedInputStream(Files.newInputStream(file))) {
                long[] consumed = {0};
                InputStream raw = new java.io.FilterInputStream(counting) {
                    @Override public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n > 0) consumed[0] += n;
                        return n;
                    }
                };
                InputStream in = gz ? new java.util.zip.GZIPInputStream(raw) : raw;
                byte[] buf = new byte[1 << 16];
                long lines = 0, read = 0;
                int n;
                while (read < (4 << 20) && (n = in.read(buf)) > 0) {
                    read += n;
                    for (int i = 0; i < n; i++) if (buf[i] == '\n') lines++;
                }
                if (lines == 0) return 0;
                return Math.max(0, (long) (size / ((double) consumed[0] / lines)) - 1);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            return 0; // no estimate: the display shows percent and ETA only
        }
    }

    private void runWithProgress(String sql, Progress progress, long bytesBefore, long fileBytes, long rowsBefore,
                                 long fileRows) throws SQLException {
        if (progress == Progress.NONE) {
            try (Statement s = store.connection.createStatement()) {
                s.execute(sql);
            }
            return;
        }
        try (Statement settings = store.connection.createStatement()) {
            settings.execute("SET enable_progress_bar = true");
            settings.execute("SET enable_progress_bar_print = false");
        }
        try (PreparedStatement ps = store.connection.prepareStatement(sql)) {
            DuckDBPreparedStatement dps = ps.unwrap(DuckDBPreparedStatement.class);
            ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ingest-progress");
                t.setDaemon(true);
                return t;
            });
            poller.scheduleAtFixedRate(() -> {
                try {
                    QueryProgress p = dps.getQueryProgress();
                    double pct = Math.max(0, p.getPercentage()) / 100.0;
                    double done = Math.min(1, pct);
                    progress.update(bytesBefore + (long) (fileBytes * done), rowsBefore + (long) (fileRows * done));
                } catch (SQLException | RuntimeException ignored) {
                    // progress is best effort; the query's own outcome is what counts
                }
            }, 250, 250, TimeUnit.MILLISECONDS);
            try {
                ps.execute();
            } finally {
                poller.shutdownNow();
            }
        }
    }

    private Map<String, String> describe(String source, String file, Format format) throws FocusFormatException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Statement s = store.connection.createStatement();
             ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + source)) {
            while (r.next()) types.put(r.getString(1), r.getString(2));
        } catch (SQLException e) {
            throw new FocusFormatException(file, 0, null, "cannot be read as " + (format == Format.PARQUET ? "Parquet" : "CSV")
                    + ": " + firstLine(e.getMessage()));
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

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    /**
     * Builds the SQL that parses each column according to how the file types it: CSV cells arrive as
     * text (the literal NULL is a counted deviation, not a value), Parquet columns arrive typed.
     */
    private static final class Expressions {
        private final Map<String, String> types;
        private final List<Check> checks;
        private final List<String> nullLiteralTerms;
        private final List<String> isoTerms;
        private final Map<String, Long> fileLevel;
        private final String file;
        private final boolean csv;
        private final Map<String, String> done = new LinkedHashMap<>();

        Expressions(Map<String, String> types, List<Check> checks, List<String> nullTerms, List<String> isoTerms,
                    Map<String, Long> fileLevel, String file, boolean csv) {
            this.csv = csv;
            this.types = types;
            this.checks = checks;
            this.nullLiteralTerms = nullTerms;
            this.isoTerms = isoTerms;
            this.fileLevel = fileLevel;
            this.file = file;
        }

        static String quote(String column) {
            return "\"" + column.replace("\"", "\"\"") + "\"";
        }

        private boolean text(String column) {
            return "VARCHAR".equals(types.get(column));
        }

        /**
         * The column's value. In CSV the literal NULL is read as null (a deviation, counted once per column);
         * in Parquet a string is what it says, and a null is a null.
         */
        String value(String column) {
            String q = quote(column);
            if (!csv || !text(column)) return q;
            if (done.putIfAbsent("null:" + column, "") == null) {
                nullLiteralTerms.add("CASE WHEN " + q + " = 'NULL' THEN 1 ELSE 0 END");
            }
            return "NULLIF(" + q + ", 'NULL')";
        }

        String optional(String column) {
            return types.containsKey(column) ? value(column) : "CAST(NULL AS VARCHAR)";
        }

        String decimal(String column) throws FocusFormatException {
            String cached = done.get("dec:" + column);
            if (cached != null) return cached;
            String type = types.get(column);
            String expr;
            if (text(column)) {
                String v = value(column);
                expr = "TRY_CAST(" + v + " AS " + DEC + ")";
                checks.add(new Check(column, "(" + v + " IS NOT NULL AND " + expr + " IS NULL)", "not a decimal number"));
            } else if (type.startsWith("DECIMAL") || type.matches("U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?")) {
                expr = quote(column);
            } else if (type.matches("DOUBLE|FLOAT|REAL")) {
                // Floating-point money in a file: made exact decimal per row, before anything is summed.
                expr = "CAST(" + quote(column) + " AS " + DEC + ")";
            } else {
                throw new FocusFormatException(file, 0, column, "has type " + type + "; expected a decimal number");
            }
            done.put("dec:" + column, expr);
            return expr;
        }

        String timestamp(String column) throws FocusFormatException {
            String cached = done.get("ts:" + column);
            if (cached != null) return cached;
            String type = types.get(column);
            String expr;
            if (text(column)) {
                String v = value(column);
                expr = "TRY_CAST(" + v + " AS TIMESTAMPTZ)";
                // An explicit offset other than UTC changes the instant: FOCUS requires UTC, so it is an error.
                checks.add(new Check(column, "(" + v + " IS NOT NULL AND (" + expr + " IS NULL OR CAST(" + expr
                        + " AS TIMESTAMP) <> TRY_CAST(" + v + " AS TIMESTAMP)))",
                        "not a UTC timestamp (FOCUS: YYYY-MM-DDTHH:MM:SSZ)"));
                isoTerms.add("CASE WHEN " + v + " IS NOT NULL AND NOT (" + v + " LIKE '____-__-__T%Z') THEN 1 ELSE 0 END");
            } else if (type.equals("TIMESTAMP WITH TIME ZONE")) {
                expr = quote(column);
            } else if (type.startsWith("TIMESTAMP") || type.equals("DATE")) {
                expr = "CAST(" + quote(column) + " AS TIMESTAMPTZ)";
                fileLevel.put("Parquet column " + column + " has no time zone; read as UTC (rows)", -1L);
            } else {
                throw new FocusFormatException(file, 0, column, "has type " + type + "; expected a UTC timestamp");
            }
            done.put("ts:" + column, expr);
            return expr;
        }
    }
}
