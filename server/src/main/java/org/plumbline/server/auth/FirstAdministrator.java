package org.plumbline.server.auth;

import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.plumbline.server.http.ApiException;

/**
 * How an installation that has no users gets its first administrator: with a one-time setup token. The
 * token is printed once by {@code plumbline serve} (or given by the operator through the environment) and
 * lives only in this process, as a hash; it opens {@code /setup} for exactly one administrator account and
 * is spent when that account exists. A production installation therefore never has a default password,
 * and nobody who merely reaches the port before the operator does can claim it.
 */
public final class FirstAdministrator {
    /** A token chosen by the operator must not be guessable: at least this many characters. */
    static final int MIN_GIVEN_TOKEN = 24;

    private final UserStore users;
    private final boolean passwords;
    /** SHA-256 of the token while setup is open; null when it is not (never opened, or spent). */
    private final AtomicReference<byte[]> armed = new AtomicReference<>();

    /**
     * @param passwords whether people sign in with passwords; when they do not (single sign-on only), setup
     *                  never opens: the first administrator is whoever the provider's claims make one
     */
    public FirstAdministrator(UserStore users, boolean passwords) {
        this.users = users;
        this.passwords = passwords;
    }

    /**
     * Opens setup if there is no user yet: with {@code given}, or with a new random token (256 bits), which
     * is returned so that it can be shown once. Empty if the installation already has users, or if passwords
     * are off (single sign-on only).
     *
     * @throws IllegalArgumentException if {@code given} is too short to be a secret
     */
    public Optional<String> open(Optional<String> given) {
        if (!passwords || !users.all().isEmpty()) return Optional.empty();
        String token = given.map(String::strip).orElseGet(() -> Secrets.newToken("setup-"));
        if (token.length() < MIN_GIVEN_TOKEN) {
            throw new IllegalArgumentException("the setup token must be at least " + MIN_GIVEN_TOKEN + " characters");
        }
        armed.set(Secrets.hash(token));
        return Optional.of(token);
    }

    /** Whether {@code /setup} is open. */
    public boolean isOpen() {
        return armed.get() != null;
    }

    /**
     * Creates the first administrator, if {@code token} is the setup token and setup is still open; the
     * token is spent by the first request that presents it, so two at once cannot both create one.
     *
     * @throws ApiException 400 naming each bad field, 403 for a wrong or spent token
     */
    public UserStore.User create(String token, String username, String displayName, String password) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (username == null || !UserStore.plausibleUsername(username)) {
            errors.put("username", "2-63 characters: lower-case letters, digits, '.', '_' or '-'");
        }
        if (displayName == null || displayName.isBlank()) {
            errors.put("displayName", "enter the name colleagues know you by");
        } else if (displayName.length() > 200 || displayName.codePoints().anyMatch(Character::isISOControl)) {
            errors.put("displayName", "at most 200 characters, no control characters");
        }
        String weak = UserStore.passwordProblem(password);
        if (weak != null) {
            errors.put("password", weak);
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        byte[] expected = armed.get();
        if (expected == null || token == null
                || !MessageDigest.isEqual(expected, Secrets.hash(token.strip()))
                || !armed.compareAndSet(expected, null)) {
            throw ApiException.forbidden("the setup token is wrong, or the first administrator already exists");
        }
        Optional<UserStore.User> made;
        try {
            // Checked and made in one step under a database lock: another instance on the same database (with its
            // own setup token) or a user made another way since setup opened means there is one already.
            made = users.createFirstAdministrator(username, displayName.strip(), password);
        } catch (RuntimeException e) {
            armed.compareAndSet(null, expected);  // nothing was made: the token still works
            throw e;
        }
        return made.orElseThrow(() -> ApiException.forbidden("the first administrator already exists"));
    }

}
