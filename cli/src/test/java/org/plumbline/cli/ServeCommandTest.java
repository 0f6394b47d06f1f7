package org.plumbline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plumbline serve} as an operator runs it, in its own process: a fresh data directory becomes a
 * signed-in administrator through the one-time setup token with nothing of the demo in it; SIGTERM lets a
 * request in flight finish and stops without a stack trace; and demo and production data are never mixed.
 */
class ServeCommandTest {
    private static final String PASSWORD = "a long production password";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aFreshDataDirectoryBecomesASignedInAdministratorAndStopsGracefully(@TempDir Path dir) throws Exception {
        Child serve = Child.start(dir, "serve", "--data-dir", dir.resolve("data").toString(), "--port", "0");
        try {
            String base = serve.waitFor("Plumbline is running at (http://[^ ]+)/").group(1);
            serve.waitFor("Create the first administrator at");
            String token = serve.waitFor("^  (setup-\\S+)$").group(1);

            assertThat(get(base + "/setup").body()).contains("Set up Plumbline");
            assertThat(setup(base, "setup-not-the-token-at-all-0000000").statusCode()).isEqualTo(403);
            HttpResponse<String> made = setup(base, token);
            assertThat(made.statusCode()).isEqualTo(303);
            assertThat(made.headers().firstValue("Location")).contains("/login");
            assertThat(get(base + "/setup").statusCode()).as("setup closes once used").isEqualTo(404);
            assertThat(setup(base, token).statusCode()).as("the token works once").isEqualTo(404);

            HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ops.admin\",\"password\":\"" + PASSWORD + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(session.statusCode()).isEqualTo(200);
            assertThat(session.body()).contains("\"role\":\"admin\"");
            // The session cookie is Secure, which Java's cookie store keeps off plain http: send it by hand.
            String cookie = session.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
            HttpResponse<String> users = http.send(HttpRequest.newBuilder(URI.create(base + "/api/users")).header("Cookie", cookie)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(users.statusCode()).isEqualTo(200);
            assertThat(users.body()).contains("ops.admin").doesNotContain("amara.okafor").doesNotContain("enforcement");
            assertThat(demoPasswordSignIn(base).statusCode()).as("no demo account, no published password").isEqualTo(400);

            // A request in flight when SIGTERM arrives: headers sent, body not yet.
            byte[] body = "{\"username\":\"ops.admin\",\"password\":\"wrong but complete\"}".getBytes(StandardCharsets.UTF_8);
            URI uri = URI.create(base);
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/session HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, 10);
                out.flush();
                Thread.sleep(300);
                serve.process.toHandle().destroy();  // SIGTERM (Process.destroy would also close our end of its output)
                serve.waitFor("Stopping: finishing the requests in flight");
                Thread.sleep(2000);  // a slow client: the stop must wait for it
                out.write(body, 10, body.length - 10);
                out.flush();
                String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                assertThat(status).as("the request in flight got its answer; stderr: %s", serve.stderr()).startsWith("HTTP/1.1 400");
            }
            assertThat(serve.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            serve.waitFor("^Stopped\\.$");
            assertThat(serve.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
        } finally {
            serve.kill();
        }

        // Started again: users exist, so no setup token; and the demo refuses this database.
        Child again = Child.start(dir, "serve", "--data-dir", dir.resolve("data").toString(), "--port", "0");
        try {
            again.waitFor("Plumbline is running at");
        } finally {
            again.process.toHandle().destroy();
            again.process.waitFor(60, TimeUnit.SECONDS);
        }
        assertThat(again.stdout()).doesNotContain("setup-").doesNotContain("/setup");
        Child demo = Child.start(dir, "demo", "--once", "--data-dir", dir.resolve("data").toString());
        assertThat(demo.process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(demo.process.exitValue()).isEqualTo(1);
        assertThat(demo.stderr()).contains("users that are not the demo's (ops.admin)");
    }

    @Test
    void serveRefusesADemoDatabaseAndABadConfigurationNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("plumbline.conf");
        Files.writeString(config, "# production\nport = 0\nlisten = 0.0.0.0\n");
        Child bad = Child.start(dir, "serve", "--config", config.toString());
        assertThat(bad.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.process.exitValue()).isEqualTo(2);
        assertThat(bad.stderr()).contains(config + ":3: unknown setting \"listen\"");

        Child demo = Child.start(dir, "demo", "--once", "--data-dir", dir.resolve("data").toString());
        assertThat(demo.process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(demo.process.exitValue()).as(demo.stderr()).isZero();
        Files.writeString(config, "data-dir = " + dir.resolve("data") + "\nport = 0\n");
        Child serve = Child.start(dir, "serve", "--config", config.toString());
        assertThat(serve.process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(serve.process.exitValue()).isEqualTo(1);
        assertThat(serve.stderr()).contains("demo accounts whose password is published").contains("admin");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> setup(String base, String token) throws Exception {
        String form = "token=" + token + "&username=ops.admin&displayName=Operations+Admin&password="
                + PASSWORD.replace(' ', '+');
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/setup"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> demoPasswordSignIn(String base) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"plumbline-demo\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
