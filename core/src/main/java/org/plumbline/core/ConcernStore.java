package org.plumbline.core;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.plumbline.core.intake.Concern;
import org.plumbline.core.intake.ConcernStatus;
import org.plumbline.core.intake.Deadlines;
import org.plumbline.core.intake.RecipientKey;

/** SQL on the intake's tables (V40, V41): reports, their sealed keys, messages and attachments, recipients' keys. */
final class ConcernStore {
    private static final String CONCERN = "id, status, received_on, case_id, log_index";

    /** A report's stored keys and opening, all ciphertext but the public key. */
    record Sealed(long id, byte[] publicKey, byte[] receiptWrapped, byte[] opening) {}

    /** One stored message. */
    record StoredMessage(int seq, String sender, LocalDate day, byte[] sealed) {}

    private ConcernStore() {
    }

    static byte[] receiptSalt(Handle h, byte[] candidate) {
        h.createUpdate("INSERT INTO intake_setting (id, receipt_salt) VALUES (1, :s) ON CONFLICT (id) DO NOTHING")
                .bind("s", candidate).execute();
        return h.createQuery("SELECT receipt_salt FROM intake_setting WHERE id = 1").mapTo(byte[].class).one();
    }

    static long nextId(Handle h) {
        return h.createQuery("SELECT nextval('concern_id_seq')").mapTo(Long.class).one();
    }

    static void insert(Handle h, long id, byte[] lookup, byte[] publicKey, byte[] receiptWrapped, byte[] opening,
                       LocalDate day, long logIndex) {
        h.createUpdate("INSERT INTO concern (id, receipt_lookup, public_key, receipt_wrapped, opening, status, received_on, log_index) "
                        + "VALUES (:id, :lookup, :pk, :wrapped, :opening, 'received', :day, :idx)")
                .bind("id", id).bind("lookup", lookup).bind("pk", publicKey).bind("wrapped", receiptWrapped)
                .bind("opening", opening).bind("day", day).bind("idx", logIndex).execute();
    }

    static Optional<Sealed> byLookup(Handle h, byte[] lookup) {
        return h.createQuery("SELECT id, public_key, receipt_wrapped, opening FROM concern WHERE receipt_lookup = :l")
                .bind("l", lookup).map((rs, ctx) -> sealed(rs)).findOne();
    }

    static Optional<Sealed> sealed(Handle h, long id) {
        return h.createQuery("SELECT id, public_key, receipt_wrapped, opening FROM concern WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> sealed(rs)).findOne();
    }

    private static Sealed sealed(ResultSet rs) throws SQLException {
        return new Sealed(rs.getLong("id"), rs.getBytes("public_key"), rs.getBytes("receipt_wrapped"), rs.getBytes("opening"));
    }

    static Optional<Concern> get(Handle h, long id) {
        return h.createQuery("SELECT " + CONCERN + " FROM concern WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> concern(rs)).findOne();
    }

    /** Locks the report's row until the transaction ends (messages take their sequence number under it). */
    static Optional<Concern> lock(Handle h, long id) {
        return h.createQuery("SELECT " + CONCERN + " FROM concern WHERE id = :id FOR NO KEY UPDATE").bind("id", id)
                .map((rs, ctx) -> concern(rs)).findOne();
    }

    static List<Concern> list(Handle h) {
        return h.createQuery("SELECT " + CONCERN + " FROM concern ORDER BY received_on, id").map((rs, ctx) -> concern(rs)).list();
    }

    private static Concern concern(ResultSet rs) throws SQLException {
        LocalDate received = rs.getObject("received_on", LocalDate.class);
        return new Concern(rs.getLong("id"), ConcernStatus.byWire(rs.getString("status")).orElseThrow(), received,
                Deadlines.forReceivedOn(received), Rows.optionalLong(rs, "case_id"), rs.getLong("log_index"));
    }

    static void setStatus(Handle h, long id, ConcernStatus status, LocalDate day) {
        if (status == ConcernStatus.RECEIVED) throw new IllegalArgumentException("a report cannot move back to received");
        // Every status past "received" acknowledges; the day each deadline was met is kept once, the first time.
        h.createUpdate("UPDATE concern SET status = :s, acknowledged_on = COALESCE(acknowledged_on, :d), "
                        + "feedback_on = CASE WHEN :feedback THEN COALESCE(feedback_on, :d) ELSE feedback_on END, "
                        + "closed_on = CASE WHEN :closed THEN COALESCE(closed_on, :d) ELSE closed_on END, "
                        + "version = version + 1 WHERE id = :id")
                .bind("s", status.wire()).bind("d", day).bind("feedback", status.feedbackGiven())
                .bind("closed", status == ConcernStatus.CLOSED).bind("id", id).execute();
    }

    static void setCase(Handle h, long id, long caseId) {
        h.createUpdate("UPDATE concern SET case_id = :c, version = version + 1 WHERE id = :id").bind("c", caseId).bind("id", id).execute();
    }

    static Optional<LocalDate> purgedOn(Handle h, long id) {
        return h.createQuery("SELECT purged_on FROM concern WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> Optional.ofNullable(rs.getObject("purged_on", LocalDate.class))).findOne().flatMap(o -> o);
    }

    /** Closed reports whose ciphertext is still kept and that closed before {@code cutoff}. */
    static List<Long> closedBefore(Handle h, LocalDate cutoff) {
        return h.createQuery("SELECT id FROM concern WHERE status = 'closed' AND purged_on IS NULL AND closed_on < :c ORDER BY id")
                .bind("c", cutoff).mapTo(Long.class).list();
    }

    /**
     * Deletes a report's ciphertext: messages, attachments, sealed keys, the wrapped key and the opening. What stays is the
     * header (status, days, case) and the log's commitment.
     */
    static void purge(Handle h, long id, LocalDate day) {
        h.createUpdate("DELETE FROM concern_message WHERE concern_id = :id").bind("id", id).execute();
        h.createUpdate("DELETE FROM concern_attachment WHERE concern_id = :id").bind("id", id).execute();
        h.createUpdate("DELETE FROM concern_key WHERE concern_id = :id").bind("id", id).execute();
        h.createUpdate("UPDATE concern SET receipt_wrapped = '\\x'::bytea, opening = '\\x'::bytea, purged_on = :d, "
                        + "version = version + 1 WHERE id = :id")
                .bind("d", day).bind("id", id).execute();
    }

    static void insertKey(Handle h, long id, String account, byte[] sealed) {
        h.createUpdate("INSERT INTO concern_key (concern_id, account, sealed) VALUES (:id, :a, :s) ON CONFLICT DO NOTHING")
                .bind("id", id).bind("a", account).bind("s", sealed).execute();
    }

    static Optional<byte[]> key(Handle h, long id, String account) {
        return h.createQuery("SELECT sealed FROM concern_key WHERE concern_id = :id AND account = :a")
                .bind("id", id).bind("a", account).mapTo(byte[].class).findOne();
    }

    /** Recipients whose public key the report's key is not yet sealed to. */
    static List<RecipientKey> recipientsWithout(Handle h, long id) {
        return h.createQuery("SELECT account, public_key, wrapped_private, password_salt FROM intake_recipient r "
                        + "WHERE NOT EXISTS (SELECT 1 FROM concern_key k WHERE k.concern_id = :id AND k.account = r.account) "
                        + "ORDER BY account")
                .bind("id", id).map((rs, ctx) -> recipient(rs)).list();
    }

    static List<RecipientKey> recipients(Handle h) {
        return h.createQuery("SELECT account, public_key, wrapped_private, password_salt FROM intake_recipient ORDER BY account")
                .map((rs, ctx) -> recipient(rs)).list();
    }

    static Optional<RecipientKey> recipient(Handle h, String account) {
        return h.createQuery("SELECT account, public_key, wrapped_private, password_salt FROM intake_recipient WHERE account = :a")
                .bind("a", account).map((rs, ctx) -> recipient(rs)).findOne();
    }

    private static RecipientKey recipient(ResultSet rs) throws SQLException {
        return new RecipientKey(rs.getString("account"), rs.getBytes("public_key"), rs.getBytes("wrapped_private"),
                rs.getBytes("password_salt"));
    }

    /** Inserts a recipient's key, or replaces its wrapping when the public key is the same (a password change). */
    static boolean saveRecipient(Handle h, RecipientKey k, boolean replaceKeyPair) {
        String conflict = replaceKeyPair
                ? "DO UPDATE SET public_key = EXCLUDED.public_key, wrapped_private = EXCLUDED.wrapped_private, password_salt = EXCLUDED.password_salt"
                : "DO UPDATE SET wrapped_private = EXCLUDED.wrapped_private, password_salt = EXCLUDED.password_salt "
                        + "WHERE intake_recipient.public_key = EXCLUDED.public_key";
        return h.createUpdate("INSERT INTO intake_recipient (account, public_key, wrapped_private, password_salt) "
                        + "VALUES (:a, :pk, :w, :s) ON CONFLICT (account) " + conflict)
                .bind("a", k.account()).bind("pk", k.publicKey()).bind("w", k.wrappedPrivate()).bind("s", k.passwordSalt())
                .execute() == 1;
    }

    static void deleteKeysOf(Handle h, String account) {
        h.createUpdate("DELETE FROM concern_key WHERE account = :a").bind("a", account).execute();
    }

    static int nextSeq(Handle h, long id) {
        return h.createQuery("SELECT COALESCE(MAX(seq) + 1, 0) FROM concern_message WHERE concern_id = :id")
                .bind("id", id).mapTo(Integer.class).one();
    }

    static void insertMessage(Handle h, long id, int seq, String sender, LocalDate day, byte[] sealed) {
        h.createUpdate("INSERT INTO concern_message (concern_id, seq, sender, written_on, sealed) VALUES (:id, :seq, :s, :d, :m)")
                .bind("id", id).bind("seq", seq).bind("s", sender).bind("d", day).bind("m", sealed).execute();
    }

    /** One stored attachment, without its content. */
    record StoredAttachment(int seq, LocalDate day, byte[] sealedAbout, long sealedSize) {}

    /** How many files a report holds, and their sealed bytes together. */
    record AttachmentTotals(int count, long sealedBytes) {}

    static AttachmentTotals attachmentTotals(Handle h, long id) {
        return h.createQuery("SELECT count(*) AS n, COALESCE(SUM(octet_length(sealed)), 0) AS b FROM concern_attachment "
                        + "WHERE concern_id = :id")
                .bind("id", id).map((rs, ctx) -> new AttachmentTotals(rs.getInt("n"), rs.getLong("b"))).one();
    }

    static void insertAttachment(Handle h, long id, int seq, LocalDate day, byte[] sealedAbout, byte[] sealed) {
        h.createUpdate("INSERT INTO concern_attachment (concern_id, seq, added_on, sealed_about, sealed) "
                        + "VALUES (:id, :seq, :d, :a, :s)")
                .bind("id", id).bind("seq", seq).bind("d", day).bind("a", sealedAbout).bind("s", sealed).execute();
    }

    static List<StoredAttachment> attachments(Handle h, long id) {
        return h.createQuery("SELECT seq, added_on, sealed_about, octet_length(sealed) AS size FROM concern_attachment "
                        + "WHERE concern_id = :id ORDER BY seq")
                .bind("id", id)
                .map((rs, ctx) -> new StoredAttachment(rs.getInt("seq"), rs.getObject("added_on", LocalDate.class),
                        rs.getBytes("sealed_about"), rs.getLong("size")))
                .list();
    }

    static Optional<byte[]> attachmentContent(Handle h, long id, int seq) {
        return h.createQuery("SELECT sealed FROM concern_attachment WHERE concern_id = :id AND seq = :seq")
                .bind("id", id).bind("seq", seq).mapTo(byte[].class).findOne();
    }

    static List<StoredMessage> messages(Handle h, long id) {
        return h.createQuery("SELECT seq, sender, written_on, sealed FROM concern_message WHERE concern_id = :id ORDER BY seq")
                .bind("id", id)
                .map((rs, ctx) -> new StoredMessage(rs.getInt("seq"), rs.getString("sender"),
                        rs.getObject("written_on", LocalDate.class), rs.getBytes("sealed")))
                .list();
    }
}
