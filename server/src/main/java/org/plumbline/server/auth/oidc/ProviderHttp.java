package org.plumbline.server.auth.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.plumbline.log.http.LimitedBody;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.plumbline.server.http.Json;

/**
 * The server's calls to the provider (discovery, the token endpoint, the JWKS): bounded in time from the
 * request to the last byte of the answer, and in size, never following redirects. The provider is trusted
 * to say who someone is, not to be well behaved: a slow, dripping or endless answer must not hold a
 * sign-in (or the start) for longer than {@link #REQUEST_TIMEOUT}, nor fill the heap.
 */
final class ProviderHttp implements ResourceRetriever {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** For the whole exchange, body included (the HTTP client's own timeout stops at the headers). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Far above any discovery document, key set or token response (a few KiB), far below what could hurt. */
    static final int MAX_BYTES = 256 * 1024;

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Duration timeout;

    ProviderHttp() {
        this(REQUEST_TIMEOUT);
    }

    /** With another limit for the whole exchange (tests: a second, not ten). */
    ProviderHttp(Duration timeout) {
        this.timeout = timeout;
    }

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
        return json(send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build()));
    }

    Answer postForm(URI uri, String form, String authorization) throws ProviderException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return json(send(b.build()));
    }

    /** The JWKS, for Nimbus's key source: the same bounds as every other call to the provider. */
    @Override
    public Resource retrieveResource(URL url) throws IOException {
        try {
            HttpResponse<byte[]> r = send(HttpRequest.newBuilder(url.toURI()).timeout(timeout)
                    .header("Accept", "application/json").GET().build());
            if (r.statusCode() != 200) {
                throw new IOException("GET " + url + ": answered " + r.statusCode());
            }
            return new Resource(new String(r.body(), StandardCharsets.UTF_8), r.headers().firstValue("Content-Type").orElse(null));
        } catch (ProviderException | URISyntaxException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws ProviderException {
        String what = request.method() + " " + request.uri();
        CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(request, LimitedBody.handler(MAX_BYTES));
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new ProviderException(what + ": no complete answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new ProviderException(what + ": " + (cause instanceof LimitedBody.TooLarge ? "answer longer than " + MAX_BYTES + " bytes"
                    : cause.getClass().getSimpleName() + " " + cause.getMessage()), cause);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderException(what + ": interrupted", e);
        }
    }

    private static Answer json(HttpResponse<byte[]> response) throws ProviderException {
        String what = response.request().method() + " " + response.request().uri();
        JsonNode json;
        try {
            // The server's strict reader: a key given twice is an error, not whichever value Jackson kept.
            json = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new ProviderException(what + ": answered " + response.statusCode() + " with a body that is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new ProviderException(what + ": answered " + response.statusCode() + " without a JSON object");
        }
        return new Answer(response.statusCode(), json);
    }
}
