package org.plumbline.server.api;

import org.plumbline.server.http.ApiException;
import org.plumbline.server.http.Json;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plumbline.server.auth.Authenticator;

/**
 * Reads the fields of a request — a JSON object, or an HTML form, the same way — and collects every
 * problem with them, so that a 400 names all offending fields at once rather than the first.
 */
public final class RequestBody {
    /**
     * At most this many unknown fields are listed; the rest are only counted. A body may hold a hundred
     * thousand made-up fields, and listing each made a 10 MB answer. Problems with the endpoint's own
     * fields are always listed (there are only so many), so the made-up ones cannot crowd them out.
     */
    static final int MAX_UNKNOWN_LISTED = 100;

    /** Unknown field names are echoed back cut to this length, for the same reason. */
    private static final int MAX_NAME = 100;

    private final ObjectNode json;
    private final Map<String, String> errors = new LinkedHashMap<>();
    private int listedUnknown;
    private int unlisted;

    private RequestBody(ObjectNode json) {
        this.json = json;
    }

    public static RequestBody of(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            ctx.formParamMap().forEach((k, v) -> {
                if (k.equals(Authenticator.CSRF_FIELD)) {
                    return;
                }
                if (v.size() == 1) {
                    node.put(k, v.get(0));
                } else {
                    v.forEach(node.withArray(k)::add);
                }
            });
            return new RequestBody(node);
        }
        String body = ctx.body();
        if (body.isBlank()) {
            return new RequestBody(JsonNodeFactory.instance.objectNode());
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (!(node instanceof ObjectNode object)) {
                throw ApiException.badRequest("body", "expected a JSON object");
            }
            return new RequestBody(object);
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest("body", overLimit(e));
        } catch (JsonProcessingException e) {
            // A location is usual but not promised (a constraint's exception had none, and a 500 followed).
            JsonLocation at = e.getLocation();
            throw ApiException.badRequest("body", "not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": " + e.getOriginalMessage());
        }
    }

    /**
     * What a JSON limit ({@link Json}) refused, in our words: Jackson's message names its own classes. Jackson
     * has one exception type for every limit, so its message is what tells them apart.
     */
    private static String overLimit(StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.startsWith("Number")) {
            return "a number has more than " + Json.MAX_NUMBER_DIGITS + " digits";
        }
        if (m.contains("nesting depth")) {
            return "arrays and objects are nested more than " + Json.MAX_DEPTH + " deep";
        }
        if (m.startsWith("String")) {
            return "a string is too long";
        }
        if (m.startsWith("Name")) {
            return "a field name is too long";
        }
        return "the JSON exceeds a size limit";
    }

    public static RequestBody of(ObjectNode json) {
        return new RequestBody(json);
    }

    /** Rejects fields the endpoint does not know, so that a misspelt field is not silently ignored. */
    public RequestBody allowOnly(Set<String> fields) {
        json.fields().forEachRemaining(f -> {
            if (fields.contains(f.getKey())) {
                return;
            }
            if (f.getValue().isObject()) {
                f.getValue().fieldNames().forEachRemaining(inner -> {
                    if (!fields.contains(f.getKey() + "." + inner)) {
                        unknown(f.getKey() + "." + inner);
                    }
                });
                return;
            }
            unknown(f.getKey());
        });
        return this;
    }

    /** The value of {@code field}; a dotted name ({@code attestation.statement}) also finds a nested JSON value. */
    private JsonNode get(String field) {
        JsonNode flat = json.get(field);
        if (flat != null || !field.contains(".")) {
            return flat;
        }
        JsonNode nested = json.at("/" + field.replace('.', '/'));
        return nested.isMissingNode() ? null : nested;
    }

    public String string(String field, boolean required, int maxLength) {
        JsonNode v = get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            if (required) {
                errors.put(field, "required");
            }
            return null;
        }
        if (!v.isTextual()) {
            errors.put(field, "must be a string");
            return null;
        }
        String s = v.asText().strip();
        if (s.length() > maxLength) {
            errors.put(field, "at most " + maxLength + " characters");
            return null;
        }
        return s;
    }

    String required(String field) {
        return string(field, true, 10_000);
    }

    String optional(String field) {
        return string(field, false, 10_000);
    }

    String oneOf(String field, boolean required, Set<String> allowed) {
        String s = string(field, required, 200);
        if (s != null && !allowed.contains(s)) {
            errors.put(field, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
            return null;
        }
        return s;
    }

    Integer integer(String field, boolean required, int min, int max) {
        JsonNode v = get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            if (required) {
                errors.put(field, "required");
            }
            return null;
        }
        int value;
        if (v.isInt()) {
            value = v.asInt();
        } else if (v.isTextual() && v.asText().strip().matches("-?\\d{1,9}")) {
            value = Integer.parseInt(v.asText().strip());
        } else {
            errors.put(field, "must be a whole number");
            return null;
        }
        if (value < min || value > max) {
            errors.put(field, "must be between " + min + " and " + max);
            return null;
        }
        return value;
    }

    public Long longValue(String field, boolean required) {
        JsonNode v = get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            if (required) {
                errors.put(field, "required");
            }
            return null;
        }
        if (v.canConvertToLong() && v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isTextual() && v.asText().strip().matches("\\d{1,18}")) {
            return Long.parseLong(v.asText().strip());
        }
        errors.put(field, "must be a whole number");
        return null;
    }

    /** A list of strings: a JSON array, or in a form either repeated fields or one comma/newline separated field. */
    List<String> list(String field, boolean required) {
        JsonNode v = get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            // absent
        } else if (v.isArray()) {
            for (JsonNode item : v) {
                if (!item.isTextual()) {
                    errors.put(field, "must be a list of strings");
                    return List.of();
                }
                if (!item.asText().isBlank()) {
                    out.add(item.asText().strip());
                }
            }
        } else if (v.isTextual()) {
            for (String part : v.asText().split("[,\\n]")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        } else {
            errors.put(field, "must be a list of strings");
            return List.of();
        }
        if (required && out.isEmpty()) {
            errors.put(field, "give at least one");
        }
        return List.copyOf(out);
    }

    boolean bool(String field) {
        JsonNode v = get(field);
        return v != null && (v.asBoolean() || "on".equals(v.asText()) || "true".equals(v.asText()));
    }

    void error(String field, String message) {
        errors.putIfAbsent(field, message);
    }

    boolean hasError(String field) {
        return errors.containsKey(field);
    }

    /** Lists {@code name} as an unknown field, or only counts it once {@link #MAX_UNKNOWN_LISTED} are listed. */
    private void unknown(String name) {
        if (listedUnknown >= MAX_UNKNOWN_LISTED) {
            unlisted++;
            return;
        }
        listedUnknown++;
        errors.put(name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME) + "…", "unknown field");
    }

    /** Throws a 400 naming every problem found so far (unknown fields: the first hundred, and how many more), if there was any. */
    public void done() {
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors, unlisted);
        }
    }
}
