package org.plumbline.signals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The DuckDB database signals keeps: which files were ingested (by SHA-256), the daily usage profile,
 * and the ledger of findings already raised. A file path keeps it across runs (the server's case);
 * null keeps it in memory (a one-off CLI scan).
 */
final class UsageStore implements AutoCloseable {
    static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS ingested_file (
              sha256 VARCHAR PRIMARY KEY, path VARCHAR NOT NULL, format VARCHAR NOT NULL,
              focus_version VARCHAR NOT NULL, rows BIGINT NOT NULL, ingested_at TIMESTAMPTZ NOT NULL);
            CREATE TABLE IF NOT EXISTS usage_daily (
              file_sha256 VARCHAR NOT NULL, account_id VARCHAR NOT NULL, billing_account_id VARCHAR NOT NULL,
              day INTEGER NOT NULL, service_name VARCHAR, service_category VARCHAR, service_subcategory VARCHAR,
              region VARCHAR, charge_category VARCHAR, currency VARCHAR, metric VARCHAR NOT NULL,
              amount DOUBLE NOT NULL, cost DECIMAL(38,12) NOT NULL,
              rows BIGINT NOT NULL, last_usage_epoch BIGINT);
            CREATE TABLE IF NOT EXISTS finding_ledger (
              finding_key VARCHAR PRIMARY KEY, rule VARCHAR NOT NULL, account VARCHAR NOT NULL,
              window_start DATE NOT NULL, window_end DATE NOT NULL, raised_at TIMESTAMPTZ NOT NULL);
            """;

    final Connection connection;

    UsageStore(Path database, String memoryLimit, Path spillDirectory) throws SQLException {
        connection = DriverManager.getConnection(database == null ? "jdbc:duckdb:" : "jdbc:duckdb:" + database);
        try (Statement s = connection.createStatement()) {
            // Timestamps are UTC throughout; DuckDB would otherwise use the machine's zone for TIMESTAMPTZ.
            s.execute("SET TimeZone = 'UTC'");
            // Ingestion reads a Parquet file's footer in four queries (columns, required values, the pass, the
            // example rows); a 100 M row file's footer takes ~0.05 s to parse each time. The cache is keyed by
            // path and checked against the file's modification time.
            s.execute("SET parquet_metadata_cache = true");
            if (memoryLimit != null) s.execute("SET memory_limit = '" + memoryLimit.replace("'", "") + "'");
            if (spillDirectory != null) s.execute("SET temp_directory = '" + spillDirectory.toString().replace("'", "''") + "'");
            s.execute(SCHEMA);
            // Profiles written before the profile dropped BilledCost (EffectiveCost is the cost the profile keeps).
            s.execute("ALTER TABLE usage_daily DROP COLUMN IF EXISTS billed_cost");
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
