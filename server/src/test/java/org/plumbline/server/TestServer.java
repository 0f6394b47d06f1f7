package org.plumbline.server;

import org.plumbline.signals.cases.UsageSignals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.plumbline.core.Core;
import org.plumbline.core.Database;
import org.plumbline.server.api.Route;
import org.plumbline.server.auth.Role;
import org.plumbline.server.auth.UserStore;
import org.plumbline.server.demo.DemoLogin;
import org.plumbline.server.log.TransparencyLog;

/**
 * One real embedded PostgreSQL and one server for the whole test run (starting PostgreSQL takes seconds;
 * doing it once keeps the suite fast). Each role has a user whose bearer token tests can use; test
 * classes create further users with unique names so that they do not disturb each other.
 */
public final class TestServer {
    public static final String PASSWORD = "correct horse battery staple";
    /** The shared server's metrics token (ServerConfig.metricsToken): lets a test scrape /metrics as if remote. */
    public static final String METRICS_TOKEN = "test-metrics-token-5f0c1e2d";
    private static Running server;
    private static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);
    private static String leadershipToken;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestServer() {
    }

    /**
     * The shared server as tests in every package see it: its public surface, plus the internals that
     * {@link PlumblineServer} keeps package-private (users, database, log, core, usage signals, routes),
     * reached through this class because it lives in the server's root package.
     */
    public static final class Running {
        private final PlumblineServer server;

        private Running(PlumblineServer server) {
            this.server = server;
        }

        public String url() {
            return server.url();
        }

        public List<DemoLogin> loadDemo() {
            return server.loadDemo();
        }

        public UserStore users() {
            return server.users();
        }

        public Database database() {
            return server.database();
        }

        public org.jdbi.v3.core.Jdbi jdbi() {
            return server.jdbi();
        }

        public TransparencyLog log() {
            return server.log();
        }

        public Core core() {
            return server.core();
        }

        public UsageSignals signals() {
            return server.signals();
        }

        public List<Route> routes() {
            return server.routes();
        }

        public org.plumbline.server.notify.Notifier notifier() {
            return server.notifier();
        }

        void close() {
            server.close();
        }
    }

    public static synchronized Running get() {
        if (server == null) {
            Path dir = Path.of("target", "test-data");
            deleteRecursively(dir);
            server = new Running(PlumblineServer.start(new ServerConfig(dir.toAbsolutePath(), "127.0.0.1", 0, Optional.empty())
                    .withMetricsToken(METRICS_TOKEN)));
            for (Role role : Role.values()) {
                if (role == Role.PUBLIC) {
                    continue;
                }
                String name = "matrix-" + role.id();
                var user = server.users().create(name, "Matrix " + role.id(), role,
                        role == Role.ENFORCEMENT_SYSTEM ? null : PASSWORD);
                TOKENS.put(role, server.users().issueToken(user.id(), "tests"));
            }
            var leader = server.users().create("matrix-leadership", "Matrix leadership", Role.APPROVER, PASSWORD);
            server.users().setLeadership(leader.id(), true);
            leadershipToken = server.users().issueToken(leader.id(), "tests");
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }

    /**
     * A server of its own, for a test that needs a configuration the shared one does not have (e.g. a mail
     * server): its own data directory and its own database on the shared PostgreSQL. Close it when done.
     */
    public static final class Own implements AutoCloseable {
        private final Running running;

        private Own(Running running) {
            this.running = running;
        }

        public Running server() {
            return running;
        }

        @Override
        public void close() {
            running.close();
        }
    }

    public static Own startOwn(String prefix, java.util.function.UnaryOperator<ServerConfig> configure) {
        EmptyDatabase db = emptyDatabase(prefix);
        java.net.URI jdbc = java.net.URI.create(db.url().substring("jdbc:".length()));
        String url = "postgres://" + db.user() + ":" + db.password() + "@" + jdbc.getHost() + ":" + jdbc.getPort() + jdbc.getPath();
        Path dir = Path.of("target", "own-" + prefix).toAbsolutePath();
        deleteRecursively(dir);
        return new Own(new Running(PlumblineServer.start(configure.apply(new ServerConfig(dir, "127.0.0.1", 0, Optional.of(url))))));
    }

    /** An empty database on the shared PostgreSQL, for tests that migrate it themselves: its JDBC URL and password. */
    public record EmptyDatabase(String url, String user, String password) {}

    /** Creates an empty database named {@code prefix} plus a unique suffix on the shared test PostgreSQL. */
    public static EmptyDatabase emptyDatabase(String prefix) {
        String name = prefix + "_" + Api.unique().replace('-', '_');
        get().jdbi().useHandle(h -> h.execute("CREATE DATABASE " + name));
        String shared = ((com.zaxxer.hikari.HikariDataSource) get().database().dataSource()).getJdbcUrl();
        try {
            // The embedded server asks for its generated password (URL-safe characters only).
            String password = Files.readString(Path.of("target", "test-data", "keys", "postgres.password")).strip();
            return new EmptyDatabase(shared.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"), "postgres", password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String token(Role role) {
        get();
        return TOKENS.get(role);
    }

    /** A bearer token for an approver on the leadership rung of the escalation ladder. */
    public static String leadershipToken() {
        get();
        return leadershipToken;
    }

    public static URI uri(String path) {
        return URI.create(get().url() + path);
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> get(String path, Role role) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (role != Role.PUBLIC) {
            b.header("Authorization", "Bearer " + token(role));
        }
        return send(b.build());
    }

    public static HttpResponse<String> post(String path, Role role, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (role != Role.PUBLIC) {
            b.header("Authorization", "Bearer " + token(role));
        }
        return send(b.build());
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
