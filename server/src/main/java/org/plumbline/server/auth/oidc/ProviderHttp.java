package org.plumbline.server.auth.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.plumbline.server.http.Json;

/**
 * The server's calls to the provider (discovery and the token endpoint): bounded in time and in size, never
 * following redirects, answers read as JSON objects. The provider is trusted to say who someone is, not to
 * be well behaved: a slow or endless answer must not hold a sign-in (or the start) forever.
 */
final class ProviderHttp {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Far above any discovery document or token response (a few KiB), far below what could hurt. */
    static final int MAX_BYTES = 256 * 1024;

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** A provider answer the flow cannot use; its message names what was wrong, never a token. */
    static final class ProviderException extends Exception {
        ProviderException(String message) {
            super(message);
        }

        ProviderException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    record Answer(int status, JsonNode json) {
    }

    Answer get(URI uri) throws ProviderException {
        return send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", "application/json").GET().build());
    }

    Answer postForm(URI uri, String form, String authorization) throws ProviderException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b.build());
    }

    private Answer send(HttpRequest request) throws ProviderException {
        String what = request.method() + " " + request.uri();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_BYTES + 1);
            }
            if (body.length > MAX_BYTES) {
                throw new ProviderException(what + ": answer longer than " + MAX_BYTES + " bytes");
            }
            JsonNode json;
            try {
                // The server's strict reader: a key given twice is an error, not whichever value Jackson kept.
                json = Json.MAPPER.readTree(Arrays.copyOf(body, body.length));
            } catch (IOException e) {
                throw new ProviderException(what + ": answered " + response.statusCode() + " with a body that is not JSON");
            }
            if (json == null || !json.isObject()) {
                throw new ProviderException(what + ": answered " + response.statusCode() + " without a JSON object");
            }
            return new Answer(response.statusCode(), json);
        } catch (IOException e) {
            throw new ProviderException(what + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(what + ": interrupted", e);
        }
    }
}
