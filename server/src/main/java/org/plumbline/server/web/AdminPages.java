package org.plumbline.server.web;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.plumbline.server.api.AdminApi;
import org.plumbline.server.http.ApiException;
import org.plumbline.server.api.RequestBody;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.auth.Role;
import org.plumbline.server.auth.UserStore;

/** The admin's page: users and their roles, new users, bearer tokens for machine clients, disabling. */
public final class AdminPages {
    private final Web web;
    private final UserStore users;
    private final AdminApi admin;

    public AdminPages(Web web, UserStore users, AdminApi admin) {
        this.web = web;
        this.users = users;
        this.admin = admin;
    }

    public void register() {
        web.page("/admin", Permission.USER_ADMIN, (ctx, p) -> render(ctx, p, Form.EMPTY, null, null, null, Map.of()));
        web.action("/admin/users", Permission.USER_ADMIN, this::create);
        web.action("/admin/users/{username}/tokens", Permission.USER_ADMIN, (ctx, p) -> {
            UserStore.User u = admin.user(ctx);
            // The token is shown once, in this response; it is never put in a URL or stored in the clear.
            render(ctx, p, Form.EMPTY, u.username(), admin.issueToken(u, "issued in the admin page"), null, Map.of());
        });
        // Disabling ends a person's work at once: the button leads to a page that says so and asks again.
        web.page("/admin/users/{username}/disable", Permission.USER_ADMIN, (ctx, p) -> {
            UserStore.User u = admin.user(ctx);
            Map<String, Object> m = new HashMap<>();
            m.put("u", u);
            web.render(ctx, p, "admin-disable.jte", "Disable " + u.username(), m);
        });
        web.action("/admin/users/{username}/enable", Permission.USER_ADMIN, (ctx, p) -> {
            UserStore.User u = admin.user(ctx);
            users.setDisabled(u.id(), false);
            Web.done(ctx, "/admin", "Enabled " + u.username() + " again (tokens revoked when it was disabled stay revoked)");
        });
        web.action("/admin/users/{username}/role", Permission.USER_ADMIN, (ctx, p) -> {
            UserStore.User u = admin.user(ctx);
            try {
                UserStore.User changed = admin.changeRole(u, RequestBody.of(ctx), p);
                Web.done(ctx, "/admin", u.username() + " is now " + changed.role().id());
            } catch (ApiException e) {
                if (e.status() != 400) throw e;
                ctx.status(400);
                render(ctx, p, Form.EMPTY, null, null, u.username(), e.fields());
            }
        });
        web.action("/admin/users/{username}/password", Permission.USER_ADMIN, (ctx, p) -> {
            UserStore.User u = admin.user(ctx);
            try {
                admin.resetPassword(u, RequestBody.of(ctx));
                Web.done(ctx, "/admin", "New password set for " + u.username() + "; their sessions ended");
            } catch (ApiException e) {
                if (e.status() != 400) throw e;
                ctx.status(400);
                render(ctx, p, Form.EMPTY, null, null, u.username(), e.fields());
            }
        });
        web.action("/admin/users/{username}/second-factor-reset", Permission.USER_ADMIN, (ctx, p) -> {
            UserStore.User u = admin.user(ctx);
            admin.resetSecondFactor(u);
            Web.done(ctx, "/admin", "Second factor of " + u.username() + " removed; their sessions ended. They set up a new one "
                    + "on their account page after signing in with their password.");
        });
        web.action("/admin/users/{username}/disable", Permission.USER_ADMIN, (ctx, p) -> {
            UserStore.User u = admin.user(ctx);
            if (u.id() == p.userId()) {
                throw ApiException.badRequest("username", "you cannot disable your own account");
            }
            users.setDisabled(u.id(), true);
            Web.done(ctx, "/admin", "Disabled " + u.username() + ": sessions ended, tokens revoked");
        });
    }

    private void create(Context ctx, Principal p) {
        try {
            UserStore.User u = admin.create(RequestBody.of(ctx));
            Web.done(ctx, "/admin", "Created " + u.username() + " (" + u.role().id() + ")");
        } catch (ApiException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            Map<String, String> errors = e.status() == 409 ? Map.of("username", e.getMessage()) : e.fields();
            ctx.status(e.status());
            render(ctx, p, new Form(Web.values(ctx), errors), null, null, null, Map.of());
        }
    }

    /**
     * @param rowFor    the account whose row's forms were just refused, or null
     * @param rowErrors what was wrong with them, by field
     */
    private void render(Context ctx, Principal p, Form form, String tokenFor, String token, String rowFor,
                        Map<String, String> rowErrors) {
        Map<String, Object> m = new HashMap<>();
        m.put("rowFor", rowFor);
        m.put("rowErrors", rowErrors);
        m.put("personRoles", Arrays.stream(Role.values()).filter(r -> r != Role.PUBLIC && !r.machine()).map(Role::id).toList());
        m.put("users", users.all());
        m.put("roles", Arrays.stream(Role.values()).filter(r -> r != Role.PUBLIC).map(Role::id).toList());
        m.put("form", form);
        m.put("tokenFor", tokenFor);
        m.put("token", token);
        web.render(ctx, p, "admin.jte", "Users", m);
    }
}
