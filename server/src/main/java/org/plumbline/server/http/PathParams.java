package org.plumbline.server.http;

import io.javalin.http.Context;

/** Reads ids from request paths, one way for every API route and page ({@code /cases/{id}}, {@code /api/records/{index}}). */
public final class PathParams {
    private PathParams() {
    }

    /**
     * The non-negative number in path parameter {@code name}. Anything else answers 404, not 400: a path
     * that is not an id names nothing that exists.
     */
    public static long id(Context ctx, String name) {
        String raw = ctx.pathParam(name);
        try {
            long id = Long.parseLong(raw);
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ApiException.notFound(name + " '" + raw + "'");
        }
    }
}
