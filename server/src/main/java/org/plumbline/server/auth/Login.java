package org.plumbline.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.plumbline.server.http.ApiException;

/**
 * Checks a password (and, when the user has enrolled one, a TOTP code). Wrong username and wrong password
 * give the same answer and take about the same time, so that the form does not reveal which accounts
 * exist. After {@value #MAX_FAILURES} failures in a row an account refuses logins for a while.
 */
public final class Login {
    static final int MAX_FAILURES = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(5);

    private record Failures(int count, Instant lockedUntil) {
    }

    private final UserStore users;
    private final Clock clock;
    private final String dummyHash;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

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
        Failures f = failures.get(username);
        if (f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil())) {
            throw new ApiException(429, "locked", "too many failed logins; try again after " + f.lockedUntil(), Map.of());
        }
        var user = users.byUsername(username);
        String hash = user.map(UserStore.User::passwordHash).orElse(null);
        boolean passwordOk = users.hasher().verify(password, hash == null ? dummyHash : hash) && hash != null;
        if (user.isEmpty() || !passwordOk || user.get().disabled()) {
            fail(username, now);
            throw ApiException.badRequest("password", "username or password is wrong");
        }
        String secret = user.get().totpSecret();
        if (secret != null) {
            if (totpCode == null || totpCode.isBlank()) {
                throw ApiException.badRequest("totp", "enter the 6-digit code from your authenticator app");
            }
            if (!Totp.verify(secret, totpCode.trim(), now)) {
                fail(username, now);
                throw ApiException.badRequest("totp", "that code is wrong or has expired");
            }
        }
        failures.remove(username);
        return user.get();
    }

    private void fail(String username, Instant now) {
        failures.compute(username, (k, old) -> {
            int count = old == null ? 1 : old.count() + 1;
            return new Failures(count >= MAX_FAILURES ? 0 : count, count >= MAX_FAILURES ? now.plus(LOCKOUT) : null);
        });
    }
}
