package org.plumbline.signals;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.plumbline.core.domain.Finding;

/**
 * The entry point of signals: ingest FOCUS usage, scan it against declarations, read profile series.
 *
 * <pre>{@code
 * try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.at(dataDir.resolve("signals.duckdb")))) {
 *     engine.ingest(List.of("exports/2026-11/*.parquet"), Progress.NONE);
 *     ScanResult result = engine.scan(declarations, finding -> log.append(...));
 *     List<SeriesPoint> chart = engine.series(finding.account(), finding.windowStart().minusDays(30), finding.windowEnd());
 * }
 * }</pre>
 *
 * Not thread-safe: one engine per thread (DuckDB allows one writer per database file).
 */
public final class SignalsEngine implements AutoCloseable {
    /**
     * @param database     DuckDB file (kept across runs: ingested files, profile, finding ledger); null = in memory
     * @param memoryLimit  DuckDB memory limit such as "2GB" (DuckDB spills to disk beyond it); null = DuckDB's default
     * @param spillDirectory where DuckDB spills; null = DuckDB's default (beside the database file, or none in memory)
     */
    public record Options(Path database, String memoryLimit, Path spillDirectory, MeterRecognition meters,
                          List<Rule> rules, PurposeVocabulary vocabulary) {
        public static Options inMemory() {
            return new Options(null, null, null, MeterRecognition.shipped(), Rule.shipped(), PurposeVocabulary.shipped());
        }

        public static Options at(Path database) {
            return inMemory().withDatabase(database);
        }

        public Options withDatabase(Path db) {
            return new Options(db, memoryLimit, spillDirectory, meters, rules, vocabulary);
        }

        public Options withMemoryLimit(String limit, Path spill) {
            return new Options(database, limit, spill, meters, rules, vocabulary);
        }

        public Options withRules(List<Rule> r) {
            return new Options(database, memoryLimit, spillDirectory, meters, r, vocabulary);
        }

        public Options withMeters(MeterRecognition m) {
            return new Options(database, memoryLimit, spillDirectory, m, rules, vocabulary);
        }
    }

    private final Options options;
    private final UsageStore store;

    private SignalsEngine(Options options, UsageStore store) {
        this.options = options;
        this.store = store;
    }

    public static SignalsEngine open(Options options) throws SQLException {
        return new SignalsEngine(options, new UsageStore(options.database(), options.memoryLimit(), options.spillDirectory()));
    }

    /**
     * Ingests files, directories (every .csv, .csv.gz, .parquet under them) and globs. Each file is all or
     * nothing; a file whose SHA-256 was already ingested is skipped. Stops at the first bad file (files
     * before it stay ingested) with a {@link FocusFormatException} naming file, line and column.
     */
    public IngestReport ingest(List<String> inputs, Progress progress) throws IOException, FocusFormatException {
        try {
            return new FocusIngester(store, options.meters()).ingest(inputs, progress);
        } catch (SQLException e) {
            throw new IOException("signals database: " + FocusIngester.firstLine(e.getMessage()), e);
        }
    }

    /**
     * Runs every rule against the declarations; hands each finding not raised before to the sink, then
     * records it in the ledger.
     */
    public ScanResult scan(Declarations declarations, FindingSink sink) throws Exception {
        DuckDbRuleEngine engine = new DuckDbRuleEngine(store.connection);
        List<Finding> findings = new RuleRunner(options.rules(), options.vocabulary()).run(engine, declarations);
        long t0 = System.nanoTime();
        FindingLedger ledger = new FindingLedger(store.connection);
        java.util.Set<String> seen = ledger.recorded(findings.stream().map(Finding::key).toList());
        List<Finding> raised = new ArrayList<>();
        try {
            for (Finding f : findings) {
                if (!seen.add(f.key())) continue;
                sink.accept(f);
                raised.add(f);
            }
        } finally {
            // What the sink accepted is recorded even if it then threw on a later finding; that one and the
            // rest are handed over again on the next scan.
            ledger.record(raised);
        }
        long t1 = System.nanoTime();
        ScanResult result = new ScanResult(findings, raised, accounts(engine));
        if (Boolean.getBoolean("plumbline.signals.debug")) {
            System.err.printf("signals: ledger %.2f s, account summary %.2f s%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        }
        return result;
    }

    private List<ScanResult.AccountUsage> accounts(DuckDbRuleEngine engine) throws SQLException {
        Map<String, String> engagementOf = new HashMap<>();
        for (Map<String, Object> r : engine.query("SELECT account_id, engagement_id FROM account_engagement")) {
            engagementOf.put((String) r.get("account_id"), (String) r.get("engagement_id"));
        }
        List<ScanResult.AccountUsage> out = new ArrayList<>();
        for (Map<String, Object> r : engine.query("""
                SELECT account_id, min(billing_account_id) AS billing, sum(rows) AS rows, sum(cost) AS cost,
                       min(day) AS first_day, max(day) AS last_day
                FROM usage_daily GROUP BY account_id ORDER BY account_id""")) {
            String account = (String) r.get("account_id");
            out.add(new ScanResult.AccountUsage(account, (String) r.get("billing"), engagementOf.get(account),
                    ((Number) r.get("rows")).longValue(), ((BigDecimal) r.get("cost")).stripTrailingZeros(),
                    LocalDate.ofEpochDay(((Number) r.get("first_day")).longValue()).toString(),
                    LocalDate.ofEpochDay(((Number) r.get("last_day")).longValue()).toString()));
        }
        return out;
    }

    /**
     * The metering summary of each of {@code accounts} that has usage (in account order): days seen, cost,
     * storage held at the end, AI use. Meant for the few accounts a scan found in no engagement
     * ({@link ScanResult#unmapped()}), so that a reviewer sees what such an account does.
     */
    public List<AccountSummary> summaries(java.util.Collection<String> accounts) throws SQLException {
        if (accounts.isEmpty()) return List.of();
        var c = store.connection;
        List<List<Object>> wanted = new ArrayList<>();
        for (String a : new java.util.LinkedHashSet<>(accounts)) wanted.add(List.of(a));
        new DuckDbRuleEngine(c).load(new TableData("summary_account", List.of("account_id"), List.of("VARCHAR"), wanted));
        Map<String, Double> storage = new HashMap<>();
        Map<String, Long> storageDay = new HashMap<>();
        Map<String, Map<String, Double>> ai = new HashMap<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("""
                    SELECT account_id, arg_max(held, day), max(day) FROM (
                      SELECT account_id, day, sum(amount) AS held FROM usage_daily JOIN summary_account USING (account_id)
                      WHERE metric = 'storage_bytes' GROUP BY account_id, day) GROUP BY account_id""")) {
                while (r.next()) {
                    storage.put(r.getString(1), r.getDouble(2));
                    storageDay.put(r.getString(1), r.getLong(3));
                }
            }
            String metrics = String.join(", ", AccountSummary.AI_METRICS.stream().sorted().map(m -> "'" + m + "'").toList());
            try (ResultSet r = s.executeQuery("SELECT account_id, metric, sum(amount) FROM usage_daily JOIN summary_account "
                    + "USING (account_id) WHERE metric IN (" + metrics + ") GROUP BY account_id, metric HAVING sum(amount) > 0")) {
                while (r.next()) {
                    ai.computeIfAbsent(r.getString(1), k -> new java.util.TreeMap<>()).put(r.getString(2), r.getDouble(3));
                }
            }
            List<AccountSummary> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery("""
                    SELECT account_id, min(billing_account_id), count(DISTINCT day), min(day), max(day), sum(rows), sum(cost)
                    FROM usage_daily JOIN summary_account USING (account_id) GROUP BY account_id ORDER BY account_id""")) {
                while (r.next()) {
                    String a = r.getString(1);
                    Long held = storageDay.get(a);
                    out.add(new AccountSummary(a, r.getString(2), r.getLong(3), LocalDate.ofEpochDay(r.getLong(4)).toString(),
                            LocalDate.ofEpochDay(r.getLong(5)).toString(), r.getLong(6), r.getBigDecimal(7).stripTrailingZeros(),
                            held == null ? 0 : storage.get(a), held == null ? null : LocalDate.ofEpochDay(held).toString(),
                            ai.getOrDefault(a, Map.of())));
                }
            }
            s.execute("DROP TABLE summary_account");
            return out;
        }
    }

    /** Daily profile of an account between two days (inclusive), every metric, for charts. */
    public List<SeriesPoint> series(String account, LocalDate from, LocalDate to) throws SQLException {
        List<SeriesPoint> out = new ArrayList<>();
        try (PreparedStatement ps = store.connection.prepareStatement("""
                SELECT day, metric, sum(amount), sum(cost),
                       CASE WHEN count(DISTINCT currency) > 1 THEN 'mixed' ELSE min(currency) END
                FROM usage_daily
                WHERE account_id = ? AND day BETWEEN ? AND ? GROUP BY day, metric ORDER BY day, metric""")) {
            ps.setString(1, account);
            ps.setLong(2, from.toEpochDay());
            ps.setLong(3, to.toEpochDay());
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(new SeriesPoint(LocalDate.ofEpochDay(r.getLong(1)), r.getString(2), r.getDouble(3), r.getBigDecimal(4),
                            r.getString(5)));
                }
            }
        }
        return out;
    }

    /** Total rows in the profile (every ingested row is counted in exactly one profile group). */
    public long profiledRows() throws SQLException {
        try (Statement s = store.connection.createStatement();
             ResultSet r = s.executeQuery("SELECT coalesce(sum(rows), 0) FROM usage_daily")) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * Writes the profile table as Parquet: what an engine other than DuckDB (Spark) reads to run the
     * same rules.
     */
    public void exportProfile(Path parquet) throws SQLException {
        try (Statement s = store.connection.createStatement()) {
            s.execute("COPY (SELECT * FROM usage_daily ORDER BY account_id, day, metric, service_name, region) TO "
                    + FocusIngester.literal(parquet.toString()) + " (FORMAT parquet)");
        }
    }

    /** The database connection, for tests in this package that inspect the tables. */
    java.sql.Connection connection() {
        return store.connection;
    }

    /** The rules this engine runs. */
    public List<Rule> rules() {
        return options.rules();
    }

    @Override
    public void close() throws SQLException {
        store.close();
    }
}
