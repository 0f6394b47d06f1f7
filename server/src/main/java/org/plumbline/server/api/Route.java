package org.plumbline.server.api;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;

/**
 * One API endpoint: method, path (Javalin/OpenAPI style, {@code {id}} for parameters), the permission it
 * needs, and what it does. The list of routes is the single source for the router, the OpenAPI document
 * and the role matrix test.
 *
 * @param requestSchema JSON Schema of the request body (as JSON text), or null if the route takes none
 */
public record Route(HandlerType method, String path, Permission permission, String tag, String summary,
             String requestSchema, Handler handler) {

    /** The work of a route, given an already authenticated and authorised principal. */
    @FunctionalInterface
    public interface Handler {
        void handle(Context ctx, Principal principal) throws Exception;
    }

    /**
     * Whether the route authenticates its caller itself and must never look at a session cookie or bearer
     * token of the server's users: the intake's anonymous routes (a reporter's browser may carry a staff
     * session; it must neither identify them nor be refused for a missing CSRF token).
     */
    public boolean ownAuthentication() {
        return permission == Permission.INTAKE_SUBMIT || permission == Permission.INTAKE_REPORTER;
    }

    public static Route get(String path, Permission p, String tag, String summary, Handler h) {
        return new Route(HandlerType.GET, path, p, tag, summary, null, h);
    }

    public static Route post(String path, Permission p, String tag, String summary, String schema, Handler h) {
        return new Route(HandlerType.POST, path, p, tag, summary, schema, h);
    }

    static Route delete(String path, Permission p, String tag, String summary, Handler h) {
        return new Route(HandlerType.DELETE, path, p, tag, summary, null, h);
    }
}
