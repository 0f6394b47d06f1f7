package org.plumbline.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.plumbline.server.http.Json;
import org.plumbline.server.auth.Role;

/** A small JSON client for tests: calls as a role's shared bearer token and parses the answer. */
public final class Api {
    private static final AtomicInteger SEQ = new AtomicInteger();

    public record Answer(int status, JsonNode json, String body) {
    }

    private Api() {
    }

    public static Answer get(Role role, String path) {
        return parse(TestServer.get(path, role));
    }

    public static Answer post(Role role, String path, String json) {
        return parse(TestServer.post(path, role, json));
    }

    public static Answer postWithToken(String token, String path, String json) {
        return parse(TestServer.send(HttpRequest.newBuilder(TestServer.uri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(json)).build()));
    }

    public static Answer parse(HttpResponse<String> r) {
        JsonNode node = null;
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (type.startsWith("application/json") && !r.body().isEmpty()) {
            try {
                node = Json.MAPPER.readTree(r.body());
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + r.body(), e);
            }
        }
        return new Answer(r.statusCode(), node, r.body());
    }

    /** A unique suffix, so that test classes sharing the database never collide. */
    public static String unique() {
        return System.nanoTime() % 1_000_000_000L + "-" + SEQ.incrementAndGet();
    }

    public static final String DECLARATION = """
            "accounts":["sub-%1$s-a","sub-%1$s-b"],"billingAccount":"bill-%1$s",
            "services":["Blob Storage","Speech to Text","Virtual Machines"],"regions":["westeurope"],
            "contractReference":"MSA-%1$s","purposes":["cyber-defence"],"dataCategories":["operational-telemetry"],
            "acknowledgedProhibitedUses":["no-mass-surveillance","no-unlawful-interception","no-targeting-civilians",
              "no-persecution","declared-purposes-only"],
            "attestation":{"accountManager":"Amara Okafor","statement":"I confirmed the purposes with the customer's CISO."}""";

    /** Registers a customer and declares an engagement for it; returns the engagement's JSON. */
    public static JsonNode engagement() {
        String u = unique();
        Answer customer = post(Role.ACCOUNT_MANAGER, "/api/customers",
                "{\"name\":\"Ministry of Tests " + u + "\",\"kind\":\"ministry\",\"country\":\"NL\"}");
        if (customer.status() != 201) {
            throw new AssertionError(customer.body());
        }
        Answer e = post(Role.ACCOUNT_MANAGER, "/api/engagements", "{\"customerId\":" + customer.json().get("id").asLong()
                + ",\"reference\":\"ENG-T-" + u + "\"," + DECLARATION.formatted(u) + "}");
        if (e.status() != 201) {
            throw new AssertionError(e.body());
        }
        return e.json();
    }

    public static HttpResponse<byte[]> bytes(String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(TestServer.uri(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
