package org.plumbline.core;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.plumbline.core.domain.AckOutcome;
import org.plumbline.core.domain.Acknowledgement;
import org.plumbline.core.domain.Directive;
import org.plumbline.core.domain.DirectiveAction;
import org.plumbline.core.domain.Wire;

/** SQL for directives and their acknowledgements. */
final class DirectiveStore {
    private static final String SELECT = "SELECT d.*, a.client, a.outcome, a.detail, a.acked_at, a.log_index AS ack_index "
            + "FROM directive d LEFT JOIN directive_ack a ON a.directive_id = d.id ";

    private DirectiveStore() {}

    static long nextId(Handle h) {
        return Rows.nextId(h, "directive");
    }

    static void insert(Handle h, Directive d) {
        h.createUpdate("INSERT INTO directive (id, decision_id, engagement_id, action, accounts, services, effective_at, "
                        + "ack_deadline, payload, signature, issued_at, log_index) VALUES (:id, :decision, :engagement, :action, "
                        + ":accounts, :services, :effective, :deadline, :payload, :signature, :issued, :idx)")
                .bind("id", d.id()).bind("decision", d.decisionId()).bind("engagement", d.engagementId())
                .bind("action", Wire.name(d.action())).bind("accounts", Rows.array(d.accounts()))
                .bind("services", Rows.array(d.services())).bind("effective", Rows.ts(d.effectiveAt()))
                .bind("deadline", Rows.ts(d.ackDeadline())).bind("payload", d.payload()).bind("signature", d.signature())
                .bind("issued", Rows.ts(d.issuedAt())).bind("idx", d.cursor())
                .execute();
    }

    static void insertAck(Handle h, long directiveId, Acknowledgement a) {
        h.createUpdate("INSERT INTO directive_ack (directive_id, client, outcome, detail, acked_at, log_index) "
                        + "VALUES (:d, :client, :outcome, :detail, :at, :idx)")
                .bind("d", directiveId).bind("client", a.client()).bind("outcome", Wire.name(a.outcome()))
                .bind("detail", a.detail()).bind("at", Rows.ts(a.at())).bind("idx", a.logIndex())
                .execute();
    }

    /** Locks the directive row (acknowledgements serialise on it). */
    static Optional<Directive> lock(Handle h, long id) {
        h.createQuery("SELECT id FROM directive WHERE id = :id FOR NO KEY UPDATE").bind("id", id).mapTo(Long.class).findOne();
        return get(h, id);
    }

    static Optional<Directive> get(Handle h, long id) {
        return h.createQuery(SELECT + "WHERE d.id = :id").bind("id", id).map((rs, ctx) -> map(rs)).findOne();
    }

    /** The newest {@code limit} directives, newest first. */
    static List<Directive> newest(Handle h, int limit) {
        return h.createQuery(SELECT + "ORDER BY d.log_index DESC LIMIT :limit").bind("limit", limit).map((rs, ctx) -> map(rs)).list();
    }

    /** Directives with cursor greater than {@code cursor}, oldest first. */
    static List<Directive> since(Handle h, long cursor, int limit) {
        return h.createQuery(SELECT + "WHERE d.log_index > :cursor ORDER BY d.log_index LIMIT :limit")
                .bind("cursor", cursor).bind("limit", limit).map((rs, ctx) -> map(rs)).list();
    }

    static List<Directive> forEngagement(Handle h, long engagementId) {
        return h.createQuery(SELECT + "WHERE d.engagement_id = :e ORDER BY d.log_index").bind("e", engagementId)
                .map((rs, ctx) -> map(rs)).list();
    }

    /** Unacknowledged directives past their deadline. */
    static List<Directive> overdue(Handle h, Instant now) {
        return h.createQuery(SELECT + "WHERE a.directive_id IS NULL AND d.ack_deadline < :now ORDER BY d.log_index")
                .bind("now", Rows.ts(now)).map((rs, ctx) -> map(rs)).list();
    }

    private static Directive map(ResultSet rs) throws SQLException {
        Acknowledgement ack = rs.getString("client") == null ? null
                : new Acknowledgement(rs.getString("client"), Wire.parse(AckOutcome.class, rs.getString("outcome"), "outcome"),
                        rs.getString("detail"), Rows.instant(rs, "acked_at"), rs.getLong("ack_index"));
        return new Directive(rs.getLong("id"), rs.getLong("decision_id"), rs.getLong("engagement_id"),
                Wire.parse(DirectiveAction.class, rs.getString("action"), "action"), Rows.strings(rs, "accounts"),
                Rows.strings(rs, "services"), Rows.instant(rs, "effective_at"), Rows.instant(rs, "ack_deadline"),
                rs.getBytes("payload"), rs.getBytes("signature"), Rows.instant(rs, "issued_at"), rs.getLong("log_index"), ack);
    }
}
