package org.plumbline.server.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A provider that misbehaves: drips its answer, never stops sending, redirects elsewhere. Each call must end
 * within its time limit and its size limit, with a message saying which.
 */
class ProviderHttpTest {
    private static HttpServer server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", x -> {
            byte[] body = "{\"issuer\":\"x\"}".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/drip", x -> {
            x.sendResponseHeaders(200, 0);
            try (OutputStream out = x.getResponseBody()) {
                out.write('{');
                for (int i = 0; i < 50; i++) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(100);
                }
                out.write('}');
            } catch (Exception e) {
                // the client gave up: expected
            }
        });
        server.createContext("/endless", x -> {
            x.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[16 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try (OutputStream out = x.getResponseBody()) {
                out.write('[');
                for (int i = 0; i < 10_000; i++) {
                    out.write(chunk);
                }
            } catch (Exception e) {
                // the client gave up: expected
            }
        });
        server.createContext("/moved", x -> {
            x.getResponseHeaders().add("Location", base + "/ok");
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void theControlIsRead() throws Exception {
        assertThat(new ProviderHttp(Duration.ofSeconds(2)).get(URI.create(base + "/ok")).json().get("issuer").asText()).isEqualTo("x");
    }

    @Test
    void aDrippingAnswerEndsAtTheTimeLimitNotAtItsLastByte() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> new ProviderHttp(Duration.ofMillis(1000)).get(URI.create(base + "/drip")))
                .hasMessageContaining("no complete answer within 1000 ms");
        // The answer would take 5 s; the headers came at once, so only a limit on the whole exchange stops it.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void anEndlessAnswerEndsAtTheSizeLimit() {
        assertThatThrownBy(() -> new ProviderHttp(Duration.ofSeconds(5)).get(URI.create(base + "/endless")))
                .hasMessageContaining("longer than " + ProviderHttp.MAX_BYTES + " bytes");
    }

    @Test
    void redirectsAreNotFollowed() {
        // The redirect's target would answer a JSON object; the call must see the 302 instead.
        assertThatThrownBy(() -> new ProviderHttp(Duration.ofSeconds(2)).get(URI.create(base + "/moved")))
                .hasMessageContaining("answered 302");
        assertThatThrownBy(() -> new ProviderHttp(Duration.ofSeconds(2)).retrieveResource(URI.create(base + "/moved").toURL()))
                .hasMessageContaining("answered 302");
    }
}
