package org.plumbline.server.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A request that cannot be served, with the HTTP status that says why. {@code fields} carries one message
 * per offending input field (for 400s), so that a form can show each message next to its field.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> fields;

    public ApiException(int status, String code, String message, Map<String, String> fields) {
        super(message);
        this.status = status;
        this.code = code;
        this.fields = Map.copyOf(fields);
    }

    public static ApiException badRequest(Map<String, String> fields) {
        return new ApiException(400, "invalid", "the request has invalid fields: " + String.join(", ", fields.keySet()),
                new LinkedHashMap<>(fields));
    }

    /** A 400 listing {@code fields} and saying how many more problems were found but not listed. */
    public static ApiException badRequest(Map<String, String> fields, int unlisted) {
        if (unlisted == 0) {
            return badRequest(fields);
        }
        return new ApiException(400, "invalid", "the request has invalid fields: " + String.join(", ", fields.keySet())
                + String.format(Locale.ROOT, " and %,d more", unlisted), new LinkedHashMap<>(fields));
    }

    public static ApiException badRequest(String field, String message) {
        return badRequest(Map.of(field, message));
    }

    public static ApiException unauthenticated() {
        return new ApiException(401, "unauthenticated", "sign in or present a bearer token", Map.of());
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, Map.of());
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not-found", what + " not found", Map.of());
    }

    /** 503: the server cannot take this request now (a client should retry after a moment). */
    public static ApiException unavailable(String code, String message) {
        return new ApiException(503, code, message, Map.of());
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message, Map.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> fields() {
        return fields;
    }
}
