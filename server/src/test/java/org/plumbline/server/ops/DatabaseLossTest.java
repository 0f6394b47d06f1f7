package org.plumbline.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.plumbline.server.Api;
import org.plumbline.server.PlumblineServer;
import org.plumbline.server.ServerConfig;
import org.plumbline.server.TestServer;

/**
 * Defect 8: with PostgreSQL killed, requests that need the database used to hang 30 s and answer 500. Now
 * they answer 503 (with Retry-After) as soon as the pool's 2 s wait runs out, {@code /readyz} says the
 * database is unavailable, and when PostgreSQL is back on the same port the pool reconnects by itself and
 * everything answers as before. On a server of its own (the shared one keeps its database).
 *
 * <p>The durations asserted are generous upper bounds, to tell "fails fast" from "waits out a 30 s
 * timeout", not measures of speed.
 */
class DatabaseLossTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Far below the 30 s of the defect, far above the 2 s connection timeout. */
    private static final Duration FAST = Duration.ofSeconds(10);

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(PlumblineServer server, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET());
    }

    /** A sign-in attempt with a wrong password: an anonymous API call that has to read the users table (400 when it can). */
    private static HttpResponse<String> signIn(PlumblineServer server) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(server.url() + "/api/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"nobody-here\",\"password\":\"not the password\"}")));
    }

    /** The same through the sign-in form: a page, answered with the error page. */
    private static HttpResponse<String> signInPage(PlumblineServer server) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(server.url() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=nobody-here&password=not+the+password")));
    }

    private static HttpResponse<String> await(PlumblineServer server, String path, Predicate<HttpResponse<String>> until,
                                              Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            HttpResponse<String> r = get(server, path);
            if (until.test(r) || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(200);
        }
    }

    private static Duration timed(ThrowingRunnable call) throws Exception {
        long started = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void withPostgresKilledRequestsFailFastReadinessSaysSoAndAllRecoversWhenItIsBack() throws Exception {
        Path dir = Path.of("target", "ops-database-loss").toAbsolutePath();
        TestServer.deleteRecursively(dir);
        Process restarted = null;
        try (PlumblineServer server = PlumblineServer.start(new ServerConfig(dir, "127.0.0.1", 0, Optional.empty()))) {
            assertThat(get(server, Operations.READINESS).statusCode()).isEqualTo(200);
            assertThat(signIn(server).statusCode()).isEqualTo(400);

            Postmaster postgres = Postmaster.of(dir.resolve("postgres"));
            postgres.kill(Duration.ofSeconds(30));

            // Readiness turns red (its answer is at most a second old) and names the database.
            HttpResponse<String> red = await(server, Operations.READINESS, r -> r.statusCode() == 503, Duration.ofSeconds(30));
            assertThat(red.statusCode()).as(red.body()).isEqualTo(503);
            assertThat(Api.parse(red).json().get("database").asText()).isEqualTo("unavailable");
            assertThat(red.headers().firstValue("Retry-After")).isPresent();

            // An API call needing the database: 503 with Retry-After and the API's error body, well before 30 s.
            List<HttpResponse<String>> api = new ArrayList<>();
            Duration apiTook = timed(() -> api.add(signIn(server)));
            assertThat(api.get(0).statusCode()).as(api.get(0).body()).isEqualTo(503);
            assertThat(api.get(0).headers().firstValue("Retry-After")).contains("5");
            assertThat(Api.parse(api.get(0)).json().get("error").asText()).isEqualTo("unavailable");
            assertThat(apiTook).isLessThan(FAST);

            // The same for a page: the error page, 503, Retry-After.
            List<HttpResponse<String>> page = new ArrayList<>();
            Duration pageTook = timed(() -> page.add(signInPage(server)));
            assertThat(page.get(0).statusCode()).isEqualTo(503);
            assertThat(page.get(0).headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.get(0).headers().firstValue("Retry-After")).contains("5");
            assertThat(page.get(0).body()).contains("database unavailable");
            assertThat(pageTook).isLessThan(FAST);

            // The process itself is fine: liveness stays green, so a supervisor does not restart it for nothing.
            assertThat(get(server, Operations.HEALTH).statusCode()).isEqualTo(200);

            // One warning line per refused request, no stack trace.
            List<String> log = Files.readAllLines(Path.of("target", "test-logs", "server.log"));
            int warning = -1;
            for (int i = 0; i < log.size(); i++) {
                if (log.get(i).contains("WARN") && log.get(i).contains("database unavailable serving POST /api/session")) {
                    warning = i;
                }
            }
            assertThat(warning).as("the warning for the refused sign-in").isNotNegative();
            if (warning + 1 < log.size()) {
                assertThat(log.get(warning + 1)).as("the line after the warning").doesNotStartWith("\tat ")
                        .doesNotContainPattern("^[a-z]+(\\.[a-zA-Z0-9_$]+)+(Exception|Error)");
            }

            // PostgreSQL comes back on the same port and data directory; the pool reconnects by itself.
            restarted = postgres.restart(Path.of("target", "test-logs", "postgres-restarted.log"));
            HttpResponse<String> green = await(server, Operations.READINESS, r -> r.statusCode() == 200, Duration.ofSeconds(60));
            assertThat(green.statusCode()).as(green.body()).isEqualTo(200);
            assertThat(signIn(server).statusCode()).isEqualTo(400);
            assertThat(Postmaster.of(dir.resolve("postgres")).pid()).as("the restarted PostgreSQL is the one answering")
                    .isNotEqualTo(postgres.pid());
        } finally {
            if (restarted != null && restarted.isAlive()) {
                // Closing the server stops PostgreSQL through pg_ctl; this is only for a test that failed first.
                restarted.destroy();
                restarted.waitFor();
            }
        }
    }
}
