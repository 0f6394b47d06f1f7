package org.plumbline.server.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Users, their credentials, the sign-in throttle, browser sessions and API tokens (tables server_*). */
public final class UserStore {
    public static final Duration SESSION_LIFETIME = Duration.ofHours(8);

    public record User(long id, String username, String displayName, Role role, String passwordHash, String totpSecret,
                boolean leadership, boolean disabled) {
        public Principal principal() {
            return new Principal(id, username, displayName, role, leadership);
        }
    }

    public record Session(Principal principal, String csrfToken, Instant expiresAt) {
    }

    public record NewSession(String cookieValue, String csrfToken) {
    }

    /** How long an authenticated session or token is trusted before it is looked up again. */
    static final Duration AUTH_CACHE_TTL = Duration.ofSeconds(10);

    private final Jdbi jdbi;
    private final PasswordHasher hasher = new PasswordHasher();
    private final ShortCache<String, Session> sessions = new ShortCache<>(AUTH_CACHE_TTL, 10_000, java.time.Clock.systemUTC());
    private final ShortCache<String, Principal> tokens = new ShortCache<>(AUTH_CACHE_TTL, 10_000, java.time.Clock.systemUTC());

    public UserStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Forgets cached authentications, after anything that may end a session or token. */
    private void forgetAuthentications() {
        sessions.clear();
        tokens.clear();
    }

    PasswordHasher hasher() {
        return hasher;
    }

    /** Whether {@code user}'s password is {@code password} (not a sign-in: nothing is counted or opened). */
    public boolean hasPassword(User user, String password) {
        if (user.passwordHash() == null) return false;
        try (HashingSlots.Slot slot = hasher.slot()) {
            return hasher.verify(slot, password, user.passwordHash());
        }
    }

    private String hash(String password) {
        try (HashingSlots.Slot slot = hasher.slot()) {
            return hasher.hash(slot, password);
        }
    }

    /** Creates a user; {@code password} may be null for a machine client. Fails if the name is taken. */
    public User create(String username, String displayName, Role role, String password) {
        if (role == Role.PUBLIC) {
            throw new IllegalArgumentException("'public' is not a role a user can have");
        }
        String hash = password == null ? null : hash(password);
        long id = jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO server_user (username, display_name, role, password_hash)
                        VALUES (:u, :d, :r, :p)""")
                .bind("u", username).bind("d", displayName).bind("r", role.id()).bind("p", hash)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return new User(id, username, displayName, role, hash, null, false, false);
    }

    /** The transaction lock that makes "no user yet, so create the first" one step across server instances. */
    private static final long FIRST_USER_LOCK = 0x706c756d66697273L; // "plumfirs"

    /**
     * Creates an administrator only if there is no user at all, checked and inserted in one transaction under a
     * lock every server instance on the database takes: two first-administrator setups at once, even on two
     * instances each with its own setup token, make one administrator, not two.
     *
     * @return the administrator, or empty if a user already exists
     */
    public Optional<User> createFirstAdministrator(String username, String displayName, String password) {
        String hash = hash(password);  // outside the transaction: Argon2id takes tens of milliseconds
        return jdbi.inTransaction(h -> {
            h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:k)) AS locked").bind("k", FIRST_USER_LOCK).mapTo(Integer.class).one();
            if (h.createQuery("SELECT EXISTS (SELECT 1 FROM server_user)").mapTo(Boolean.class).one()) {
                return Optional.empty();
            }
            long id = h.createUpdate("""
                            INSERT INTO server_user (username, display_name, role, password_hash)
                            VALUES (:u, :d, :r, :p)""")
                    .bind("u", username).bind("d", displayName).bind("r", Role.ADMIN.id()).bind("p", hash)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return Optional.of(new User(id, username, displayName, Role.ADMIN, hash, null, false, false));
        });
    }

    public Optional<User> byUsername(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM server_user WHERE username = :u")
                .bind("u", username).map((rs, ctx) -> user(rs)).findOne());
    }

    public Optional<User> byId(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM server_user WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> user(rs)).findOne());
    }

    public List<User> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM server_user ORDER BY role, username")
                .map((rs, ctx) -> user(rs)).list());
    }

    /** Sets a user's TOTP secret (an admin's enrolment), dropping any set-up the user had left pending. */
    public void setTotpSecret(long userId, String base32Secret) {
        forgetAuthentications();
        jdbi.useHandle(h -> h.createUpdate("UPDATE server_user SET totp_secret = :s, totp_pending_secret = NULL WHERE id = :id")
                .bind("s", base32Secret).bind("id", userId).execute());
    }

    void setPendingTotpSecret(long userId, String base32Secret) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE server_user SET totp_pending_secret = :s WHERE id = :id")
                .bind("s", base32Secret).bind("id", userId).execute());
    }

    Optional<String> pendingTotpSecret(long userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT totp_pending_secret FROM server_user WHERE id = :id AND totp_pending_secret IS NOT NULL")
                .bind("id", userId).mapTo(String.class).findOne());
    }

    /**
     * Turns on the pending secret {@code pending} (if it is still the pending one) and marks {@code step},
     * whose code confirmed it, as used.
     */
    boolean activatePendingTotp(long userId, String pending, long step) {
        forgetAuthentications();
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE server_user SET totp_secret = totp_pending_secret, totp_pending_secret = NULL,
                            totp_last_step = GREATEST(COALESCE(totp_last_step, :s), :s)
                        WHERE id = :id AND totp_pending_secret = :p""")
                .bind("s", step).bind("id", userId).bind("p", pending).execute()) == 1;
    }

    /**
     * Marks TOTP time step {@code step} as used by {@code userId}; false if that step or a later one was
     * already used. One conditional UPDATE, so of two sign-ins racing with one code only one wins.
     */
    boolean useTotpStep(long userId, long step) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE server_user SET totp_last_step = :s
                        WHERE id = :id AND (totp_last_step IS NULL OR totp_last_step < :s)""")
                .bind("s", step).bind("id", userId).execute()) == 1;
    }

    /**
     * Why {@code password} cannot be a person's password (too short or too long), or null if it can: the one rule
     * for set-up, an administrator's reset and a person's own change.
     */
    public static String passwordProblem(String password) {
        if (password == null || password.length() < 12) return "at least 12 characters";
        if (password.length() > 1000) return "at most 1000 characters";
        return null;
    }

    /**
     * A new password for a person (an administrator's reset, or their own change): it replaces the old one and
     * every session of theirs ends.
     */
    public void resetPassword(long userId, String password) {
        setPassword(userId, password);
        closeSessions(userId);
    }

    /**
     * An admin's reset of a lost second factor: the secret and any pending set-up are dropped and every session
     * ends; the person signs in with their password and sets up a new app on /account.
     */
    public void resetSecondFactor(long userId) {
        forgetAuthentications();
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE server_user SET totp_secret = NULL, totp_pending_secret = NULL WHERE id = :id")
                .bind("id", userId).execute());
        closeSessions(userId);
    }

    void setPassword(long userId, String password) {
        String hash = hash(password);
        jdbi.useHandle(h -> h.createUpdate("UPDATE server_user SET password_hash = :p WHERE id = :id")
                .bind("p", hash).bind("id", userId).execute());
    }

    public void setLeadership(long userId, boolean leadership) {
        forgetAuthentications();
        jdbi.useHandle(h -> h.createUpdate("UPDATE server_user SET leadership = :l WHERE id = :id")
                .bind("l", leadership).bind("id", userId).execute());
    }

    /**
     * Gives an account another role (single sign-on: the provider's claims decide at every sign-in). The
     * account's sessions see the new role at their next look-up; cached ones are forgotten now.
     */
    public void setRole(long userId, Role role) {
        if (role == Role.PUBLIC) {
            throw new IllegalArgumentException("'public' is not a role a user can have");
        }
        forgetAuthentications();
        jdbi.useHandle(h -> h.createUpdate("UPDATE server_user SET role = :r WHERE id = :id AND role <> :r")
                .bind("r", role.id()).bind("id", userId).execute());
    }

    /** Ends every session of an account (e.g. the provider no longer gives the person any role). */
    public void closeSessions(long userId) {
        forgetAuthentications();
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM server_session WHERE user_id = :id").bind("id", userId).execute());
    }

    public void setDisabled(long userId, boolean disabled) {
        forgetAuthentications();
        jdbi.useHandle(h -> {
            h.createUpdate("UPDATE server_user SET disabled = :d WHERE id = :id")
                    .bind("d", disabled).bind("id", userId).execute();
            if (disabled) {
                h.createUpdate("DELETE FROM server_session WHERE user_id = :id").bind("id", userId).execute();
                h.createUpdate("UPDATE server_api_token SET revoked_at = now() WHERE user_id = :id AND revoked_at IS NULL")
                        .bind("id", userId).execute();
            }
        });
    }

    // --- sign-in throttle ------------------------------------------------------------------------------

    /** Names that can be accounts (the database's CHECK on {@code server_user.username}). */
    static boolean plausibleUsername(String username) {
        return username.matches("[a-z0-9][a-z0-9._-]{1,62}");
    }

    /**
     * Reserves one sign-in attempt for {@code username} before its password is checked, in one statement
     * (the row lock of the upsert serialises parallel attempts): the attempt that brings the count to
     * {@code max} also sets the lock, and while locked no attempt is reserved. So at most {@code max}
     * passwords are ever checked per lock window, however many attempts are in flight.
     *
     * @return empty if the attempt may go ahead, else the end of the lock
     */
    Optional<Instant> reserveSignIn(String username, Instant now, int max, Duration lockout) {
        return jdbi.inTransaction(h -> {
            Optional<Integer> reserved = h.createQuery("""
                            INSERT INTO server_sign_in_throttle AS t (username, attempts, locked_until, last_attempt)
                            VALUES (:u, 1, NULL, :now)
                            ON CONFLICT (username) DO UPDATE SET
                                attempts = CASE WHEN t.locked_until <= :now THEN 1 ELSE t.attempts + 1 END,
                                locked_until = CASE WHEN t.locked_until <= :now THEN NULL::timestamptz
                                                    WHEN t.attempts + 1 >= :max THEN CAST(:until AS timestamptz) END,
                                last_attempt = :now
                            WHERE t.locked_until IS NULL OR t.locked_until <= :now
                            RETURNING attempts""")
                    .bind("u", username).bind("now", utc(now)).bind("max", max).bind("until", utc(now.plus(lockout)))
                    .mapTo(Integer.class).findOne();
            if (reserved.isPresent()) {
                return Optional.<Instant>empty();
            }
            return Optional.of(h.createQuery("SELECT locked_until FROM server_sign_in_throttle WHERE username = :u")
                    .bind("u", username).mapTo(OffsetDateTime.class).one().toInstant());
        });
    }

    /**
     * Forgets {@code username}'s failures after a successful sign-in, and the rows of names nobody has
     * tried for a day (so names typed once do not pile up).
     */
    void clearSignInFailures(String username, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        DELETE FROM server_sign_in_throttle
                        WHERE username = :u OR (last_attempt < :stale AND (locked_until IS NULL OR locked_until < :now))""")
                .bind("u", username).bind("stale", utc(now.minus(Duration.ofDays(1)))).bind("now", utc(now)).execute());
    }

    // --- sessions -------------------------------------------------------------------------------------

    public NewSession openSession(long userId, Instant now) {
        String cookie = Secrets.newToken("");
        String csrf = Secrets.newToken("");
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO server_session (token_hash, user_id, csrf_token, created_at, expires_at)
                        VALUES (:t, :u, :c, :now, :exp)""")
                .bind("t", Secrets.hash(cookie)).bind("u", userId).bind("c", csrf)
                .bind("now", utc(now)).bind("exp", utc(now.plus(SESSION_LIFETIME))).execute());
        return new NewSession(cookie, csrf);
    }

    Optional<Session> session(String cookieValue, Instant now) {
        return sessions.get(cookieValue, k -> loadSession(k, now)).filter(s -> s.expiresAt().isAfter(now));
    }

    private Optional<Session> loadSession(String cookieValue, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT u.*, s.csrf_token, s.expires_at FROM server_session s JOIN server_user u ON u.id = s.user_id
                        WHERE s.token_hash = :t AND s.expires_at > :now AND NOT u.disabled""")
                .bind("t", Secrets.hash(cookieValue)).bind("now", utc(now))
                .map((rs, ctx) -> new Session(user(rs).principal(), rs.getString("csrf_token"),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .findOne());
    }

    public void closeSession(String cookieValue) {
        sessions.clear();
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM server_session WHERE token_hash = :t")
                .bind("t", Secrets.hash(cookieValue)).execute());
    }

    // --- API tokens -----------------------------------------------------------------------------------

    /**
     * Issues a bearer token for {@code userId}; the token itself is returned once and never stored. Does not
     * check the role: the admin's paths go through {@code AdminApi.issueToken}, which refuses people.
     */
    public String issueToken(long userId, String name) {
        String token = Secrets.newToken("plb_");
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO server_api_token (user_id, name, token_hash) VALUES (:u, :n, :t)")
                .bind("u", userId).bind("n", name).bind("t", Secrets.hash(token)).execute());
        return token;
    }

    public void revokeTokens(long userId, String name) {
        forgetAuthentications();
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE server_api_token SET revoked_at = now() WHERE user_id = :u AND name = :n AND revoked_at IS NULL")
                .bind("u", userId).bind("n", name).execute());
    }

    public Optional<Principal> byToken(String token) {
        return tokens.get(token, this::loadToken);
    }

    private Optional<Principal> loadToken(String token) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT u.* FROM server_api_token t JOIN server_user u ON u.id = t.user_id
                        WHERE t.token_hash = :t AND t.revoked_at IS NULL AND NOT u.disabled""")
                .bind("t", Secrets.hash(token)).map((rs, ctx) -> user(rs).principal()).findOne());
    }

    private static User user(ResultSet rs) throws SQLException {
        Role role = Role.byId(rs.getString("role")).orElseThrow(
                () -> new IllegalStateException("unknown role in server_user"));
        return new User(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"), role,
                rs.getString("password_hash"), rs.getString("totp_secret"), rs.getBoolean("leadership"),
                rs.getBoolean("disabled"));
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
