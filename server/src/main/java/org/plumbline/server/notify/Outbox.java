package org.plumbline.server.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The outbox tables: events, one delivery per recipient, the cursor over the log's records. Written inside
 * the caller's transaction where the caller derives; claimed and settled here by the sender.
 *
 * <p>A delivery is claimed by moving its {@code next_attempt_at} past a {@link #LEASE} in the same statement
 * that picks it ({@code FOR UPDATE SKIP LOCKED}, so two senders never pick the same row). If the sender dies
 * before it settles the delivery (e.g. {@code kill -9} mid-send), the lease runs out and the delivery is
 * claimed again: at least once.
 */
final class Outbox {
    /** Longer than any one send can take (connect, TLS, write, the status line: well under a minute). */
    static final Duration LEASE = Duration.ofMinutes(5);
    /** Attempts before a delivery is given up: about two days with {@link #backoff}. */
    static final int MAX_ATTEMPTS = 12;

    private final Jdbi jdbi;

    Outbox(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The cursor, locked until the transaction ends; set to {@code initial} if there is none yet. */
    static long lockCursor(Handle h, long initial) {
        h.createUpdate("INSERT INTO notify_cursor (id, next) VALUES (1, :n) ON CONFLICT (id) DO NOTHING")
                .bind("n", initial).execute();
        return h.createQuery("SELECT next FROM notify_cursor WHERE id = 1 FOR UPDATE").mapTo(Long.class).one();
    }

    static void moveCursor(Handle h, long next) {
        h.createUpdate("UPDATE notify_cursor SET next = :n WHERE id = 1").bind("n", next).execute();
    }

    /** Adds the event unless one with its key exists; its id if added. */
    static Optional<Long> addEvent(Handle h, Notice n, Instant now) {
        return h.createQuery("INSERT INTO notify_event (key, kind, subject, text, link, created_at) "
                        + "VALUES (:key, :kind, :subject, :text, :link, :at) ON CONFLICT (key) DO NOTHING RETURNING id")
                .bind("key", n.key()).bind("kind", n.kind().id()).bind("subject", n.subject()).bind("text", n.text())
                .bind("link", n.path()).bind("at", now).mapTo(Long.class).findOne();
    }

    static void addEmail(Handle h, long eventId, long userId, Instant now) {
        h.createUpdate("INSERT INTO notify_delivery (event_id, channel, user_id, target, next_attempt_at) "
                        + "VALUES (:e, 'email', :u, :t, :at) ON CONFLICT (event_id, target) DO NOTHING")
                .bind("e", eventId).bind("u", userId).bind("t", "user/" + userId).bind("at", now).execute();
    }

    static void addWebhook(Handle h, long eventId, long webhookId, Instant now) {
        h.createUpdate("INSERT INTO notify_delivery (event_id, channel, webhook_id, target, next_attempt_at) "
                        + "VALUES (:e, 'webhook', :w, :t, :at) ON CONFLICT (event_id, target) DO NOTHING")
                .bind("e", eventId).bind("w", webhookId).bind("t", "webhook/" + webhookId).bind("at", now).execute();
    }

    /** A claimed delivery with its event. */
    record Due(long id, String channel, Long userId, Long webhookId, int attempt, NoticeKind kind, String subject,
               String text, String path, Instant createdAt) {}

    /** Claims up to {@code max} deliveries due at {@code now}. */
    List<Due> claim(int max, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("""
                        WITH picked AS (
                          SELECT id FROM notify_delivery
                          WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= :now
                          ORDER BY next_attempt_at, id LIMIT :max FOR UPDATE SKIP LOCKED),
                        claimed AS (
                          UPDATE notify_delivery d SET attempts = d.attempts + 1, next_attempt_at = :leaseEnd
                          FROM picked WHERE d.id = picked.id
                          RETURNING d.id, d.channel, d.user_id, d.webhook_id, d.attempts, d.event_id)
                        SELECT c.id, c.channel, c.user_id, c.webhook_id, c.attempts, e.kind, e.subject, e.text, e.link, e.created_at
                        FROM claimed c JOIN notify_event e ON e.id = c.event_id ORDER BY c.id""")
                .bind("now", now).bind("max", max).bind("leaseEnd", now.plus(LEASE))
                .map((rs, ctx) -> new Due(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), (Long) rs.getObject(4),
                        rs.getInt(5), NoticeKind.byId(rs.getString(6)).orElseThrow(), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getTimestamp(10).toInstant()))
                .list());
    }

    void delivered(long id, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE notify_delivery SET delivered_at = :at, last_error = NULL WHERE id = :id")
                .bind("at", now).bind("id", id).execute());
    }

    /** Not sent and never will be (the person opted out since, the webhook was removed): settled, with why. */
    void dropped(long id, String why, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE notify_delivery SET failed_at = :at, last_error = :why WHERE id = :id")
                .bind("at", now).bind("why", why).bind("id", id).execute());
    }

    /** A failed attempt: tried again after {@link #backoff}, or given up after {@link #MAX_ATTEMPTS}. */
    void failed(long id, int attempt, String error, Instant now) {
        String why = error.length() > 500 ? error.substring(0, 500) : error;
        if (attempt >= MAX_ATTEMPTS) {
            dropped(id, "gave up after " + attempt + " attempts: " + why, now);
            return;
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE notify_delivery SET next_attempt_at = :next, last_error = :why WHERE id = :id")
                .bind("next", now.plus(backoff(attempt))).bind("why", why).bind("id", id).execute());
    }

    /** 30 s after the first failure, doubling, at most 6 h apart. */
    static Duration backoff(int attempt) {
        long seconds = 30L << Math.min(attempt - 1, 20);
        return Duration.ofSeconds(Math.min(seconds, Duration.ofHours(6).toSeconds()));
    }
}
