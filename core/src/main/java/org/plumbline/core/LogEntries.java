package org.plumbline.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.plumbline.core.record.LogRecord;
import org.plumbline.core.record.LoggedRecord;
import org.plumbline.core.record.Secret;
import org.plumbline.log.hash.Sha256;

/**
 * The {@code log_entry} table: appends records inside the caller's transaction and reads them back.
 *
 * <p>Why a counter row: {@code UPDATE log_counter … RETURNING} takes the row lock until the
 * transaction ends, so (1) a record gets its index in the same transaction as its domain rows and
 * both commit or neither does; (2) indices are dense, since a rollback also undoes the increment;
 * (3) transactions holding indices commit in index order, so a reader that sees entry {@code i}
 * has already seen every entry below it. The price is that writers serialise on the counter from
 * their first append to their commit, which is why write transactions share commits
 * ({@link GroupCommit}); keep them short.
 */
final class LogEntries implements SequencedEntries {
    private final Database db;

    LogEntries(Database db) {
        this.db = db;
    }

    /**
     * Assigns the next index to {@code sealed}, stores it and its secrets; returns the index. One statement, so
     * one round trip: appends run one after another in a group's transaction ({@link GroupCommit}), so every
     * round trip here is paid by every writer. (Salts and values travel as hex text: a {@code text[]} binds
     * everywhere, a {@code bytea[]} does not.)
     */
    static long append(Handle h, LogRecord.Sealed sealed) {
        return append(h, sealed, new SqlWrite[0]);
    }

    /**
     * Appends {@code sealed} and runs {@code then} after it, all in one round trip (pgjdbc sends the statements of
     * one text together and reads their answers once): the domain rows the record proves, which name its index as
     * {@link SqlWrite#APPENDED}. A failing statement fails the whole call, and the caller's transaction undoes
     * the append with it.
     */
    static long append(Handle h, LogRecord.Sealed sealed, SqlWrite... then) {
        LogRecord r = sealed.record();
        byte[] bytes = r.bytes();
        List<Secret> secrets = sealed.secrets();
        HexFormat hex = HexFormat.of();
        var query = h.createQuery("""
                        WITH counter AS (UPDATE log_counter SET next = next + 1 WHERE id = 1 RETURNING next - 1 AS idx),
                        entry AS (
                          INSERT INTO log_entry (idx, record, sha256, type, subject, actor, logged_at)
                          SELECT idx, :record, :sha256, :type, :subject, :actor, :at FROM counter
                          RETURNING idx),
                        secret AS (
                          INSERT INTO record_secret (idx, field, salt, canonical_value)
                          SELECT entry.idx, s.field, decode(s.salt, 'hex'), decode(s.value, 'hex')
                          FROM entry, unnest(:fields, :salts, :values) AS s (field, salt, value)
                          RETURNING idx)
                        SELECT idx FROM entry""" + followedBy(then))
                .bind("record", bytes).bind("sha256", Sha256.digest(bytes))
                .bind("type", r.type()).bind("subject", r.subject()).bind("actor", r.actor())
                .bind("at", java.sql.Timestamp.from(r.time()))
                .bind("fields", secrets.stream().map(Secret::field).toArray(String[]::new))
                .bind("salts", secrets.stream().map(x -> hex.formatHex(x.salt())).toArray(String[]::new))
                .bind("values", secrets.stream().map(x -> hex.formatHex(x.canonicalValue())).toArray(String[]::new));
        for (int i = 0; i < then.length; i++) {
            then[i].bind(query, "then" + i + "_");
        }
        return query.mapTo(Long.class).one();
    }

    private static String followedBy(SqlWrite... then) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < then.length; i++) {
            sql.append(";\n").append(then[i].sql("then" + i + "_"));
        }
        return sql.toString();
    }

    @Override
    public List<byte[]> read(long fromIndex, int max) {
        if (fromIndex < 0 || max < 0) throw new IllegalArgumentException("negative index or count");
        List<Object[]> rows = db.withHandle(h -> h.createQuery(
                        "SELECT idx, record FROM log_entry WHERE idx >= :from ORDER BY idx LIMIT :max")
                .bind("from", fromIndex).bind("max", max)
                .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getBytes(2)}).list());
        return contiguous(rows, fromIndex);
    }

    private static List<byte[]> contiguous(List<Object[]> rows, long fromIndex) {
        // Indices are dense by construction; stop defensively at the first gap rather than hand the
        // integrator entries at the wrong positions.
        List<byte[]> out = new ArrayList<>(rows.size());
        long expect = fromIndex;
        for (Object[] row : rows) {
            if ((long) row[0] != expect) break;
            out.add((byte[]) row[1]);
            expect++;
        }
        return out;
    }

    @Override
    public long count() {
        return db.withHandle(h -> h.createQuery("SELECT next FROM log_counter WHERE id = 1").mapTo(Long.class).one());
    }

    /** The canonical bytes logged at {@code idx}, if any. */
    Optional<byte[]> record(long idx) {
        return db.withHandle(h -> h.createQuery("SELECT record FROM log_entry WHERE idx = :idx")
                .bind("idx", idx).mapTo(byte[].class).findOne());
    }

    /** The log index of the record whose canonical bytes hash to {@code sha256}, if logged. */
    OptionalLong indexOf(byte[] sha256) {
        return db.withHandle(h -> h.createQuery("SELECT min(idx) FROM log_entry WHERE sha256 = :h")
                .bind("h", sha256).mapTo(Long.class).findOne())
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /**
     * SQL for "a record of {@code :type} about {@code :subject} by {@code :actor} was logged after {@code :since}",
     * for a statement that reads it with other things (bind them with {@link #bindLoggedAfter}). The
     * (subject, idx) index narrows it to one subject's records.
     */
    static final String LOGGED_AFTER = "EXISTS (SELECT 1 FROM log_entry WHERE subject = :subject AND type = :type "
            + "AND actor = :actor AND logged_at > :since)";

    static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindLoggedAfter(S statement, String type, String subject,
            String actor, Instant since) {
        return statement.bind("subject", subject).bind("type", type).bind("actor", actor)
                .bind("since", java.sql.Timestamp.from(since));
    }

    /** Whether a record of {@code type} about {@code subject} by {@code actor} was logged after {@code since}. */
    static boolean loggedAfter(Handle h, String type, String subject, String actor, Instant since) {
        return bindLoggedAfter(h.createQuery("SELECT " + LOGGED_AFTER), type, subject, actor, since)
                .mapTo(Boolean.class).one();
    }

    /** Every record about {@code subject} (e.g. {@code case/12}), oldest first. */
    List<LoggedRecord> forSubject(String subject) {
        return db.withHandle(h -> h.createQuery(
                        "SELECT idx, type, subject, actor, logged_at FROM log_entry WHERE subject = :s ORDER BY idx")
                .bind("s", subject)
                .map((rs, ctx) -> new LoggedRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list());
    }

    /**
     * Up to {@code limit} records below index {@code before}, newest first, of {@code type} and
     * {@code subject} when given, logged in {@code [from, to)} when given. Each filter has an index, so a
     * page reads a bounded index range.
     */
    List<LoggedRecord> page(String type, String subject, Instant from, Instant to, long before, int limit) {
        return db.withHandle(h -> {
            StringBuilder sql = new StringBuilder(
                    "SELECT idx, type, subject, actor, logged_at FROM log_entry WHERE idx < :before");
            if (type != null) sql.append(" AND type = :type");
            if (subject != null) sql.append(" AND subject = :subject");
            if (from != null) {
                // logged_at follows idx closely but not exactly (commits interleave): bound idx by the period
                // through the logged_at index, then keep the rows truly inside it.
                sql.append(" AND idx >= coalesce((SELECT min(idx) FROM log_entry WHERE logged_at >= :from), :before)")
                        .append(" AND logged_at >= :from");
            }
            if (to != null) sql.append(" AND logged_at < :to");
            sql.append(" ORDER BY idx DESC LIMIT :limit");
            var q = h.createQuery(sql.toString()).bind("before", before).bind("limit", limit);
            if (type != null) q.bind("type", type);
            if (subject != null) q.bind("subject", subject);
            if (from != null) q.bind("from", java.sql.Timestamp.from(from));
            if (to != null) q.bind("to", java.sql.Timestamp.from(to));
            return q.map((rs, ctx) -> new LoggedRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getTimestamp(5).toInstant())).list();
        });
    }

    /** See {@link Records#firstLoggedAtOrAfter}: one probe of the {@code logged_at} index. */
    long firstLoggedAtOrAfter(Instant t, long below) {
        return db.withHandle(h -> h.createQuery(
                        "SELECT coalesce(min(idx), :below) FROM log_entry WHERE logged_at >= :t AND idx < :below")
                .bind("t", java.sql.Timestamp.from(t)).bind("below", below).mapTo(Long.class).one());
    }

    /**
     * See {@link Records#lastLoggedBefore}. Reads the records logged before {@code t} through the
     * {@code logged_at} index: a pass over the log's history before {@code t}, which is why reports that
     * ask this are built once and cached (the server's {@code QuarterReports}).
     */
    long lastLoggedBefore(Instant t, long below) {
        return db.withHandle(h -> h.createQuery(
                        "SELECT coalesce(max(idx), -1) FROM log_entry WHERE logged_at < :t AND idx < :below")
                .bind("t", java.sql.Timestamp.from(t)).bind("below", below).mapTo(Long.class).one());
    }

    /** The record types the log holds, alphabetically. */
    List<String> types() {
        // A loose index scan over (type, idx): one index probe per distinct type, not a pass over the table.
        return db.withHandle(h -> h.createQuery("""
                WITH RECURSIVE t(type) AS (
                  (SELECT type FROM log_entry ORDER BY type LIMIT 1)
                  UNION ALL
                  SELECT (SELECT type FROM log_entry WHERE type > t.type ORDER BY type LIMIT 1) FROM t WHERE t.type IS NOT NULL
                ) SELECT type FROM t WHERE type IS NOT NULL""").mapTo(String.class).list());
    }

    /** The secret opening {@code field} of the record at {@code idx}, if that field is confidential. */
    static Optional<Secret> secret(Handle h, long idx, String field) {
        return h.createQuery("SELECT salt, canonical_value FROM record_secret WHERE idx = :idx AND field = :f")
                .bind("idx", idx).bind("f", field)
                .map((rs, ctx) -> new Secret(field, rs.getBytes(1), rs.getBytes(2)))
                .findOne();
    }
}
