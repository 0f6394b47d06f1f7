package org.plumbline.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.plumbline.core.domain.RaisedFinding;
import org.plumbline.core.domain.Finding;

/** SQL for usage findings ({@code usage_finding}, append-only). */
final class FindingStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLS = "id, finding_key, engagement_id, case_id, opened_case, account, rule, title, "
            + "severity, subject, window_start, window_end, figures, evidence, raised_by, raised_at, log_index";
    /** A recorded finding names its engagement by reference, as the rules that found it did. */
    private static final String SELECT = "SELECT f.id, f.finding_key, f.engagement_id, e.reference AS engagement_reference, "
            + "f.case_id, f.opened_case, f.account, f.rule, f.title, f.severity, f.subject, f.window_start, f.window_end, "
            + "f.figures, f.evidence, f.raised_by, f.raised_at, f.log_index "
            + "FROM usage_finding f JOIN engagement e ON e.id = f.engagement_id";

    private FindingStore() {}

    static void insert(Handle h, RaisedFinding r) {
        Finding f = r.finding();
        String figures;
        try {
            figures = JSON.writeValueAsString(f.figures());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("figures are not JSON: " + e.getMessage(), e);
        }
        h.createUpdate("INSERT INTO usage_finding (" + COLS + ") VALUES (nextval(pg_get_serial_sequence('usage_finding', "
                        + "'id')), :key, :e, :c, :opened, :account, :rule, :title, :severity, :subject, :ws, :we, :figures, "
                        + ":evidence, :by, :at, :idx)")
                .bind("key", f.key()).bind("e", r.engagementId()).bind("c", r.caseId()).bind("opened", r.openedCase())
                .bind("account", f.account()).bind("rule", f.rule()).bind("title", f.title()).bind("severity", f.severity())
                .bind("subject", f.subject()).bind("ws", f.windowStart()).bind("we", f.windowEnd()).bind("figures", figures)
                .bind("evidence", f.evidence()).bind("by", r.raisedBy()).bind("at", Rows.ts(r.raisedAt()))
                .bind("idx", r.logIndex())
                .execute();
    }

    static Optional<RaisedFinding> byKey(Handle h, String key) {
        return h.createQuery(SELECT + " WHERE f.finding_key = :k").bind("k", key)
                .map((rs, ctx) -> map(rs)).findOne();
    }

    static Optional<RaisedFinding> get(Handle h, long id) {
        return h.createQuery(SELECT + " WHERE f.id = :id").bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne();
    }

    /** Newest first. */
    static List<RaisedFinding> list(Handle h, int limit) {
        return h.createQuery(SELECT + " ORDER BY f.id DESC LIMIT :n").bind("n", limit)
                .map((rs, ctx) -> map(rs)).list();
    }

    static List<RaisedFinding> forCase(Handle h, long caseId) {
        return h.createQuery(SELECT + " WHERE f.case_id = :c ORDER BY f.id").bind("c", caseId)
                .map((rs, ctx) -> map(rs)).list();
    }

    /**
     * The newest still-active case (open, in review or escalated) that findings on this engagement and
     * account opened or joined, locked for the rest of the transaction.
     */
    static Optional<Long> lockActiveCase(Handle h, long engagementId, String account) {
        return h.createQuery("SELECT c.id FROM case_file c WHERE c.state IN ('open', 'in-review', 'escalated') "
                        + "AND c.id IN (SELECT case_id FROM usage_finding WHERE engagement_id = :e AND account = :a) "
                        + "ORDER BY c.id DESC LIMIT 1 FOR NO KEY UPDATE")
                .bind("e", engagementId).bind("a", account).mapTo(Long.class).findOne();
    }

    private static RaisedFinding map(ResultSet rs) throws SQLException {
        Map<String, Object> figures;
        try {
            figures = JSON.readValue(rs.getString("figures"), new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new SQLException("usage_finding " + rs.getLong("id") + ": figures are not JSON", e);
        }
        Finding f = new Finding(rs.getString("finding_key"), rs.getString("rule"), rs.getString("title"),
                rs.getString("severity"), rs.getString("account"), rs.getString("engagement_reference"), rs.getString("subject"),
                rs.getObject("window_start", java.time.LocalDate.class), rs.getObject("window_end", java.time.LocalDate.class),
                figures, rs.getString("evidence"));
        return new RaisedFinding(rs.getLong("id"), f, rs.getLong("engagement_id"), rs.getLong("case_id"),
                rs.getBoolean("opened_case"), rs.getString("raised_by"), Rows.instant(rs, "raised_at"), rs.getLong("log_index"));
    }
}
