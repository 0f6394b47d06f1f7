package org.plumbline.signals;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

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

    /** Which of these keys are already in the ledger: one query per thousand keys, not one per finding. */
    java.util.Set<String> recorded(java.util.List<String> keys) throws SQLException {
        java.util.Set<String> found = new java.util.HashSet<>();
        for (int from = 0; from < keys.size(); from += 1000) {
            java.util.List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 1000));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT finding_key FROM finding_ledger WHERE finding_key IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i));
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) found.add(r.getString(1));
                }
            }
        }
        return found;
    }

    /** Records findings in one transaction (one statement per finding cost a commit each). */
    void record(java.util.List<Finding> findings) throws SQLException {
        if (findings.isEmpty()) return;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO finding_ledger VALUES (?, ?, ?, ?, ?, now()) ON CONFLICT DO NOTHING")) {
            for (Finding f : findings) {
                ps.setString(1, f.key());
                ps.setString(2, f.rule());
                ps.setString(3, f.account());
                ps.setDate(4, Date.valueOf(f.windowStart()));
                ps.setDate(5, Date.valueOf(f.windowEnd()));
                ps.addBatch();
            }
            ps.executeBatch();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
