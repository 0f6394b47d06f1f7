package org.plumbline.core;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The PostgreSQL database: a HikariCP pool and Flyway migrations. Either embedded (real PostgreSQL
 * binaries started in-process, data kept under a directory) or external (a {@code DATABASE_URL}).
 *
 * <p>Why no Jdbi type is public here: every domain row is written by core's services, in the same
 * transaction as the log record that proves it; a handle handed out would let any module write rows
 * without one. Other modules get the {@link #dataSource()} for their own tables only.
 *
 * <p>Migrations: each module owns the migrations of the tables it creates. Core's are under
 * {@code classpath:db/migration/core} (V1–V99); a caller adds its own locations (the server's V100+) to
 * {@link #migrate(String...)}. All of them share one Flyway history table, so one call brings the
 * whole schema up to date and existing databases keep their history.
 */
public final class Database implements AutoCloseable {
    /** Where core's own migrations live. */
    static final String CORE_MIGRATIONS = "classpath:db/migration/core";

    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final GroupCommit writes;
    private final AutoCloseable server;

    private Database(HikariDataSource pool, AutoCloseable server) {
        this.pool = pool;
        this.server = server;
        this.jdbi = quiet(Jdbi.create(pool));
        jdbi.registerArrayType(String.class, "text");
        this.writes = new GroupCommit(jdbi);
    }

    /**
     * Makes {@code jdbi}'s exceptions carry only the driver's message, not the statement's bound arguments:
     * those are case summaries, rationales, names, and an exception's message ends up in the application
     * log. (The server's own Jdbi over {@link #dataSource()} is configured the same way; no public method
     * here takes a Jdbi type.)
     */
    private static Jdbi quiet(Jdbi jdbi) {
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        return jdbi;
    }

    /**
     * Starts real PostgreSQL binaries with their data under {@code dataDir/postgres} (kept across
     * runs) on a free loopback port, with a generated password (see {@link EmbeddedCluster}). With
     * {@code durable}, commits are fsynced before they are acknowledged (use it for anything but
     * throw-away test data).
     */
    public static Database embedded(Path dataDir, boolean durable) {
        EmbeddedCluster cluster = EmbeddedCluster.start(dataDir, durable);
        return new Database(pool(cluster.jdbcUrl("postgres"), EmbeddedCluster.SUPERUSER, cluster.password()), cluster);
    }

    /** Connects to an external server given as a JDBC URL. */
    public static Database connect(String jdbcUrl, String user, String password) {
        return new Database(pool(jdbcUrl, user, password), () -> {});
    }

    /**
     * Connects using a {@code DATABASE_URL} in either the libpq URI form
     * ({@code postgres://user:password@host:5432/db}) or as a JDBC URL.
     */
    public static Database fromUrl(String databaseUrl) {
        if (databaseUrl.startsWith("jdbc:")) return connect(databaseUrl, null, null);
        URI uri = URI.create(databaseUrl);
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException("DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql:, got "
                    + uri.getScheme() + "://…");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : null;
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + uri.getRawPath() + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        return connect(jdbc, user, password);
    }

    private static HikariDataSource pool(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) config.setUsername(user);
        if (password != null) config.setPassword(password);
        config.setMaximumPoolSize(10);
        config.setPoolName("plumbline");
        // Fail fast when PostgreSQL is gone: a request waits at most this long for a connection and then gets
        // an error the server answers with 503, instead of Hikari's default 30 s that holds every request (and
        // its thread) until the client gives up. A running database hands out a connection in milliseconds.
        config.setConnectionTimeout(2_000);
        // How long checking a pooled connection may take (it must be shorter than the connection timeout):
        // a connection to a PostgreSQL that died is found dead within a second and replaced.
        config.setValidationTimeout(1_000);
        // PostgreSQL's error detail repeats the values of the row that failed ("Failing row contains (…)"),
        // confidential ones among them; the driver would put it in the exception's message, and so in the log.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        return new HikariDataSource(config);
    }

    /**
     * Applies pending migrations: core's and those under {@code moduleLocations} (Flyway locations,
     * e.g. {@code classpath:db/migration/server}), in version order, in one history. A location
     * missing from the class path is skipped.
     */
    public Database migrate(String... moduleLocations) {
        List<String> locations = new ArrayList<>();
        locations.add(CORE_MIGRATIONS);
        locations.addAll(List.of(moduleLocations));
        var config = Flyway.configure()
                .dataSource(pool)
                .locations(locations.toArray(String[]::new))
                .failOnMissingLocations(false);
        // Core's migrations (V1–V99) and the server's (V100+) are independent of each other, but share one
        // history: a core migration added after the server's V111 must still apply to a database that has
        // them. Out-of-order is turned on only when that is the case (Flyway warns whenever it is on).
        var info = config.load().info();
        var current = info.current();
        boolean behind = current != null && current.getVersion() != null && java.util.Arrays.stream(info.all())
                .anyMatch(m -> !m.getState().isApplied() && m.getVersion() != null
                        && m.getVersion().compareTo(current.getVersion()) < 0);
        config.outOfOrder(behind).load().migrate();
        return this;
    }

    /** The pooled data source, for a module's own tables (never core's). */
    public DataSource dataSource() {
        return pool;
    }

    /**
     * A connection of its own, outside the pool, for a session that must last as long as the process: a
     * session-level advisory lock lives exactly as long as its connection, so it cannot be a pooled one (the
     * pool may retire it, and holding it would take one of the pool's few connections from the requests). The
     * caller closes it.
     */
    public Connection sessionConnection() throws SQLException {
        Properties properties = new Properties();
        if (pool.getUsername() != null) properties.setProperty("user", pool.getUsername());
        if (pool.getPassword() != null) properties.setProperty("password", pool.getPassword());
        properties.setProperty("logServerErrorDetail", "false");
        // Found dead by the client too when the network, not the server, goes away.
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(pool.getJdbcUrl(), properties);
    }

    /** Jdbi over the pool, with {@code String[]} ↔ {@code text[]} registered. */
    Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Runs {@code work} as one READ COMMITTED transaction of its own: all of it commits, or none of it. It may
     * share the commit with other callers' work ({@link GroupCommit}); it returns once it is durable.
     */
    <R, X extends Exception> R inTransaction(HandleCallback<R, X> work) throws X {
        return writes.run(work);
    }

    /** How many write transactions wait to be run (a gauge for an operator, and for tests). */
    int queuedWrites() {
        return writes.waiting();
    }

    /** Runs read-only work on a handle outside an explicit transaction. */
    <R, X extends Exception> R withHandle(HandleCallback<R, X> work) throws X {
        return jdbi.withHandle(work);
    }

    /** Whether {@code e} (or a cause) is PostgreSQL's unique-violation error (SQLSTATE 23505). */
    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) return true;
        }
        return false;
    }

    /** Whether {@code e} (or a cause) is PostgreSQL's foreign-key-violation error (SQLSTATE 23503). */
    static boolean isForeignKeyViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23503".equals(sql.getSQLState())) return true;
        }
        return false;
    }

    /**
     * Whether {@code e} (or a cause) means the database could not be reached, as opposed to a statement that
     * failed: the pool timed out waiting for a connection, a connection failed or was lost (SQLSTATE class 08),
     * or the server is shutting down, crashed or is still starting (57P01, 57P02, 57P03). Such a failure is
     * expected while PostgreSQL restarts and passes when it is back; callers answer "unavailable", not "bug".
     */
    public static boolean unavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) return true;
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        writes.close();
        pool.close();
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the embedded PostgreSQL server: " + e.getMessage(), e);
        }
    }

    /** A database over a JDBC URL whose server is stopped by {@code onClose} (tests share one server this way). */
    public static Database over(String jdbcUrl, String user, AutoCloseable onClose) {
        return new Database(pool(jdbcUrl, user, null), onClose);
    }

}
