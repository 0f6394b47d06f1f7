package org.plumbline.server.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.plumbline.server.http.ApiException;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.auth.Secrets;
import org.plumbline.server.auth.Totp;
import org.plumbline.server.auth.UserStore;

/**
 * A person's own account page, where they turn on a second factor themselves: the server makes a secret,
 * shows it once, and switches TOTP on only after the person proves their app produces the right code.
 */
public final class AccountPages {
    private final Web web;
    private final UserStore users;
    private final Clock clock;

    public AccountPages(Web web, UserStore users, Clock clock) {
        this.web = web;
        this.users = users;
        this.clock = clock;
    }

    public void register() {
        web.page("/account", Permission.OWN_SESSION, (ctx, p) -> render(ctx, p, null, Form.EMPTY));
        web.action("/account/totp/new", Permission.OWN_SESSION,
                (ctx, p) -> render(ctx, p, Totp.newSecret(Secrets.random()), Form.EMPTY));
        web.action("/account/totp", Permission.OWN_SESSION, this::confirm);
    }

    private void render(Context ctx, Principal p, String secret, Form form) {
        UserStore.User user = users.byId(p.userId()).orElseThrow(() -> ApiException.notFound("user"));
        Map<String, Object> m = new HashMap<>();
        m.put("totpOn", user.totpSecret() != null);
        m.put("secret", user.totpSecret() != null ? null : secret);
        m.put("uri", secret == null ? "" : Totp.provisioningUri("Plumbline", p.username(), secret));
        m.put("form", form);
        web.render(ctx, p, "account.jte", "Your account", m);
    }

    private void confirm(Context ctx, Principal p) {
        String secret = ctx.formParam("secret");
        String code = ctx.formParam("code");
        if (secret == null || !secret.matches("[A-Z2-7]{32}")) {
            throw ApiException.badRequest("secret", "start the set-up again");
        }
        if (!Totp.verify(secret, code == null ? "" : code.strip(), clock.instant())) {
            ctx.status(400);
            render(ctx, p, secret, new Form(Map.of("code", code == null ? "" : code),
                    Map.of("code", "that is not the code your app shows now; check the secret and the device's clock")));
            return;
        }
        users.setTotpSecret(p.userId(), secret);
        Web.done(ctx, "/account", "Second factor on: from now on, signing in asks for a code from your app");
    }
}
