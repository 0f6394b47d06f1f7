package org.plumbline.server.web;

import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.http.ApiException;
import org.plumbline.server.http.PathParams;
import org.plumbline.server.notify.NoticeKind;
import org.plumbline.server.notify.Preferences;
import org.plumbline.server.notify.Webhooks;

/**
 * Notifications in the web UI: each person's own choices ({@code /account/notifications}: their address and,
 * per kind of notice, whether they get it by e-mail), and the administrators' webhooks ({@code /admin/webhooks}:
 * register a URL for some kinds, see its secret once, remove it).
 */
public final class NotificationPages {
    /** Bounds the form: one value per kind, and no more kinds than exist. */
    private static final int MAX_KINDS = NoticeKind.values().length;

    private final Web web;
    private final Preferences preferences;
    private final Webhooks webhooks;
    private final boolean emailOn;

    public NotificationPages(Web web, Preferences preferences, Webhooks webhooks, boolean emailOn) {
        this.web = web;
        this.preferences = preferences;
        this.webhooks = webhooks;
        this.emailOn = emailOn;
    }

    public void register() {
        web.page("/account/notifications", Permission.OWN_SESSION, (ctx, p) -> preferencesPage(ctx, p, null));
        web.action("/account/notifications", Permission.OWN_SESSION, this::save);
        web.page("/admin/webhooks", Permission.USER_ADMIN, (ctx, p) -> webhooksPage(ctx, p, Form.EMPTY, null));
        web.action("/admin/webhooks", Permission.USER_ADMIN, this::registerWebhook);
        web.action("/admin/webhooks/{id}/remove", Permission.USER_ADMIN, this::removeWebhook);
    }

    private void preferencesPage(Context ctx, Principal p, Form form) {
        Preferences.Choices choices = preferences.of(p.userId());
        Map<String, Object> m = new HashMap<>();
        m.put("kinds", List.of(NoticeKind.values()));
        m.put("choices", choices);
        m.put("form", form != null ? form : new Form(Map.of("email", choices.email().orElse("")), Map.of()));
        m.put("emailOn", emailOn);
        web.render(ctx, p, "notifications.jte", "Notifications", m);
    }

    private void save(Context ctx, Principal p) {
        List<String> given = ctx.formParams("kinds");
        if (given.size() > MAX_KINDS) {
            throw ApiException.badRequest("kinds", "too many values");
        }
        Set<NoticeKind> wanted = EnumSet.noneOf(NoticeKind.class);
        for (String id : given) {
            wanted.add(NoticeKind.byId(id).orElseThrow(() -> ApiException.badRequest("kinds", "no such kind of notice")));
        }
        String email = ctx.formParam("email");
        try {
            preferences.save(p.userId(), email, wanted);
        } catch (ApiException e) {
            ctx.status(e.status());
            preferencesPage(ctx, p, new Form(Map.of("email", email == null ? "" : email), e.fields()));
            return;
        }
        Web.done(ctx, "/account/notifications", "Saved: you get what is ticked");
    }

    private void webhooksPage(Context ctx, Principal p, Form form, Webhooks.Registered registered) {
        Map<String, Object> m = new HashMap<>();
        m.put("kinds", List.of(NoticeKind.values()));
        m.put("webhooks", webhooks.active());
        m.put("form", form);
        m.put("registered", registered);
        web.render(ctx, p, "webhooks.jte", "Webhooks", m);
    }

    private void registerWebhook(Context ctx, Principal p) {
        List<String> kinds = ctx.formParams("kinds");
        String url = ctx.formParam("url");
        if (kinds.size() > MAX_KINDS) {
            throw ApiException.badRequest("kinds", "too many values");
        }
        Webhooks.Registered registered;
        try {
            registered = webhooks.register(url, new LinkedHashSet<>(kinds), p.actor());
        } catch (ApiException e) {
            ctx.status(e.status());
            webhooksPage(ctx, p, new Form(Map.of("url", url == null ? "" : url, "kinds", String.join(",", kinds)), e.fields()), null);
            return;
        }
        // Shown now, once: not a redirect, so that the secret is in this answer only and in no URL or later page.
        webhooksPage(ctx, p, Form.EMPTY, registered);
    }

    private void removeWebhook(Context ctx, Principal p) {
        webhooks.remove(PathParams.id(ctx, "id"));
        Web.done(ctx, "/admin/webhooks", "Webhook removed: nothing more is sent to it");
    }
}
