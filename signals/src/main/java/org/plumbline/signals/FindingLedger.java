package org.plumbline.signals;

import java.sql.Connection;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.plumbline.core.domain.Finding;

/**
 * Remembers which findings were already raised ({@code finding_ledger} in the signals database), so
 * scans that run again over the same data (on a schedule, after each upload) raise each finding once.
 * The ledger is keyed by {@link Finding#key()}: rule, account, subject and window.
 */
final class FindingLedger {
    private final Connection connection;

    FindingLedger(Connection connection) {
        this.connection = connection;
    }

    /** Which of these keys are already in the ledger: one join, not one query per finding. */
    java.util.Set<String> recorded(java.util.List<String> keys) throws SQLException {
        java.util.Set<String> found = new java.util.HashSet<>();
        if (keys.isEmpty()) return found;
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE scan_finding_key (finding_key VARCHAR)");
            try (DuckDBAppender a = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "scan_finding_key")) {
                for (String k : keys) a.beginRow().append(k).endRow();
            }
            try (ResultSet r = s.executeQuery("SELECT l.finding_key FROM finding_ledger l JOIN scan_finding_key k USING (finding_key)")) {
                while (r.next()) found.add(r.getString(1));
            }
            s.execute("DROP TABLE scan_finding_key");
        }
        return found;
    }

    /**
     * Records findings in one transaction: appended to a temporary table and inserted with one statement
     * (a JDBC batch runs one statement per row in DuckDB; one commit per finding was slower still).
     */
    void record(java.util.List<Finding> findings) throws SQLException {
        if (findings.isEmpty()) return;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE raised_finding (finding_key VARCHAR, rule VARCHAR, account VARCHAR,"
                    + " window_start DATE, window_end DATE)");
            try (DuckDBAppender a = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "raised_finding")) {
                for (Finding f : findings) {
                    a.beginRow().append(f.key()).append(f.rule()).append(f.account())
                            .append(f.windowStart()).append(f.windowEnd()).endRow();
                }
            }
            s.execute("INSERT INTO finding_ledger SELECT finding_key, rule, account, window_start, window_end, now()"
                    + " FROM raised_finding ON CONFLICT DO NOTHING");
            s.execute("DROP TABLE raised_finding");
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
