package org.plumbline.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plumbline.server.http.ApiErrors;
import org.plumbline.server.http.ApiException;
import org.plumbline.server.auth.AccessPolicy;
import org.plumbline.server.auth.Authenticator;
import org.plumbline.server.auth.Login;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.auth.Role;
import org.plumbline.server.auth.UserStore;

/**
 * The server-rendered web UI's plumbing: who is signed in, the page frame, sign-in and sign-out, and the
 * error page. Access is decided by the same {@link AccessPolicy} as the API; pages themselves live in
 * the classes that register them through {@link #page} and {@link #action}.
 */
public final class Web {
    /** A page or form handler, given an authenticated, authorised principal. */
    @FunctionalInterface
    interface Handler {
        void handle(Context ctx, Principal principal) throws Exception;
    }

    private final Javalin app;
    private final Authenticator authenticator;
    private final UserStore users;
    private final Login login;
    private final Clock clock;
    private final boolean singleSignOn;

    public Web(Javalin app, Authenticator authenticator, UserStore users, Login login, Clock clock) {
        this(app, authenticator, users, login, clock, false);
    }

    /** @param singleSignOn whether the sign-in page offers single sign-on ({@link SingleSignOnPages} serves it) */
    public Web(Javalin app, Authenticator authenticator, UserStore users, Login login, Clock clock, boolean singleSignOn) {
        this.singleSignOn = singleSignOn;
        this.app = app;
        this.authenticator = authenticator;
        this.users = users;
        this.login = login;
        this.clock = clock;
        app.get("/login", ctx -> renderLogin(ctx, Form.EMPTY));
        app.post("/login", this::signIn);
        app.post("/logout", this::signOut);
    }

    /** Registers a GET page that needs {@code permission}; anonymous visitors are sent to sign in. */
    void page(String path, Permission permission, Handler handler) {
        app.addHttpHandler(HandlerType.GET, path, ctx -> guarded(ctx, permission, handler));
    }

    /** Registers a form POST that needs {@code permission} (and the session's CSRF token). */
    void action(String path, Permission permission, Handler handler) {
        app.addHttpHandler(HandlerType.POST, path, ctx -> guarded(ctx, permission, handler));
    }

    private void guarded(Context ctx, Permission permission, Handler handler) throws Exception {
        Principal principal = authenticator.authenticate(ctx);
        if (!principal.authenticated() && !AccessPolicy.allows(Role.PUBLIC, permission)) {
            String next = URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8);
            ctx.redirect("/login?next=" + next);
            return;
        }
        AccessPolicy.authorize(permission, principal);
        handler.handle(ctx, principal);
    }

    /** Renders {@code template} inside the page frame. */
    void render(Context ctx, Principal principal, String template, String title, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("page", frame(ctx, principal, title));
        ctx.contentType("text/html; charset=utf-8");
        ctx.header("Cache-Control", "no-store");
        ctx.result(Templates.render(template, all));
    }

    WebPage frame(Context ctx, Principal principal, String title) {
        String csrf = authenticator.session(ctx).map(UserStore.Session::csrfToken).orElse("");
        String flash = ctx.queryParam("done");
        String path = ctx.path();
        List<WebPage.NavItem> nav = new ArrayList<>();
        if (principal != null && principal.authenticated()) {
            nav.add(new WebPage.NavItem("Dashboard", "/", path.equals("/")));
            if (AccessPolicy.allows(principal.role(), Permission.ENGAGEMENT_READ)) {
                nav.add(new WebPage.NavItem("Engagements", "/engagements", path.startsWith("/engagements")));
            }
            if (AccessPolicy.allows(principal.role(), Permission.CASE_READ)) {
                nav.add(new WebPage.NavItem("Cases", "/cases", path.startsWith("/cases")));
                nav.add(new WebPage.NavItem("Findings", "/findings", path.startsWith("/findings")));
            }
            if (AccessPolicy.allows(principal.role(), Permission.DIRECTIVE_READ)) {
                nav.add(new WebPage.NavItem("Directives", "/directives", path.startsWith("/directives")));
            }
            if (AccessPolicy.allows(principal.role(), Permission.INTAKE_HANDLE)) {
                nav.add(new WebPage.NavItem("Reports", "/intake", path.startsWith("/intake")));
            }
            nav.add(new WebPage.NavItem("Log", "/transparency", path.startsWith("/transparency")));
            if (AccessPolicy.allows(principal.role(), Permission.READS_AUDIT)) {
                nav.add(new WebPage.NavItem("Reads", "/audit/reads", path.startsWith("/audit")));
            }
            if (AccessPolicy.allows(principal.role(), Permission.USER_ADMIN)) {
                nav.add(new WebPage.NavItem("Users", "/admin", path.startsWith("/admin")));
            }
        }
        // Signed-in people see colleagues by name; the public (and machines) see records' opaque ids.
        People people = principal != null && principal.authenticated() && !principal.role().machine()
                ? People.of(users.all()) : People.NONE;
        return new WebPage(title, principal, csrf, nav, flash, true, people);
    }

    /** Redirects after a successful form post (POST/redirect/GET), with a message for the next page. */
    static void done(Context ctx, String location, String message) {
        ctx.redirect(withDone(location, message), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /**
     * {@code location} with the message added to its query. A fragment stays last: a query written after
     * {@code #} is part of the fragment, which the browser never sends, so the message would be lost.
     */
    static String withDone(String location, String message) {
        int hash = location.indexOf('#');
        String path = hash < 0 ? location : location.substring(0, hash);
        String fragment = hash < 0 ? "" : location.substring(hash);
        String sep = path.contains("?") ? "&" : "?";
        return path + sep + "done=" + URLEncoder.encode(message, StandardCharsets.UTF_8) + fragment;
    }

    /** The submitted form values, for re-showing a form after a validation error. */
    static Map<String, String> values(Context ctx) {
        Map<String, String> out = new LinkedHashMap<>();
        ctx.formParamMap().forEach((k, v) -> {
            if (!k.equals(Authenticator.CSRF_FIELD) && !k.equals("password")) {
                out.put(k, String.join(",", v));
            }
        });
        return out;
    }

    public void renderError(Context ctx, int status, String message) {
        Principal principal;
        try {
            // A 503 means the database is away: looking the session up would wait for it a second time.
            principal = status == 503 ? Principal.ANONYMOUS
                    : authenticator.session(ctx).map(UserStore.Session::principal).orElse(Principal.ANONYMOUS);
        } catch (RuntimeException e) {
            principal = Principal.ANONYMOUS;
        }
        Map<String, Object> params = new HashMap<>();
        params.put("page", frame(ctx, principal, "Error"));
        params.put("status", status);
        params.put("message", message);
        ctx.status(status).contentType("text/html; charset=utf-8").result(Templates.render("error.jte", params));
    }

    /** The session cookie for a person just signed in. */
    void startSession(Context ctx, UserStore.User user) {
        UserStore.NewSession session = users.openSession(user.id(), clock.instant());
        ctx.cookie(Authenticator.sessionCookie(session.cookieValue(), (int) UserStore.SESSION_LIFETIME.toSeconds()));
    }

    private void renderLogin(Context ctx, Form form) {
        Map<String, Object> params = new HashMap<>();
        params.put("page", new WebPage("Sign in", Principal.ANONYMOUS, "", List.of(), null, true));
        params.put("form", form);
        params.put("next", safeNext(ctx).orElse(""));
        params.put("passwords", login.passwords());
        params.put("singleSignOn", singleSignOn);
        ctx.contentType("text/html; charset=utf-8").result(Templates.render("login.jte", params));
    }

    private void signIn(Context ctx) {
        Authenticator.refuseCrossOrigin(ctx); // before the password is looked at: no login CSRF
        try {
            UserStore.User user = login.attempt(ctx.formParam("username"), ctx.formParam("password"), ctx.formParam("totp"));
            startSession(ctx, user);
            ctx.redirect(safeNext(ctx).orElse("/"), io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (ApiException e) {
            Map<String, String> errors = new HashMap<>(e.fields());
            if (errors.isEmpty()) {
                errors.put("form", e.getMessage());
            }
            ctx.status(e.status());
            ApiErrors.retryAfter(ctx, e);
            renderLogin(ctx, new Form(values(ctx), errors));
        }
    }

    /** Where to go after signing in: only a path on this server (never another site: no open redirect). */
    static Optional<String> safeNext(Context ctx) {
        return Optional.ofNullable(ctx.queryParam("next")).filter(Web::isLocalPath);
    }

    /**
     * A path on this server that no browser can read as another site. The value is already decoded, and
     * browsers drop tabs and newlines from a URL and read a backslash as '/', so "/\t/host" or "/\\host"
     * would become "//host": hence one leading '/', no "//" anywhere, no backslash, and no control or
     * space character at all.
     */
    private static boolean isLocalPath(String next) {
        if (!next.startsWith("/") || next.contains("//") || next.contains("\\") || next.startsWith("/login")) {
            return false;
        }
        return next.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c)
                || Character.isSpaceChar(c));
    }

    private void signOut(Context ctx) {
        Principal principal = authenticator.authenticate(ctx); // checks the CSRF token
        if (principal.authenticated()) {
            users.closeSession(ctx.cookie(Authenticator.SESSION_COOKIE));
        }
        ctx.cookie(Authenticator.sessionCookie("", 0));
        ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
    }
}
