package org.plumbline.server.auth;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.plumbline.server.http.ApiException;

/**
 * Works out who sent a request: a machine client by its bearer token, a person by their session cookie,
 * or nobody ({@link Principal#ANONYMOUS}). A request that carries a session cookie and changes state must
 * also carry that session's CSRF token (header {@value #CSRF_HEADER} or form field {@value #CSRF_FIELD}) and,
 * if the browser sent an Origin header, come from this server's own origin. Bearer-token requests need
 * neither: browsers never attach bearer tokens by themselves, so they cannot be forged cross-site.
 */
public final class Authenticator {
    public static final String SESSION_COOKIE = "plumbline_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "_csrf";
    static final String SESSION_ATTRIBUTE = "plumbline.session";

    private final UserStore users;
    private final Clock clock;

    public Authenticator(UserStore users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    public Principal authenticate(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw ApiException.unauthenticated();
            }
            return users.byToken(authorization.substring(7).trim()).orElseThrow(ApiException::unauthenticated);
        }
        Optional<UserStore.Session> session = session(ctx);
        if (session.isEmpty()) {
            return Principal.ANONYMOUS;
        }
        if (changesState(ctx.method())) {
            checkCsrf(ctx, session.get());
        }
        return session.get().principal();
    }

    /** The session behind the request's cookie, if it is valid; remembered on the context. */
    public Optional<UserStore.Session> session(Context ctx) {
        Object cached = ctx.attribute(SESSION_ATTRIBUTE);
        if (cached instanceof UserStore.Session s) {
            return Optional.of(s);
        }
        String cookie = ctx.cookie(SESSION_COOKIE);
        if (cookie == null || cookie.isEmpty()) {
            return Optional.empty();
        }
        Optional<UserStore.Session> session = users.session(cookie, clock.instant());
        session.ifPresent(s -> ctx.attribute(SESSION_ATTRIBUTE, s));
        return session;
    }

    static boolean changesState(HandlerType method) {
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }

    /**
     * Refuses a request whose browser says it comes from another origin. Used on every cookie request that
     * changes state and on sign-in, which has no session yet and so no CSRF token (login CSRF: a page
     * signing the victim into the attacker's account). "Origin: null" is an opaque origin — a sandboxed
     * frame, a data: URL, a page with no-referrer — and never this server's own pages, which are served
     * with "Referrer-Policy: same-origin" and so always send their origin on a POST.
     */
    public static void refuseCrossOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && !sameOrigin(origin, ctx)) {
            throw ApiException.forbidden("cross-origin request refused (Origin " + origin + ")");
        }
    }

    private static void checkCsrf(Context ctx, UserStore.Session session) {
        refuseCrossOrigin(ctx);
        String token = ctx.header(CSRF_HEADER);
        if (token == null && isForm(ctx)) {
            token = ctx.formParam(CSRF_FIELD);
        }
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.forbidden("missing or wrong CSRF token (send the " + CSRF_HEADER + " header)");
        }
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
    }

    private static boolean sameOrigin(String origin, Context ctx) {
        try {
            URI uri = URI.create(origin);
            String host = ctx.header("Host");
            String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The session cookie: HttpOnly (no script can read it), SameSite=Strict (never sent on cross-site
     * requests) and Secure (only over HTTPS; browsers treat http://localhost and 127.0.0.1 as secure, so
     * the local demo still works).
     */
    public static Cookie sessionCookie(String value, int maxAgeSeconds) {
        Cookie cookie = new Cookie(SESSION_COOKIE, value, "/", maxAgeSeconds, true, 0, true);
        cookie.setSameSite(SameSite.STRICT);
        return cookie;
    }
}
