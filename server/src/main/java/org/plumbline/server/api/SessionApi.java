package org.plumbline.server.api;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plumbline.server.auth.Authenticator;
import org.plumbline.server.auth.Login;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.auth.UserStore;

/** Signing in and out, and who am I. */
public final class SessionApi {
    private final UserStore users;
    private final Login login;
    private final Clock clock;

    public SessionApi(UserStore users, Login login, Clock clock) {
        this.users = users;
        this.login = login;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(
                Route.post("/api/session", Permission.PUBLIC_READ, "session",
                        "Sign in with username, password and (if enrolled) a TOTP code; sets the session cookie and "
                                + "returns the CSRF token to send with state-changing requests",
                        """
                        {"type":"object","required":["username","password"],"properties":{
                          "username":{"type":"string"},"password":{"type":"string"},"totp":{"type":"string"}}}""",
                        this::signIn),
                Route.get("/api/session", Permission.OWN_SESSION, "session", "Who the caller is", this::me),
                Route.delete("/api/session", Permission.OWN_SESSION, "session", "Sign out", this::signOut));
    }

    private void signIn(Context ctx, Principal ignored) {
        Authenticator.refuseCrossOrigin(ctx); // no session yet, so no CSRF token: the origin is the check
        RequestBody body = RequestBody.of(ctx).allowOnly(Set.of("username", "password", "totp"));
        String username = body.required("username");
        String password = body.string("password", true, 1000);
        String totp = body.optional("totp");
        body.done();
        UserStore.User user = login.attempt(username, password, totp);
        UserStore.NewSession session = users.openSession(user.id(), clock.instant());
        ctx.cookie(Authenticator.sessionCookie(session.cookieValue(), (int) UserStore.SESSION_LIFETIME.toSeconds()));
        Map<String, Object> out = describe(user.principal());
        out.put("csrfToken", session.csrfToken());
        ctx.json(out);
    }

    private void me(Context ctx, Principal p) {
        ctx.json(describe(p));
    }

    private void signOut(Context ctx, Principal p) {
        String cookie = ctx.cookie(Authenticator.SESSION_COOKIE);
        if (cookie != null) {
            users.closeSession(cookie);
        }
        ctx.cookie(Authenticator.sessionCookie("", 0));
        ctx.status(204);
    }

    static Map<String, Object> describe(Principal p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", p.username());
        out.put("displayName", p.displayName());
        out.put("role", p.role().id());
        return out;
    }
}
