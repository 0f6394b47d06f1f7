package org.plumbline.server.ops;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Counts and times every HTTP request as {@code http_server_requests_seconds{method, route, status}}.
 * {@code route} is the route template that matched ({@code /api/cases/{id}}), never the path itself: the
 * path is chosen by the client, so labelling by it would let anyone create a new time series per request
 * and exhaust the server's memory and the scraper's. A request no route matched is {@code unmatched}
 * (or {@code static} for a file served from the class path); the method is Javalin's enum and the status a
 * number, so every label has a small, fixed set of values.
 */
final class HttpMetrics {
    static final String NAME = "http.server.requests";

    private final MeterRegistry registry;

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Javalin's request logger: called once per request, after the response is written. */
    void record(Context ctx, Float executionTimeMs) {
        int status = ctx.status().getCode();
        Timer.builder(NAME)
                .description("HTTP requests by method, route template and status")
                .tag("method", ctx.method().name())
                .tag("route", route(ctx, status))
                .tag("status", Integer.toString(status))
                .register(registry)
                .record((long) (executionTimeMs * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    private static String route(Context ctx, int status) {
        String template;
        try {
            template = ctx.endpointHandlerPath();
        } catch (RuntimeException e) {
            template = null;
        }
        if (template == null || template.isEmpty() || template.equals("*")) {
            boolean staticFile = status < 400 && (ctx.path().startsWith("/public/") || ctx.path().startsWith("/webjars/"));
            return staticFile ? "static" : "unmatched";
        }
        return template;
    }
}
