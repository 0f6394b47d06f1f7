package org.plumbline.server.auth.oidc;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.plumbline.server.auth.Role;

/**
 * The accounts of people who sign in through the provider (table {@code server_external_identity}): found
 * by (issuer, subject) only. A new person gets a new account, with no password; the account name is made
 * from what the provider suggests but is only a label: an existing account with that name is never taken
 * over (the new one gets a suffix), since whoever controls a provider account can choose its
 * {@code preferred_username} and email.
 */
final class ExternalAccounts {
    /** What the provider says about a person, already checked. */
    record Person(String issuer, String subject, String suggestedName, String displayName) {
    }

    /** The account: {@code created} if this sign-in made it. */
    record Account(long userId, boolean created, boolean disabled) {
    }

    private final Jdbi jdbi;

    ExternalAccounts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<Account> find(String issuer, String subject) {
        return jdbi.withHandle(h -> find(h, issuer, subject));
    }

    /**
     * The person's account, made with {@code role} if they have none yet. A race of two first sign-ins of one
     * person ends with one account: the identity's primary key lets one insert through, and the loser reads it.
     */
    Account findOrCreate(Person person, Role role) {
        for (int attempt = 0; ; attempt++) {
            try {
                return jdbi.inTransaction(h -> {
                    Optional<Account> found = find(h, person.issuer(), person.subject());
                    if (found.isPresent()) {
                        h.createUpdate("UPDATE server_external_identity SET last_sign_in_at = now() WHERE issuer = :i AND subject = :s")
                                .bind("i", person.issuer()).bind("s", person.subject()).execute();
                        return found.get();
                    }
                    long id = insertUser(h, person, role);
                    h.createUpdate("INSERT INTO server_external_identity (issuer, subject, user_id) VALUES (:i, :s, :u)")
                            .bind("i", person.issuer()).bind("s", person.subject()).bind("u", id).execute();
                    return new Account(id, true, false);
                });
            } catch (RuntimeException e) {
                if (attempt >= 1) {
                    throw e;
                }
            }
        }
    }

    private static Optional<Account> find(Handle h, String issuer, String subject) {
        return h.createQuery("""
                        SELECT u.id, u.disabled FROM server_external_identity x JOIN server_user u ON u.id = x.user_id
                        WHERE x.issuer = :i AND x.subject = :s""")
                .bind("i", issuer).bind("s", subject)
                .map((rs, ctx) -> new Account(rs.getLong("id"), false, rs.getBoolean("disabled"))).findOne();
    }

    /** A new account with no password, named after the suggestion, or the suggestion with the first free suffix. */
    private static long insertUser(Handle h, Person person, Role role) {
        String base = accountName(person.suggestedName());
        for (int n = 1; n <= 1000; n++) {
            String name = n == 1 ? base : base + "-" + n;
            Optional<Long> id = h.createQuery("""
                            INSERT INTO server_user (username, display_name, role, password_hash) VALUES (:u, :d, :r, NULL)
                            ON CONFLICT (username) DO NOTHING RETURNING id""")
                    .bind("u", name).bind("d", person.displayName()).bind("r", role.id())
                    .mapTo(Long.class).findOne();
            if (id.isPresent()) {
                return id.get();
            }
        }
        throw new IllegalStateException("no free account name for '" + base + "'");
    }

    /**
     * A name the users table accepts ({@code [a-z0-9][a-z0-9._-]{1,62}}), with room for a suffix: lower case,
     * accents dropped, anything else a '-', at most 50 characters; "sso-user" when nothing usable is left.
     */
    static String accountName(String suggestion) {
        String s = suggestion == null ? "" : suggestion;
        int at = s.indexOf('@');
        if (at > 0) {
            s = s.substring(0, at);
        }
        s = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        s = s.replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
        if (s.length() > 50) {
            s = s.substring(0, 50);
        }
        return s.length() < 2 ? "sso-user" : s;
    }
}
