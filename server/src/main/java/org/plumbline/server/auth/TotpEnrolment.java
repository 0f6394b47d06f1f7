package org.plumbline.server.auth;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A person turning on, or moving, their own second factor. A session alone (a stolen cookie, an unlocked
 * screen) must not be able to make the account's second factor its own, so: starting takes the password
 * and, when a factor is on, its current code — checked by {@link Login}, with its lockout and its
 * once-only codes; the secret is made by the server and kept pending in the database, never taken from
 * the form; and it is switched on only by a code from that pending secret.
 */
public final class TotpEnrolment {
    private final UserStore users;
    private final Login login;
    private final Clock clock;

    public TotpEnrolment(UserStore users, Login login, Clock clock) {
        this.users = users;
        this.login = login;
        this.clock = clock;
    }

    /**
     * Checks that {@code p} is the account holder and makes them a new pending secret to add to their app.
     * Throws Login's {@link org.plumbline.server.http.ApiException} (one answer for any failure, 429 when
     * locked) otherwise.
     */
    public String start(Principal p, String password, String currentCode) {
        login.attempt(p.username(), password, currentCode);
        String secret = Totp.newSecret(Secrets.random());
        users.setPendingTotpSecret(p.userId(), secret);
        return secret;
    }

    /** The secret shown by {@link #start}, while it is not yet on. */
    public Optional<String> pending(Principal p) {
        return users.pendingTotpSecret(p.userId());
    }

    /** Turns the pending secret on if {@code code} is one of its current codes; false otherwise. */
    public boolean confirm(Principal p, String code) {
        Optional<String> pending = pending(p);
        if (pending.isEmpty()) {
            return false;
        }
        OptionalLong step = Totp.matchingStep(pending.get(), code == null ? "" : code.strip(), clock.instant());
        return step.isPresent() && users.activatePendingTotp(p.userId(), pending.get(), step.getAsLong());
    }
}
