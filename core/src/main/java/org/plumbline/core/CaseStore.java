package org.plumbline.core;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.plumbline.core.domain.Assessment;
import org.plumbline.core.domain.AssessmentInput;
import org.plumbline.core.domain.CaseEvent;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.domain.CaseOrigin;
import org.plumbline.core.domain.CaseState;
import org.plumbline.core.domain.Comment;
import org.plumbline.core.domain.Decision;
import org.plumbline.core.domain.DecisionKind;
import org.plumbline.core.domain.EscalationLevel;
import org.plumbline.core.domain.Evidence;
import org.plumbline.core.domain.Leverage;
import org.plumbline.core.domain.Relation;
import org.plumbline.core.domain.Wire;
import org.plumbline.log.hash.Sha256;

/**
 * SQL for cases and what hangs off them: events, assessments, evidence (with the content-addressed
 * {@code blob} table), comments and decisions.
 */
final class CaseStore {
    private static final String CASE = "id, engagement_id, origin, origin_ref, title, summary, confidential, state, level, "
            + "assignee, due_at, severity, opened_by, opened_at, version, log_index";

    private CaseStore() {}

    static long nextId(Handle h) {
        return Rows.nextId(h, "case_file");
    }

    /** Inserts a new case; its log index may be {@link SqlWrite#APPENDED} (see {@link SqlWrite#index}). */
    static SqlWrite insertion(CaseFile c) {
        return SqlWrite.of("INSERT INTO case_file (" + CASE + ") VALUES (:id, :engagement, :origin, :ref, :title, :summary, "
                        + ":confidential, :state, :level, :assignee, :due, :severity, :by, :at, :version, :idx)")
                .with("id", c.id()).with("engagement", c.engagementId()).with("origin", Wire.name(c.origin()))
                .with("ref", c.originRef()).with("title", c.title()).with("summary", c.summary())
                .with("confidential", c.confidential()).with("state", Wire.name(c.state())).with("level", Wire.name(c.level()))
                .with("assignee", c.assignee()).with("due", Rows.ts(c.dueAt())).with("severity", c.severity())
                .with("by", c.openedBy()).with("at", Rows.ts(c.openedAt())).with("version", c.version())
                .with("idx", SqlWrite.index(c.logIndex()));
    }

    /** Writes the mutable columns of a case already locked with {@link #lock}. */
    static void update(Handle h, CaseFile c) {
        updating(c).run(h);
    }

    /** The write of {@link #update}, to send with others. */
    static SqlWrite updating(CaseFile c) {
        return SqlWrite.of("UPDATE case_file SET state = :state, level = :level, assignee = :assignee, due_at = :due, "
                        + "severity = :severity, version = :version WHERE id = :id")
                .with("state", Wire.name(c.state())).with("level", Wire.name(c.level())).with("assignee", c.assignee())
                .with("due", Rows.ts(c.dueAt())).with("severity", c.severity()).with("version", c.version())
                .with("id", c.id());
    }

    /** Reads a case and locks its row until the transaction ends. */
    static Optional<CaseFile> lock(Handle h, long id) {
        return h.createQuery("SELECT " + CASE + " FROM case_file WHERE id = :id FOR NO KEY UPDATE").bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne();
    }

    /** A case locked for its decision, and the id its decision will have. */
    record ToDecide(CaseFile file, long decisionId) {}

    /** {@link #lock} and the draw of the decision's id in one statement (one round trip fewer for every decision). */
    static Optional<ToDecide> lockToDecide(Handle h, long id) {
        return h.createQuery("SELECT " + CASE + ", nextval(pg_get_serial_sequence('decision', 'id')) AS decision_id "
                        + "FROM case_file WHERE id = :id FOR NO KEY UPDATE")
                .bind("id", id).map((rs, ctx) -> new ToDecide(map(rs), rs.getLong("decision_id"))).findOne();
    }

    /** A case, and whether {@code actor}'s {@code case.read} of it is newer than {@code since}. */
    record Read(CaseFile file, boolean covered) {}

    /** The case and whether its reader's last read covers this one, in one statement (see {@link Cases#read}). */
    static Optional<Read> getForReader(Handle h, long id, String actor, Instant since) {
        // CASE evaluates the subquery only for a confidential case: no other read is recorded.
        return LogEntries.bindLoggedAfter(h.createQuery("SELECT " + CASE + ", CASE WHEN confidential THEN "
                                + LogEntries.LOGGED_AFTER + " ELSE false END AS covered FROM case_file WHERE id = :id"),
                        "case.read", "case/" + id, actor, since)
                .bind("id", id).map((rs, ctx) -> new Read(map(rs), rs.getBoolean("covered"))).findOne();
    }

    static Optional<CaseFile> get(Handle h, long id) {
        return h.createQuery("SELECT " + CASE + " FROM case_file WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne();
    }

    /** Cases, optionally only in one state, most urgent first (severity, then deadline). */
    static List<CaseFile> list(Handle h, CaseState state) {
        return h.createQuery("SELECT " + CASE + " FROM case_file WHERE (CAST(:state AS text) IS NULL OR state = :state) "
                        + "ORDER BY severity DESC NULLS LAST, due_at, id")
                .bind("state", state == null ? null : Wire.name(state)).map((rs, ctx) -> map(rs)).list();
    }

    static List<CaseFile> forEngagement(Handle h, long engagementId) {
        return h.createQuery("SELECT " + CASE + " FROM case_file WHERE engagement_id = :e ORDER BY id")
                .bind("e", engagementId).map((rs, ctx) -> map(rs)).list();
    }

    static List<CaseFile> assignedTo(Handle h, String assignee) {
        return h.createQuery("SELECT " + CASE + " FROM case_file WHERE assignee = :a ORDER BY due_at, id")
                .bind("a", assignee).map((rs, ctx) -> map(rs)).list();
    }

    /** Active cases past their deadline. */
    static List<CaseFile> overdue(Handle h, Instant now) {
        return h.createQuery("SELECT " + CASE + " FROM case_file WHERE state IN ('open', 'in-review', 'escalated') "
                        + "AND due_at < :now ORDER BY due_at, id")
                .bind("now", Rows.ts(now)).map((rs, ctx) -> map(rs)).list();
    }

    /** Whether the engagement already has an active case of this origin. */
    static boolean hasActive(Handle h, long engagementId, CaseOrigin origin) {
        return h.createQuery("SELECT count(*) FROM case_file WHERE engagement_id = :e AND origin = :o "
                        + "AND state IN ('open', 'in-review', 'escalated')")
                .bind("e", engagementId).bind("o", Wire.name(origin)).mapTo(Long.class).one() > 0;
    }

    private static CaseFile map(ResultSet rs) throws SQLException {
        return new CaseFile(rs.getLong("id"), Rows.optionalLong(rs, "engagement_id"),
                Wire.parse(CaseOrigin.class, rs.getString("origin"), "origin"), rs.getString("origin_ref"),
                rs.getString("title"), rs.getString("summary"), rs.getBoolean("confidential"),
                Wire.parse(CaseState.class, rs.getString("state"), "state"),
                Wire.parse(EscalationLevel.class, rs.getString("level"), "level"), rs.getString("assignee"),
                Rows.instant(rs, "due_at"), Rows.integer(rs, "severity"), rs.getString("opened_by"),
                Rows.instant(rs, "opened_at"), rs.getInt("version"), rs.getLong("log_index"));
    }

    // events

    static void insertEvent(Handle h, CaseEvent e) {
        eventInsertion(e).run(h);
    }

    /** The write of {@link #insertEvent}, to send with others; the log index may be {@link SqlWrite#APPENDED}. */
    static SqlWrite eventInsertion(CaseEvent e) {
        return SqlWrite.of("INSERT INTO case_event (case_id, from_state, to_state, level, note, actor, at, log_index) "
                        + "VALUES (:c, :from, :to, :level, :note, :actor, :at, :idx)")
                .with("c", e.caseId()).with("from", Wire.name(e.from())).with("to", Wire.name(e.to()))
                .with("level", Wire.name(e.level())).with("note", e.note()).with("actor", e.actor())
                .with("at", Rows.ts(e.at())).with("idx", SqlWrite.index(e.logIndex()));
    }

    static List<CaseEvent> events(Handle h, long caseId) {
        return h.createQuery("SELECT * FROM case_event WHERE case_id = :c ORDER BY id").bind("c", caseId)
                .map((rs, ctx) -> new CaseEvent(rs.getLong("id"), rs.getLong("case_id"),
                        Wire.parse(CaseState.class, rs.getString("from_state"), "from"),
                        Wire.parse(CaseState.class, rs.getString("to_state"), "to"),
                        Wire.parse(EscalationLevel.class, rs.getString("level"), "level"), rs.getString("note"),
                        rs.getString("actor"), Rows.instant(rs, "at"), rs.getLong("log_index")))
                .list();
    }

    // assessments

    static Assessment insertAssessment(Handle h, long caseId, AssessmentInput a, String assessor, Instant at,
            long idx) {
        long id = h.createUpdate("INSERT INTO assessment (case_id, scale, scope, irremediability, likelihood, severity, "
                        + "priority, leverage, relation, rationale, assessor, at, log_index) VALUES (:c, :scale, :scope, :irr, "
                        + ":likelihood, :severity, :priority, :leverage, :relation, :rationale, :assessor, :at, :idx)")
                .bind("c", caseId).bind("scale", a.scale()).bind("scope", a.scope()).bind("irr", a.irremediability())
                .bind("likelihood", a.likelihood()).bind("severity", a.severity()).bind("priority", a.priority())
                .bind("leverage", Wire.name(a.leverage())).bind("relation", Wire.name(a.relation()))
                .bind("rationale", a.rationale()).bind("assessor", assessor).bind("at", Rows.ts(at)).bind("idx", idx)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return new Assessment(id, caseId, a, a.severity(), a.priority(), assessor, at, idx);
    }

    static List<Assessment> assessments(Handle h, long caseId) {
        return h.createQuery("SELECT * FROM assessment WHERE case_id = :c ORDER BY id").bind("c", caseId)
                .map((rs, ctx) -> new Assessment(rs.getLong("id"), rs.getLong("case_id"),
                        new AssessmentInput(rs.getInt("scale"), rs.getInt("scope"), rs.getInt("irremediability"),
                                rs.getInt("likelihood"), Wire.parse(Leverage.class, rs.getString("leverage"), "leverage"),
                                Wire.parse(Relation.class, rs.getString("relation"), "relation"), rs.getString("rationale")),
                        rs.getInt("severity"), rs.getInt("priority"), rs.getString("assessor"), Rows.instant(rs, "at"),
                        rs.getLong("log_index")))
                .list();
    }

    // evidence and blobs

    /** Stores content under its SHA-256 unless already present; returns the hash. */
    static byte[] putBlob(Handle h, byte[] content) {
        byte[] sha = Sha256.digest(content);
        h.createUpdate("INSERT INTO blob (sha256, size, content) VALUES (:h, :size, :content) ON CONFLICT (sha256) DO NOTHING")
                .bind("h", sha).bind("size", (long) content.length).bind("content", content)
                .execute();
        return sha;
    }

    static Optional<byte[]> blob(Handle h, byte[] sha256) {
        return h.createQuery("SELECT content FROM blob WHERE sha256 = :h").bind("h", sha256).mapTo(byte[].class).findOne();
    }

    static Evidence insertEvidence(Handle h, Evidence e) {
        long id = h.createUpdate("INSERT INTO evidence (case_id, sha256, size, media_type, file_name, description, "
                        + "attached_by, at, log_index) VALUES (:c, :h, :size, :type, :name, :description, :by, :at, :idx)")
                .bind("c", e.caseId()).bind("h", Sha256.unhex(e.sha256())).bind("size", e.size())
                .bind("type", e.mediaType()).bind("name", e.fileName()).bind("description", e.description())
                .bind("by", e.attachedBy()).bind("at", Rows.ts(e.at())).bind("idx", e.logIndex())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return new Evidence(id, e.caseId(), e.sha256(), e.size(), e.mediaType(), e.fileName(), e.description(),
                e.attachedBy(), e.at(), e.logIndex());
    }

    static List<Evidence> evidence(Handle h, long caseId) {
        return h.createQuery("SELECT * FROM evidence WHERE case_id = :c ORDER BY id").bind("c", caseId)
                .map((rs, ctx) -> new Evidence(rs.getLong("id"), rs.getLong("case_id"), Sha256.hex(rs.getBytes("sha256")),
                        rs.getLong("size"), rs.getString("media_type"), rs.getString("file_name"), rs.getString("description"),
                        rs.getString("attached_by"), Rows.instant(rs, "at"), rs.getLong("log_index")))
                .list();
    }

    // comments

    static Comment insertComment(Handle h, long caseId, String author, String body, Instant at) {
        long id = h.createUpdate("INSERT INTO case_comment (case_id, author, body, at) VALUES (:c, :a, :b, :at)")
                .bind("c", caseId).bind("a", author).bind("b", body).bind("at", Rows.ts(at))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return new Comment(id, caseId, author, body, at);
    }

    static List<Comment> comments(Handle h, long caseId) {
        return h.createQuery("SELECT * FROM case_comment WHERE case_id = :c ORDER BY id").bind("c", caseId)
                .map((rs, ctx) -> new Comment(rs.getLong("id"), rs.getLong("case_id"), rs.getString("author"),
                        rs.getString("body"), Rows.instant(rs, "at")))
                .list();
    }

    // decisions

    /** Inserts a decision; its log index may be {@link SqlWrite#APPENDED} (see {@link SqlWrite#index}). */
    static SqlWrite decisionInsertion(Decision d) {
        return SqlWrite.of("INSERT INTO decision (id, case_id, kind, accounts, services, conditions, rationale, decider, level, "
                        + "at, log_index) VALUES (:id, :c, :kind, :accounts, :services, :conditions, :rationale, :decider, :level, "
                        + ":at, :idx)")
                .with("id", d.id()).with("c", d.caseId()).with("kind", Wire.name(d.kind()))
                .with("accounts", Rows.array(d.accounts())).with("services", Rows.array(d.services()))
                .with("conditions", d.conditions()).with("rationale", d.rationale()).with("decider", d.decider())
                .with("level", Wire.name(d.level())).with("at", Rows.ts(d.at())).with("idx", SqlWrite.index(d.logIndex()));
    }

    /** The case each of {@code decisionIds} decided, by decision id (ids that name no decision are left out). */
    static java.util.Map<Long, Long> casesOfDecisions(Handle h, java.util.Collection<Long> decisionIds) {
        java.util.Map<Long, Long> out = new java.util.HashMap<>();
        if (decisionIds.isEmpty()) return out;
        h.createQuery("SELECT id, case_id FROM decision WHERE id IN (<ids>)").bindList("ids", List.copyOf(decisionIds))
                .map((rs, ctx) -> java.util.Map.entry(rs.getLong("id"), rs.getLong("case_id")))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static Optional<Decision> decision(Handle h, long caseId) {
        return h.createQuery("SELECT * FROM decision WHERE case_id = :c").bind("c", caseId)
                .map((rs, ctx) -> new Decision(rs.getLong("id"), rs.getLong("case_id"),
                        Wire.parse(DecisionKind.class, rs.getString("kind"), "kind"), Rows.strings(rs, "accounts"),
                        Rows.strings(rs, "services"), rs.getString("conditions"), rs.getString("rationale"),
                        rs.getString("decider"), Wire.parse(EscalationLevel.class, rs.getString("level"), "level"),
                        Rows.instant(rs, "at"), rs.getLong("log_index")))
                .findOne();
    }
}
