package org.plumbline.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import org.plumbline.server.auth.oidc.OidcFlow;
import org.plumbline.server.auth.oidc.SignInRefused;
import org.plumbline.server.http.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser's side of single sign-on: {@code GET /login/oidc} starts a sign-in (the sign-in cookie, then
 * off to the provider) and {@code GET /login/oidc/callback} finishes it. Both are open to anyone, like the
 * sign-in form: they are how one stops being anonymous.
 *
 * <p>A finished sign-in answers with a page that moves on to the destination by itself rather than with a
 * redirect: the callback arrives as a cross-site navigation from the provider, and a browser does not send
 * a SameSite=Strict cookie (the session's) on the rest of a redirect chain that started cross-site, so a
 * redirect would land on the sign-in page again. The page's own navigation is same-site, so the session
 * cookie goes with it.
 */
public final class SingleSignOnPages {
    private static final Logger LOG = LoggerFactory.getLogger(SingleSignOnPages.class);

    private final Web web;
    private final OidcFlow flow;

    public SingleSignOnPages(Web web, OidcFlow flow) {
        this.web = web;
        this.flow = flow;
    }

    public void register(Javalin app) {
        app.get("/login/oidc", this::begin);
        app.get(OidcFlow.CALLBACK_PATH, this::callback);
    }

    private void begin(Context ctx) {
        OidcFlow.Start start = flow.begin(Web.safeNext(ctx).orElse("/"));
        ctx.cookie(OidcFlow.cookie(start.browserKey(), OidcFlow.cookieLifetimeSeconds()));
        ctx.header("Cache-Control", "no-store");
        ctx.redirect(start.authorizationUrl().toString(), HttpStatus.SEE_OTHER);
    }

    private void callback(Context ctx) {
        String browserKey = ctx.cookie(OidcFlow.COOKIE);
        ctx.cookie(OidcFlow.cookie("", 0)); // used up, whatever happens next
        ctx.header("Cache-Control", "no-store");
        Map<String, String> params = new HashMap<>();
        for (String name : new String[] {"state", "code", "error"}) {
            String value = ctx.queryParam(name);
            if (value != null) {
                params.put(name, value);
            }
        }
        OidcFlow.SignedIn signedIn;
        try {
            signedIn = flow.finish(browserKey, params);
        } catch (SignInRefused e) {
            LOG.info("single sign-on refused: {}", LogSafe.escape(e.detail()));
            web.renderError(ctx, e.status(), e.getMessage());
            return;
        }
        web.startSession(ctx, signedIn.user());
        Map<String, Object> m = new HashMap<>();
        m.put("next", signedIn.next());
        m.put("displayName", signedIn.user().displayName());
        ctx.contentType("text/html; charset=utf-8").result(Templates.render("signed-in.jte", m));
    }
}
