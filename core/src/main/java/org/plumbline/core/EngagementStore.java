package org.plumbline.core;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.plumbline.core.domain.Attestation;
import org.plumbline.core.domain.Declaration;
import org.plumbline.core.domain.Engagement;
import org.plumbline.core.domain.EngagementStatus;
import org.plumbline.core.domain.EngagementVersion;
import org.plumbline.core.domain.Wire;

/** SQL for {@code engagement} (the head) and {@code engagement_version} (the declarations). */
final class EngagementStore {
    private static final String HEAD = "id, reference, customer_id, version, status, severity, next_review_at, created_at";
    /** {@link #HEAD} qualified by the alias {@code e}, for a statement that joins the head to another table. */
    private static final String HEAD_OF_E = HEAD.replaceAll("(\\w+)", "e.$1");

    private EngagementStore() {}

    static long nextId(Handle h) {
        return Rows.nextId(h, "engagement");
    }

    static void insertHead(Handle h, Engagement e) {
        h.createUpdate("INSERT INTO engagement (" + HEAD + ") VALUES (:id, :ref, :customer, :version, :status, "
                        + ":severity, :review, :at)")
                .bind("id", e.id()).bind("ref", e.reference()).bind("customer", e.customerId()).bind("version", e.version())
                .bind("status", Wire.name(e.status())).bind("severity", e.severity())
                .bind("review", Rows.ts(e.nextReviewAt())).bind("at", Rows.ts(e.createdAt()))
                .execute();
    }

    static void insertVersion(Handle h, EngagementVersion v) {
        Declaration d = v.declaration();
        h.createUpdate("INSERT INTO engagement_version (engagement_id, version, accounts, billing_account, services, "
                        + "regions, contract_reference, purposes, data_categories, prohibited_uses, attested_by, attestation, "
                        + "declared_by, declared_at, log_index) VALUES (:id, :version, :accounts, :billing, :services, :regions, "
                        + ":contract, :purposes, :categories, :prohibited, :attestedBy, :attestation, :by, :at, :idx)")
                .bind("id", v.engagementId()).bind("version", v.version())
                .bind("accounts", Rows.array(d.accounts())).bind("billing", d.billingAccount())
                .bind("services", Rows.array(d.services())).bind("regions", Rows.array(d.regions()))
                .bind("contract", d.contractReference()).bind("purposes", Rows.array(d.purposes()))
                .bind("categories", Rows.array(d.dataCategories()))
                .bind("prohibited", Rows.array(d.acknowledgedProhibitedUses()))
                .bind("attestedBy", d.attestation().accountManager()).bind("attestation", d.attestation().statement())
                .bind("by", v.declaredBy()).bind("at", Rows.ts(v.declaredAt())).bind("idx", v.logIndex())
                .execute();
    }

    /** Moves the head to {@code version}; the caller holds the row lock (see {@link #lock}). */
    static void setVersion(Handle h, long id, int version) {
        h.createUpdate("UPDATE engagement SET version = :v WHERE id = :id").bind("v", version).bind("id", id).execute();
    }

    static void setStatus(Handle h, long id, EngagementStatus status) {
        h.createUpdate("UPDATE engagement SET status = :s WHERE id = :id").bind("s", Wire.name(status)).bind("id", id)
                .execute();
    }

    static void setSeverity(Handle h, long id, int severity) {
        h.createUpdate("UPDATE engagement SET severity = :s WHERE id = :id").bind("s", severity).bind("id", id).execute();
    }

    static void setNextReview(Handle h, long id, Instant at) {
        h.createUpdate("UPDATE engagement SET next_review_at = :t WHERE id = :id").bind("t", Rows.ts(at)).bind("id", id)
                .execute();
    }

    /**
     * Reads the head and locks its row until the transaction ends. {@code FOR NO KEY UPDATE}, as every row lock
     * in core: it excludes other writers of the head but not transactions inserting rows that reference it
     * (their foreign-key check takes a key-share lock). {@code FOR UPDATE} would make a decision that locked
     * the engagement wait for a case opening that holds the log counter and waits for the engagement: a
     * deadlock PostgreSQL resolves by failing one of them.
     */
    static Optional<Engagement> lock(Handle h, long id) {
        return h.createQuery("SELECT " + HEAD + " FROM engagement WHERE id = :id FOR NO KEY UPDATE").bind("id", id)
                .map((rs, ctx) -> head(rs)).findOne();
    }

    /** An engagement's head, locked as by {@link #lock}, and the declaration its current version holds. */
    record Declared(Engagement head, EngagementVersion declared) {}

    /** {@link #lock} and {@link #version} of the head's version in one statement (one round trip fewer). */
    static Optional<Declared> lockDeclared(Handle h, long id) {
        // The head's columns first: "version" is in both tables and equal by the join, "id" only in the head.
        return h.createQuery("SELECT " + HEAD_OF_E + ", v.* FROM engagement e JOIN engagement_version v "
                        + "ON v.engagement_id = e.id AND v.version = e.version WHERE e.id = :id FOR NO KEY UPDATE OF e")
                .bind("id", id).map((rs, ctx) -> new Declared(head(rs), version(rs))).findOne();
    }

    static Optional<Engagement> get(Handle h, long id) {
        return h.createQuery("SELECT " + HEAD + " FROM engagement WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> head(rs)).findOne();
    }

    static Optional<Engagement> byReference(Handle h, String reference) {
        return h.createQuery("SELECT " + HEAD + " FROM engagement WHERE reference = :r").bind("r", reference)
                .map((rs, ctx) -> head(rs)).findOne();
    }

    static List<Engagement> list(Handle h) {
        return h.createQuery("SELECT " + HEAD + " FROM engagement ORDER BY reference").map((rs, ctx) -> head(rs)).list();
    }

    static List<Engagement> forCustomer(Handle h, long customerId) {
        return h.createQuery("SELECT " + HEAD + " FROM engagement WHERE customer_id = :c ORDER BY reference")
                .bind("c", customerId).map((rs, ctx) -> head(rs)).list();
    }

    /** Active engagements whose review is due at {@code now}, locked, skipping rows another transaction holds. */
    static List<Engagement> lockDueForReview(Handle h, Instant now) {
        return h.createQuery("SELECT " + HEAD + " FROM engagement WHERE next_review_at <= :now AND status <> 'terminated' "
                        + "ORDER BY next_review_at, id FOR NO KEY UPDATE SKIP LOCKED")
                .bind("now", Rows.ts(now)).map((rs, ctx) -> head(rs)).list();
    }

    static Optional<EngagementVersion> version(Handle h, long id, int version) {
        return h.createQuery("SELECT * FROM engagement_version WHERE engagement_id = :id AND version = :v")
                .bind("id", id).bind("v", version).map((rs, ctx) -> version(rs)).findOne();
    }

    static List<EngagementVersion> history(Handle h, long id) {
        return h.createQuery("SELECT * FROM engagement_version WHERE engagement_id = :id ORDER BY version")
                .bind("id", id).map((rs, ctx) -> version(rs)).list();
    }

    private static Engagement head(ResultSet rs) throws SQLException {
        return new Engagement(rs.getLong("id"), rs.getString("reference"), rs.getLong("customer_id"), rs.getInt("version"),
                EngagementStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), Rows.integer(rs, "severity"),
                Rows.instant(rs, "next_review_at"), Rows.instant(rs, "created_at"));
    }

    private static EngagementVersion version(ResultSet rs) throws SQLException {
        Declaration d = new Declaration(Rows.strings(rs, "accounts"), rs.getString("billing_account"),
                Rows.strings(rs, "services"), Rows.strings(rs, "regions"), rs.getString("contract_reference"),
                Rows.strings(rs, "purposes"), Rows.strings(rs, "data_categories"), Rows.strings(rs, "prohibited_uses"),
                new Attestation(rs.getString("attested_by"), rs.getString("attestation")));
        return new EngagementVersion(rs.getLong("engagement_id"), rs.getInt("version"), d, rs.getString("declared_by"),
                Rows.instant(rs, "declared_at"), rs.getLong("log_index"));
    }
}
