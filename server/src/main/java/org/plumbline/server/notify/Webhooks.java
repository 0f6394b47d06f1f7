package org.plumbline.server.notify;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.plumbline.server.http.ApiException;

/**
 * The webhooks administrators register: a URL and the kinds of notice it receives. Each has its own signing
 * secret, made here and shown once, when it is registered ({@link Registered}); afterwards no page or API
 * shows it again. A webhook is removed, not deleted, so that its past deliveries still name it.
 */
public final class Webhooks {
    /** A bound on what one administrator can make the server send to. */
    public static final int MAX_ACTIVE = 50;

    private final Jdbi jdbi;
    private final Clock clock;
    private final boolean allowPrivate;

    public Webhooks(Jdbi jdbi, Clock clock, boolean allowPrivate) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.allowPrivate = allowPrivate;
    }

    /** A webhook as listed: no secret. */
    public record Webhook(long id, String url, List<NoticeKind> kinds, String createdBy, java.time.Instant createdAt,
                          long delivered, long failing) {}

    /** A webhook just registered, with the secret that is shown this once. */
    public record Registered(Webhook webhook, String secret) {}

    /**
     * Registers {@code url} for {@code kinds}.
     *
     * @throws ApiException (400) naming the field: a URL that is not http(s), has credentials, does not resolve
     *                      or resolves to a non-public address (unless allowed); no kind; too many webhooks
     */
    public Registered register(String url, Set<String> kindIds, String actor) {
        Map<String, String> errors = new HashMap<>();
        URI uri = null;
        try {
            uri = WebhookAddress.parse(url);
            WebhookAddress.resolve(uri, allowPrivate);
        } catch (IllegalArgumentException e) {
            errors.put("url", e.getMessage());
        }
        Set<NoticeKind> kinds = new LinkedHashSet<>();
        for (String id : kindIds) {
            NoticeKind.byId(id).ifPresentOrElse(kinds::add, () -> errors.put("kinds", "no such kind of notice"));
        }
        if (kinds.isEmpty() && !errors.containsKey("kinds")) {
            errors.put("kinds", "choose at least one kind of notice");
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        String secret = WebhookSignature.newSecret();
        String[] ids = kinds.stream().map(NoticeKind::id).toArray(String[]::new);
        URI checked = uri;
        long id = jdbi.inTransaction(h -> {
            // One at a time, so that parallel registrations cannot pass the bound together.
            h.execute("LOCK TABLE notify_webhook IN SHARE ROW EXCLUSIVE MODE");
            long active = h.createQuery("SELECT count(*) FROM notify_webhook WHERE removed_at IS NULL").mapTo(Long.class).one();
            if (active >= MAX_ACTIVE) {
                throw ApiException.badRequest("url", "there are already " + MAX_ACTIVE + " webhooks; remove one first");
            }
            return h.createQuery("INSERT INTO notify_webhook (url, secret, kinds, created_by, created_at) "
                            + "VALUES (:url, :secret, :kinds, :by, :at) RETURNING id")
                    .bind("url", checked.toString()).bind("secret", secret).bind("kinds", ids).bind("by", actor)
                    .bind("at", clock.instant()).mapTo(Long.class).one();
        });
        return new Registered(get(id).orElseThrow(), secret);
    }

    /** Removes a webhook: nothing more is sent to it, queued deliveries included. */
    public void remove(long id) {
        int n = jdbi.withHandle(h -> h.createUpdate("UPDATE notify_webhook SET removed_at = :at WHERE id = :id AND removed_at IS NULL")
                .bind("at", clock.instant()).bind("id", id).execute());
        if (n == 0) {
            throw ApiException.notFound("webhook " + id);
        }
    }

    /** The webhooks not removed, oldest first, with how many deliveries reached each and how many gave up. */
    public List<Webhook> active() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT w.id, w.url, w.kinds, w.created_by, w.created_at,
                               (SELECT count(*) FROM notify_delivery d WHERE d.webhook_id = w.id AND d.delivered_at IS NOT NULL),
                               (SELECT count(*) FROM notify_delivery d WHERE d.webhook_id = w.id AND d.failed_at IS NOT NULL)
                        FROM notify_webhook w WHERE w.removed_at IS NULL ORDER BY w.id""")
                .map((rs, ctx) -> webhook(rs)).list());
    }

    Optional<Webhook> get(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, url, kinds, created_by, created_at, 0, 0 FROM notify_webhook WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> webhook(rs)).findOne());
    }

    /** The ids of the active webhooks that receive {@code kind}. */
    static List<Long> receiving(Handle h, NoticeKind kind) {
        return h.createQuery("SELECT id FROM notify_webhook WHERE removed_at IS NULL AND :k = ANY (kinds) ORDER BY id")
                .bind("k", kind.id()).mapTo(Long.class).list();
    }

    /** A webhook's URL and secret, to deliver to it; empty once it is removed. */
    record Target(URI url, String secret) {}

    static Optional<Target> target(Handle h, long id) {
        return h.createQuery("SELECT url, secret FROM notify_webhook WHERE id = :id AND removed_at IS NULL").bind("id", id)
                .map((rs, ctx) -> new Target(URI.create(rs.getString(1)), rs.getString(2))).findOne();
    }

    private static Webhook webhook(java.sql.ResultSet rs) throws java.sql.SQLException {
        List<NoticeKind> kinds = new ArrayList<>();
        for (String k : (String[]) rs.getArray(3).getArray()) {
            NoticeKind.byId(k).ifPresent(kinds::add);
        }
        return new Webhook(rs.getLong(1), rs.getString(2), List.copyOf(kinds), rs.getString(4),
                rs.getTimestamp(5).toInstant(), rs.getLong(6), rs.getLong(7));
    }
}
