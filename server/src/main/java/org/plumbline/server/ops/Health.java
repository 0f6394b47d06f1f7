package org.plumbline.server.ops;

import io.javalin.http.Context;

/**
 * {@code GET /healthz}: 200 {@code ok} as long as the process can answer HTTP. It touches nothing else, so
 * that a supervisor restarts the process only when the process itself is stuck, never because PostgreSQL
 * is away (that is {@link Readiness}'s business: restarting the server would not bring the database back).
 */
final class Health {
    private Health() {
    }

    static void handle(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/plain; charset=utf-8").result("ok\n");
    }
}
