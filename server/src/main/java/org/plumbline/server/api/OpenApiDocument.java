package org.plumbline.server.api;

import org.plumbline.server.http.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plumbline.server.auth.AccessPolicy;
import org.plumbline.server.auth.Authenticator;
import org.plumbline.server.auth.Permission;

/**
 * The OpenAPI 3.1 document served at {@code /api/openapi.json}, generated from the route list so that it
 * cannot leave an endpoint out. Each operation also says which roles may call it ({@code x-roles}).
 */
public final class OpenApiDocument {
    private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z0-9]+)}");
    private static final Pattern WILD = Pattern.compile("<([a-zA-Z]+)>");

    private OpenApiDocument() {
    }

    public static ObjectNode build(List<Route> routes) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Plumbline API");
        info.put("version", "0.1.0");
        info.put("description", "Engagements, due-diligence cases, decisions and directives; every step is a record "
                + "in the transparency log. People sign in (POST /api/session) and send the X-CSRF-Token header on "
                + "state-changing requests; machine clients send Authorization: Bearer <token>.");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("session").put("type", "apiKey").put("in", "cookie").put("name", Authenticator.SESSION_COOKIE);
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer");
        ObjectNode error = components.putObject("schemas").putObject("Error");
        error.put("type", "object");
        ObjectNode errorProps = error.putObject("properties");
        errorProps.putObject("error").put("type", "string");
        errorProps.putObject("message").put("type", "string");
        errorProps.putObject("fields").put("type", "object").putObject("additionalProperties").put("type", "string");

        ObjectNode paths = doc.putObject("paths");
        routes.stream().sorted(Comparator.comparing(Route::path)).forEach(route -> {
            String key = openApiPath(route.path());
            ObjectNode path = paths.has(key) ? (ObjectNode) paths.get(key) : paths.putObject(key);
            ObjectNode op = path.putObject(route.method().name().toLowerCase(Locale.ROOT));
            op.put("summary", route.summary());
            op.putArray("tags").add(route.tag());
            op.put("operationId", operationId(route));
            ArrayNode roles = op.putArray("x-roles");
            AccessPolicy.rolesFor(route.permission()).forEach(r -> roles.add(r.id()));
            if (route.permission() == Permission.PUBLIC_READ) {
                op.putArray("security");
            } else {
                ArrayNode security = op.putArray("security");
                security.addObject().putArray("session");
                security.addObject().putArray("bearer");
            }
            ArrayNode params = op.putArray("parameters");
            Matcher m = PARAM.matcher(key);
            while (m.find()) {
                ObjectNode param = params.addObject();
                param.put("name", m.group(1)).put("in", "path").put("required", true);
                param.putObject("schema").put("type", "string");
            }
            if (route.requestSchema() != null) {
                ObjectNode body = op.putObject("requestBody");
                body.put("required", true);
                // A schema with a binary property is a file upload, sent as multipart/form-data.
                String media = route.requestSchema().contains("\"format\":\"binary\"") ? "multipart/form-data" : "application/json";
                body.putObject("content").putObject(media).set("schema", parse(route.requestSchema()));
            }
            ObjectNode responses = op.putObject("responses");
            responses.putObject("200").put("description", "success");
            for (String[] r : new String[][]{{"400", "invalid input, with a message per field"},
                    {"401", "not signed in"}, {"403", "the caller's role may not do this"}, {"404", "no such thing"},
                    {"409", "conflicting concurrent change"}}) {
                responses.putObject(r[0]).put("description", r[1]).putObject("content")
                        .putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/Error");
            }
        });
        return doc;
    }

    /** Javalin's {@code <name>} (a parameter that may contain slashes) is {@code {name}} in OpenAPI. */
    static String openApiPath(String javalinPath) {
        return WILD.matcher(javalinPath).replaceAll("{$1}");
    }

    private static String operationId(Route route) {
        String cleaned = route.path().replace("/api/", "").replaceAll("[{}<>]", "").replaceAll("[^a-zA-Z0-9]+", "_");
        return route.method().name().toLowerCase(Locale.ROOT) + "_" + cleaned;
    }

    private static JsonNode parse(String schema) {
        try {
            return Json.MAPPER.readTree(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bad request schema in route: " + e.getOriginalMessage(), e);
        }
    }
}
