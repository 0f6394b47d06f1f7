package org.plumbline.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.plumbline.server.http.ApiException;

/**
 * Checks a password (and, when the user has enrolled one, a TOTP code). Wrong username and wrong password
 * give the same answer and take about the same time, so that the form does not reveal which accounts
 * exist. After {@value #MAX_FAILURES} failures in a row an account refuses logins for a while.
 *
 * <p>The count lives in the database and an attempt is reserved there <em>before</em> its password is
 * checked: checking first and counting afterwards let every attempt already in flight through while the
 * first ones were still hashing.
 */
public final class Login {
    static final int MAX_FAILURES = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(5);

    private final UserStore users;
    private final Clock clock;
    private final String dummyHash;

    public Login(UserStore users, Clock clock) {
        this.users = users;
        this.clock = clock;
        this.dummyHash = users.hasher().hash("not a real password");
    }

    /** The user, or an {@link ApiException} with field-level messages. */
    public UserStore.User attempt(String username, String password, String totpCode) {
        if (username == null || username.isBlank()) {
            throw ApiException.badRequest("username", "enter your username");
        }
        if (password == null || password.isEmpty()) {
            throw ApiException.badRequest("password", "enter your password");
        }
        Instant now = clock.instant();
        if (!UserStore.plausibleUsername(username)) {
            // No account can have this name; spend the same hash so the answer takes as long as a real one.
            users.hasher().verify(password, dummyHash);
            throw wrong();
        }
        Optional<Instant> lockedUntil = users.reserveSignIn(username, now, MAX_FAILURES, LOCKOUT);
        if (lockedUntil.isPresent()) {
            throw new ApiException(429, "locked", "too many failed logins; try again after " + lockedUntil.get(), Map.of());
        }
        var user = users.byUsername(username);
        String hash = user.map(UserStore.User::passwordHash).orElse(null);
        boolean passwordOk = users.hasher().verify(password, hash == null ? dummyHash : hash) && hash != null;
        if (user.isEmpty() || !passwordOk || user.get().disabled()) {
            throw wrong(); // the reserved attempt stays counted as a failure
        }
        String secret = user.get().totpSecret();
        if (secret != null) {
            if (totpCode == null || totpCode.isBlank()) {
                throw ApiException.badRequest("totp", "enter the 6-digit code from your authenticator app");
            }
            if (!Totp.verify(secret, totpCode.trim(), now)) {
                throw ApiException.badRequest("totp", "that code is wrong or has expired");
            }
        }
        users.clearSignInFailures(username, now);
        return user.get();
    }

    private static ApiException wrong() {
        return ApiException.badRequest("password", "username or password is wrong");
    }
}
