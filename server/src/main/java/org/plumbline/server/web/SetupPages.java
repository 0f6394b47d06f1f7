package org.plumbline.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.plumbline.server.auth.Authenticator;
import org.plumbline.server.auth.FirstAdministrator;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.http.ApiException;

/**
 * {@code /setup}: the page on which an installation without users gets its first administrator, with
 * the one-time setup token. It exists only while setup is open; afterwards it is a 404 like any other
 * page that is not there.
 */
public final class SetupPages {
    private final Javalin app;
    private final FirstAdministrator first;

    public SetupPages(Javalin app, FirstAdministrator first) {
        this.app = app;
        this.first = first;
    }

    public void register() {
        app.get("/setup", ctx -> {
            requireOpen();
            render(ctx, Form.EMPTY);
        });
        app.post("/setup", this::create);
    }

    private void create(Context ctx) {
        Authenticator.refuseCrossOrigin(ctx);
        requireOpen();
        try {
            first.create(ctx.formParam("token"), ctx.formParam("username"), ctx.formParam("displayName"),
                    ctx.formParam("password"));
        } catch (ApiException e) {
            Map<String, String> errors = new HashMap<>(e.fields());
            if (errors.isEmpty()) {
                errors.put("form", e.getMessage());
            }
            Map<String, String> values = Web.values(ctx);
            values.remove("token");
            ctx.status(e.status());
            render(ctx, new Form(values, errors));
            return;
        }
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private void requireOpen() {
        if (!first.isOpen()) {
            throw ApiException.notFound("page /setup");
        }
    }

    private static void render(Context ctx, Form form) {
        Map<String, Object> params = new HashMap<>();
        params.put("page", new WebPage("Set up", Principal.ANONYMOUS, "", List.of(), null, true));
        params.put("form", form);
        ctx.contentType("text/html; charset=utf-8").result(Templates.render("setup.jte", params));
    }
}
