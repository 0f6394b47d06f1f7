package org.plumbline.server.web;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import org.plumbline.server.http.ApiException;
import org.plumbline.server.auth.PasswordChange;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.auth.Totp;
import org.plumbline.server.auth.TotpEnrolment;
import org.plumbline.server.auth.UserStore;

/**
 * A person's own account page, where they turn on (or move) a second factor themselves: after their
 * password, and the current code if a factor is on, the server makes a secret, shows it, and switches it
 * on only after the person proves their app produces the right code. The secret never comes from the
 * form (see {@link TotpEnrolment}). They also change their password here ({@link PasswordChange}): the
 * other sessions end, and this one is replaced by a new one.
 */
public final class AccountPages {
    private final Web web;
    private final UserStore users;
    private final TotpEnrolment enrolment;
    private final PasswordChange passwords;

    public AccountPages(Web web, UserStore users, TotpEnrolment enrolment, PasswordChange passwords) {
        this.web = web;
        this.users = users;
        this.enrolment = enrolment;
        this.passwords = passwords;
    }

    public void register() {
        web.page("/account", Permission.OWN_SESSION, (ctx, p) -> render(ctx, p, null, Form.EMPTY));
        web.action("/account/totp/new", Permission.OWN_SESSION, this::start);
        web.action("/account/totp", Permission.OWN_SESSION, this::confirm);
        web.action("/account/password", Permission.OWN_SESSION, this::changePassword);
    }

    private void changePassword(Context ctx, Principal p) {
        UserStore.User user;
        try {
            user = passwords.change(p, ctx.formParam("current-password"), ctx.formParam("password-code"),
                    ctx.formParam("new-password"), ctx.formParam("repeat-password"));
        } catch (ApiException e) {
            ctx.status(e.status());
            // The sign-in names its own fields (username, password, totp): here they are this form's.
            Map<String, String> errors = new HashMap<>();
            e.fields().forEach((field, message) -> errors.put(switch (field) {
                case "totp" -> "password-code";
                case "new-password", "repeat-password" -> field;
                default -> "current-password";
            }, message));
            if (errors.isEmpty()) {
                errors.put("current-password", e.getMessage());
            }
            render(ctx, p, null, new Form(Map.of(), errors));
            return;
        }
        web.startSession(ctx, user);
        Web.done(ctx, "/account", "Password changed: every other session of yours has ended");
    }

    private void render(Context ctx, Principal p, String secret, Form form) {
        UserStore.User user = users.byId(p.userId()).orElseThrow(() -> ApiException.notFound("user"));
        Map<String, Object> m = new HashMap<>();
        m.put("totpOn", user.totpSecret() != null);
        // People who sign in only through single sign-on have no Plumbline password to change.
        m.put("hasPassword", user.passwordHash() != null);
        m.put("secret", secret);
        String uri = secret == null ? "" : Totp.provisioningUri("Plumbline", p.username(), secret);
        m.put("uri", uri);
        String qr = secret == null ? "" : QrCode.svg(uri, "QR code of the authenticator link");
        m.put("qr", new gg.jte.Content() {
            @Override
            public void writeTo(gg.jte.TemplateOutput output) {
                output.writeContent(qr); // SVG made here from the encoder's modules; the link in it is escaped
            }
        });
        m.put("form", form);
        web.render(ctx, p, "account.jte", "Your account", m);
    }

    private void start(Context ctx, Principal p) {
        String secret;
        try {
            secret = enrolment.start(p, ctx.formParam("password"), ctx.formParam("current"));
        } catch (ApiException e) {
            ctx.status(e.status());
            Map<String, String> errors = new HashMap<>(e.fields());
            if (errors.isEmpty()) {
                errors.put("password", e.getMessage());
            }
            render(ctx, p, null, new Form(Map.of(), errors));
            return;
        }
        render(ctx, p, secret, Form.EMPTY);
    }

    private void confirm(Context ctx, Principal p) {
        String code = ctx.formParam("code");
        if (enrolment.confirm(p, code)) {
            Web.done(ctx, "/account", "Second factor on: from now on, signing in asks for a code from your app");
            return;
        }
        String pending = enrolment.pending(p).orElse(null);
        ctx.status(400);
        render(ctx, p, pending, new Form(Map.of("code", code == null ? "" : code), Map.of("code", pending == null
                ? "start the set-up again"
                : "that is not the code your app shows now; check the secret and the device's clock")));
    }
}
