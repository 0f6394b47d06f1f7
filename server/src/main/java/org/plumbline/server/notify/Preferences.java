package org.plumbline.server.notify;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.plumbline.server.http.ApiException;

/**
 * What each person wants to hear about, and where: their e-mail address and, per {@link NoticeKind}, whether
 * they get it by e-mail. A kind a person never chose is on: the notifications are about their own work, and
 * someone who wants less turns it off once. A person without an address gets no e-mail, whatever they chose.
 */
public final class Preferences {
    private final Jdbi jdbi;

    public Preferences(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A person's address and their choice for every kind. */
    public record Choices(Optional<String> email, Map<NoticeKind, Boolean> byKind) {
        public Choices {
            byKind = Map.copyOf(byKind);
        }

        public boolean wants(NoticeKind kind) {
            return byKind.getOrDefault(kind, true);
        }
    }

    public Choices of(long userId) {
        return jdbi.withHandle(h -> of(h, userId));
    }

    static Choices of(Handle h, long userId) {
        Optional<String> email = h.createQuery("SELECT email FROM notify_address WHERE user_id = :u")
                .bind("u", userId).mapTo(String.class).findOne();
        Map<NoticeKind, Boolean> byKind = new EnumMap<>(NoticeKind.class);
        for (NoticeKind k : NoticeKind.values()) {
            byKind.put(k, true);
        }
        h.createQuery("SELECT kind, email FROM notify_preference WHERE user_id = :u").bind("u", userId)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBoolean(2)))
                .forEach(e -> NoticeKind.byId(e.getKey()).ifPresent(k -> byKind.put(k, e.getValue())));
        return new Choices(email, byKind);
    }

    /**
     * Replaces a person's choices: their address (blank for none) and the kinds they want by e-mail.
     *
     * @throws ApiException (400, field {@code email}) for an address that is not one
     */
    public void save(long userId, String email, Set<NoticeKind> wanted) {
        String address = email == null ? "" : email.strip();
        if (!address.isEmpty() && !EmailAddress.valid(address)) {
            throw ApiException.badRequest("email", "give one e-mail address, like name@example.org, or leave it empty");
        }
        jdbi.useTransaction(h -> {
            if (address.isEmpty()) {
                h.createUpdate("DELETE FROM notify_address WHERE user_id = :u").bind("u", userId).execute();
            } else {
                h.createUpdate("INSERT INTO notify_address (user_id, email) VALUES (:u, :e) "
                                + "ON CONFLICT (user_id) DO UPDATE SET email = excluded.email")
                        .bind("u", userId).bind("e", address).execute();
            }
            for (NoticeKind k : NoticeKind.values()) {
                h.createUpdate("INSERT INTO notify_preference (user_id, kind, email) VALUES (:u, :k, :on) "
                                + "ON CONFLICT (user_id, kind) DO UPDATE SET email = excluded.email")
                        .bind("u", userId).bind("k", k.id()).bind("on", wanted.contains(k)).execute();
            }
        });
    }
}
