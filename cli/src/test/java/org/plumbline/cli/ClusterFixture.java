package org.plumbline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.plumbline.core.Database;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.NoteFormatException;
import org.plumbline.log.note.SignedNote;
import org.plumbline.server.auth.Role;
import org.plumbline.server.auth.UserStore;

/**
 * What the tests of servers sharing a database and a log need: one embedded PostgreSQL whose URL is handed to
 * servers (in this JVM or others), an account manager's token made directly in the users table, and the API
 * calls that append records (registering a customer) and read the log.
 */
final class ClusterFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ClusterFixture() {}

    /** The JDBC URL of {@code db}, with its user and password, as a {@code DATABASE_URL} for a server. */
    static String databaseUrl(Database db, Path pgDataDir) throws IOException {
        String url = ((HikariDataSource) db.dataSource()).getJdbcUrl();
        // The embedded server's generated password (URL-safe characters only).
        String password = Files.readString(pgDataDir.resolve("keys").resolve("postgres.password")).strip();
        return url + (url.contains("?") ? "&" : "?") + "user=postgres&password=" + password;
    }

    /** A bearer token for a new account manager (the role that registers customers); the schema must exist. */
    static String accountManagerToken(Database db, String name) {
        UserStore users = new UserStore(Jdbi.create(db.dataSource()));
        UserStore.User user = users.create(name, "Account manager " + name, Role.ACCOUNT_MANAGER, null);
        return users.issueToken(user.id(), "cluster test");
    }

    /** Registers a customer; returns its record's log index once the server acknowledged it (201). */
    static long appendRecord(String base, String token, String name) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(java.util.Map.of("name", name, "kind", "agency", "country", "SE"));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/customers"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(java.time.Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IOException("POST /api/customers answered " + r.statusCode() + ": " + r.body());
        }
        JsonNode json = JSON.readTree(r.body());
        return json.get("logIndex").asLong();
    }

    static HttpResponse<byte[]> get(String base, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(java.time.Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> get(String base, String path, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                        .timeout(java.time.Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The served checkpoint ({@code /log/checkpoint}), as bytes. */
    static byte[] checkpoint(String base) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = get(base, "/log/checkpoint");
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return r.body();
    }

    static Checkpoint parse(byte[] signedCheckpoint) {
        try {
            return Checkpoint.parse(SignedNote.parse(signedCheckpoint).text());
        } catch (NoteFormatException e) {
            throw new AssertionError("not a checkpoint: " + new String(signedCheckpoint, StandardCharsets.UTF_8), e);
        }
    }
}
