package org.plumbline.server.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.plumbline.core.Database;
import org.plumbline.core.domain.ConflictException;
import org.plumbline.core.domain.NotFoundException;
import org.plumbline.core.domain.ValidationException;

/**
 * How a failed request is answered: which {@link ApiException} an exception means, and the JSON body a
 * machine client gets for it. The pages show the same status and message in their error page, so that a
 * browser and an API client hear the same thing about the same failure.
 */
public final class ApiErrors {
    private ApiErrors() {
    }

    /** Seconds a client is asked to wait before trying again after a 503. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /**
     * The HTTP meaning of an exception: the domain's validation, conflict and not-found errors keep theirs;
     * a database that cannot be reached (core's {@link Database#unavailable}: the pool's 2 s wait for a
     * connection ran out, a connection was lost, PostgreSQL is shutting down or starting) is a 503 that asks
     * the client to come back, since nothing is wrong with the request; anything else is a 500 whose message
     * says nothing about the cause (that goes to the server log only).
     */
    public static ApiException translate(Exception e) {
        if (tooLarge(e)) {
            return new ApiException(413, "too-large", BodyLimit.MESSAGE, Map.of());
        }
        if (!(e instanceof ApiException) && Database.unavailable(e)) {
            return new ApiException(503, "unavailable", "database unavailable; try again shortly", Map.of());
        }
        return switch (e) {
            case ApiException api -> api;
            case ValidationException v -> ApiException.badRequest(v.fieldErrors());
            case ConflictException c -> ApiException.conflict(c.getMessage());
            case NotFoundException n -> ApiException.notFound(n.entity());
            default -> new ApiException(500, "internal", "internal error; see the server log", Map.of());
        };
    }

    /**
     * Whether the body was cut off at the cap: {@link BodyLimit} fails Jetty's read, and what reads (Javalin,
     * Jetty's multipart parser) wraps that in its own exceptions, so the cause chain is searched.
     */
    private static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyLimit.TooLarge
                    || (t instanceof HttpResponseException r && r.getStatus() == 413)) {
                return true;
            }
        }
        return false;
    }

    /** Writes {@code e} as the API's error body: {@code error}, {@code message} and, for a 400, {@code fields}. */
    public static void write(Context ctx, ApiException e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", e.code());
        out.put("message", e.getMessage());
        if (!e.fields().isEmpty()) {
            out.put("fields", e.fields());
        }
        // An error is never cached, even where the handler had set a cacheable answer before it failed.
        ctx.header("Cache-Control", "no-store");
        if (e.status() == 413) {
            // The rest of the body was not read; closing is the only way to stop receiving it.
            ctx.header("Connection", "close");
        }
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"plumbline\"");
        }
        retryAfter(ctx, e);
        ctx.status(e.status()).json(out);
    }

    /**
     * On a 503, says when to try again ({@code Retry-After}); the API and the error pages all send it. A
     * sign-in turned away because every hashing slot was taken ({@code busy}) may retry after a second; a
     * database that went away takes longer.
     */
    public static void retryAfter(Context ctx, ApiException e) {
        if (e.status() == 503) {
            ctx.header("Retry-After", e.code().equals("busy") ? "1" : Integer.toString(RETRY_AFTER_SECONDS));
        } else if (e.status() == 429 && e.fields().containsKey("retryAfter")) {
            ctx.header("Retry-After", e.fields().get("retryAfter"));
        }
    }
}
