package org.plumbline.server.web;

import io.javalin.http.Context;
import java.util.Map;
import org.plumbline.server.http.ApiException;

/** What the searchable lists (cases, findings, engagements, directives) share in reading their filters. */
final class ListFilters {
    private ListFilters() {}

    /** A free-text filter: blank is none; too long or with control characters is an error named by the filter. */
    static String text(Context ctx, String name, int max, Map<String, String> errors) {
        String v = blankToNull(ctx.queryParam(name));
        if (v == null) return null;
        if (v.length() > max) {
            errors.put(name, "at most " + max + " characters");
            return null;
        }
        if (v.codePoints().anyMatch(Character::isISOControl)) {
            errors.put(name, "must not contain control characters");
            return null;
        }
        return v.strip();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** A 400 naming every invalid filter and what it takes, if there is any. */
    static void rejectIfAny(Map<String, String> errors) {
        if (errors.isEmpty()) return;
        // The error page shows the message alone: it names each filter and what it takes.
        StringBuilder message = new StringBuilder("These filters are not valid: ");
        errors.forEach((field, why) -> message.append(field).append(" (").append(why).append("); "));
        throw new ApiException(400, "invalid", message.substring(0, message.length() - 2) + ".", errors);
    }
}
