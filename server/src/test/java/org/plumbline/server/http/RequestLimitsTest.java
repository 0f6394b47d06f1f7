package org.plumbline.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;

/** What the server refuses to read or build, whatever the client sends: bodies, JSON and error lists are bounded. */
class RequestLimitsTest {
    private static final long CAP = 32L * 1024 * 1024;

    /** An endless-looking body of {@code size} bytes, made as it is read (never held whole by the client). */
    private static InputStream bytes(long size, byte fill) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? fill : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, fill);
                left -= n;
                return n;
            }
        };
    }

    private static HttpResponse<String> chunked(HttpRequest.Builder request) throws Exception {
        // HTTP/1.1 and no length: the client sends Transfer-Encoding: chunked.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aChunkedBodyOverTheCapIsRefusedWith413AndTheServerStaysUp() throws Exception {
        HttpResponse<String> session = chunked(HttpRequest.newBuilder(TestServer.uri("/api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> bytes(CAP + 8 * 1024 * 1024, (byte) ' '))));
        assertThat(session.statusCode()).as(session.body()).isEqualTo(413);
        assertThat(Api.parse(session).json().get("error").asText()).isEqualTo("too-large");

        String boundary = "----limit";
        HttpResponse<String> upload = chunked(HttpRequest.newBuilder(TestServer.uri("/api/signals/uploads"))
                .header("Authorization", "Bearer " + TestServer.token(Role.REVIEWER))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(
                        new java.io.ByteArrayInputStream(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
                                + "filename=\"big.csv\"\r\nContent-Type: text/csv\r\n\r\n").getBytes()),
                        bytes(CAP + 8 * 1024 * 1024, (byte) 'x')))));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(413);

        // Still serving, and a body under the cap is read as before.
        assertThat(Api.get(Role.REVIEWER, "/api/openapi.json").status()).isEqualTo(200);
        HttpResponse<String> small = chunked(HttpRequest.newBuilder(TestServer.uri("/api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream("[]".getBytes()))));
        assertThat(small.statusCode()).as(small.body()).isEqualTo(400);
    }

    @Test
    void aHugeNumberOrDeepNestingIsA400NamingTheProblem() {
        Api.Answer number = Api.post(Role.REVIEWER, "/api/cases", "{\"engagementId\":" + "7".repeat(5_000) + "}");
        assertThat(number.status()).as(number.body()).isEqualTo(400);
        assertThat(number.json().at("/fields/body").asText()).contains("number").contains("digits");

        Api.Answer deep = Api.post(Role.REVIEWER, "/api/cases",
                "{\"title\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        assertThat(deep.status()).as(deep.body()).isEqualTo(400);
        assertThat(deep.json().at("/fields/body").asText()).contains("nested");
    }

    @Test
    void unknownFieldsAreListedUpToAHundredWithACountOfTheRest() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 150_000; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        Api.Answer bad = Api.post(Role.REVIEWER, "/api/cases", json.append('}').toString());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().length()).as("error body size").isLessThan(20_000);
        List<String> unknown = new ArrayList<>();
        bad.json().get("fields").properties().forEach(f -> {
            if (f.getValue().asText().equals("unknown field")) {
                unknown.add(f.getKey());
            }
        });
        assertThat(unknown).hasSize(100);
        assertThat(bad.json().get("message").asText()).endsWith("and 149,900 more");
        // The endpoint's own fields are still named: the made-up ones do not crowd them out.
        assertThat(bad.json().at("/fields/title").asText()).isEqualTo("required");
    }

    @Test
    void duplicateKeysAndTrailingGarbageAreRefused() {
        Api.Answer twice = Api.post(Role.REVIEWER, "/api/cases", "{\"title\":\"a\",\"title\":\"b\"}");
        assertThat(twice.status()).as(twice.body()).isEqualTo(400);
        assertThat(twice.json().at("/fields/body").asText()).contains("title");

        Api.Answer trailing = Api.post(Role.REVIEWER, "/api/cases", "{\"title\":\"a\"} {\"title\":\"b\"}");
        assertThat(trailing.status()).as(trailing.body()).isEqualTo(400);
        assertThat(trailing.json().at("/fields/body").asText()).startsWith("not valid JSON");
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeTheBodyIsSent() throws Exception {
        // A raw socket: an HTTP client would insist on sending the 40 MiB it declared.
        java.net.URI uri = TestServer.uri("/api/session");
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (CAP + 8 * 1024 * 1024) + "\r\n\r\n{").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(answer).isEqualTo("HTTP/1.1 413");
        }
    }
}
