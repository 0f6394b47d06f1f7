package org.plumbline.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.plumbline.server.http.ApiException;

/**
 * Checks a password (and, when the user has enrolled one, a TOTP code, each code once). Every failure —
 * unknown username, wrong password, missing, wrong or reused code — gives the same answer, and they take
 * about the same time, so that the form reveals neither which accounts exist nor that a password is
 * right. After {@value #MAX_FAILURES} failures in a row an account refuses logins for a while.
 *
 * <p>The count lives in the database and an attempt is reserved there <em>before</em> its password is
 * checked: checking first and counting afterwards let every attempt already in flight through while the
 * first ones were still hashing.
 */
public final class Login {
    static final int MAX_FAILURES = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(5);
    /** The one answer to every failed sign-in, whatever was wrong and whether or not the account exists. */
    static final String WRONG = "username, password or authenticator code is wrong";

    /** The answer to every password when local passwords are switched off. */
    public static final String PASSWORDS_OFF = "signing in with a password is switched off on this server; use single sign-on";

    private final UserStore users;
    private final Clock clock;
    private final String dummyHash;
    private final boolean passwords;
    private volatile SignInListener listener = (user, password) -> { };

    /** Told of every successful password sign-in, with the password (the intake unlocks a recipient's key). */
    @FunctionalInterface
    public interface SignInListener {
        void signedIn(UserStore.User user, String password);
    }

    public Login(UserStore users, Clock clock) {
        this(users, clock, true);
    }

    /**
     * @param passwords false when the server signs people in through single sign-on only: then no password is
     *                  checked at all (sign-in form, {@code POST /api/session}, the password check before a
     *                  person moves their second factor), so an old or guessed password opens nothing
     */
    public Login(UserStore users, Clock clock, boolean passwords) {
        this.users = users;
        this.clock = clock;
        this.passwords = passwords;
        try (HashingSlots.Slot slot = users.hasher().slot()) {
            this.dummyHash = users.hasher().hash(slot, "not a real password");
        }
    }

    /** Sets the one listener told of successful password sign-ins. */
    public void onSignIn(SignInListener listener) {
        this.listener = java.util.Objects.requireNonNull(listener);
    }

    /** Whether passwords are accepted at all. */
    public boolean passwords() {
        return passwords;
    }

    /** The user, or an {@link ApiException} with field-level messages. */
    public UserStore.User attempt(String username, String password, String totpCode) {
        if (!passwords) {
            throw ApiException.forbidden(PASSWORDS_OFF);
        }
        if (username == null || username.isBlank()) {
            throw ApiException.badRequest("username", "enter your username");
        }
        if (password == null || password.isEmpty()) {
            throw ApiException.badRequest("password", "enter your password");
        }
        // The slot comes first: an attempt turned away for load has not been counted against the account.
        UserStore.User user;
        try (HashingSlots.Slot slot = slot()) {
            user = attempt(slot, username, password, totpCode, clock.instant());
        }
        listener.signedIn(user, password);
        return user;
    }

    private UserStore.User attempt(HashingSlots.Slot slot, String username, String password, String totpCode, Instant now) {
        if (!UserStore.plausibleUsername(username)) {
            // No account can have this name; spend the same hash so the answer takes as long as a real one.
            users.hasher().verify(slot, password, dummyHash);
            throw wrong();
        }
        Optional<Instant> lockedUntil = users.reserveSignIn(username, now, MAX_FAILURES, LOCKOUT);
        if (lockedUntil.isPresent()) {
            throw new ApiException(429, "locked", "too many failed logins; try again after " + lockedUntil.get(), Map.of());
        }
        var user = users.byUsername(username);
        String hash = user.map(UserStore.User::passwordHash).orElse(null);
        boolean passwordOk = users.hasher().verify(slot, password, hash == null ? dummyHash : hash) && hash != null;
        if (user.isEmpty() || !passwordOk || user.get().disabled()) {
            throw wrong(); // the reserved attempt stays counted as a failure
        }
        String secret = user.get().totpSecret();
        if (secret != null) {
            // A missing, wrong or already used code gets the wrong password's answer: a different one
            // would tell a guesser that the password is right, without the second factor.
            OptionalLong step = Totp.matchingStep(secret, totpCode == null ? "" : totpCode.strip(), now);
            if (step.isEmpty() || !users.useTotpStep(user.get().id(), step.getAsLong())) {
                throw wrong();
            }
        }
        users.clearSignInFailures(username, now);
        return user.get();
    }

    private HashingSlots.Slot slot() {
        try {
            return users.hasher().slot();
        } catch (HashingSlots.Busy e) {
            throw ApiException.unavailable("busy", e.getMessage());
        }
    }

    private static ApiException wrong() {
        return ApiException.badRequest("password", WRONG);
    }
}
