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

    boolean contains(String key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM finding_ledger WHERE finding_key = ?")) {
            ps.setString(1, key);
            try (ResultSet r = ps.executeQuery()) {
                return r.next();
            }
        }
    }

    void record(Finding f) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO finding_ledger VALUES (?, ?, ?, ?, ?, now()) ON CONFLICT DO NOTHING")) {
            ps.setString(1, f.key());
            ps.setString(2, f.rule());
            ps.setString(3, f.account());
            ps.setDate(4, Date.valueOf(f.windowStart()));
            ps.setDate(5, Date.valueOf(f.windowEnd()));
            ps.executeUpdate();
        }
    }
}
