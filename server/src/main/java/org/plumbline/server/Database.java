package org.plumbline.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The PostgreSQL the server runs on: either real PostgreSQL binaries started in-process with their data
 * under the data directory (kept across runs), or an external server named by a URL. Either way the
 * schema is brought up to date with Flyway (core's migrations, then the server's) before anything else
 * touches it.
 */
final class Database implements AutoCloseable {
    static final String[] MIGRATIONS = {"classpath:db/migration/core", "classpath:db/migration/server"};

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private Database(EmbeddedPostgres embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
    }

    /** Opens (and migrates) the database that {@code config} names. */
    static Database open(ServerConfig config) {
        return open(config.databaseUrl(), config.dataDir().resolve("postgres"));
    }

    static Database open(Optional<String> url, Path embeddedDir) {
        EmbeddedPostgres embedded = null;
        HikariConfig hikari = new HikariConfig();
        try {
            if (url.isPresent()) {
                configureExternal(hikari, url.get());
            } else {
                embedded = startEmbedded(embeddedDir);
                hikari.setJdbcUrl(embedded.getJdbcUrl("postgres", "postgres"));
                hikari.setUsername("postgres");
            }
            hikari.setPoolName("plumbline");
            hikari.setMaximumPoolSize(Math.max(8, Runtime.getRuntime().availableProcessors() * 4));
            HikariDataSource pool = new HikariDataSource(hikari);
            migrate(pool);
            return new Database(embedded, pool);
        } catch (RuntimeException e) {
            closeQuietly(embedded);
            throw e;
        }
    }

    private static EmbeddedPostgres startEmbedded(Path dir) {
        try {
            Files.createDirectories(dir);
            // A fixed data directory that is not cleaned: what one run writes, the next run finds.
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dir.toFile())
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "100")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Accepts {@code postgres://user:pass@host:port/db}, {@code postgresql://...} and {@code jdbc:postgresql://...}. */
    static void configureExternal(HikariConfig hikari, String url) {
        if (url.startsWith("jdbc:")) {
            hikari.setJdbcUrl(url);
            return;
        }
        URI uri = URI.create(url);
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException("DATABASE_URL: expected postgres://, postgresql:// or jdbc:postgresql://, got scheme '"
                    + uri.getScheme() + "'");
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        hikari.setJdbcUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            hikari.setUsername(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                hikari.setPassword(decode(userInfo.substring(colon + 1)));
            }
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .failOnMissingLocations(false)
                .load()
                .migrate();
    }

    DataSource dataSource() {
        return pool;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        pool.close();
        closeQuietly(embedded);
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException e) {
                // Stopping is best effort: PostgreSQL's own shutdown is crash-safe.
            }
        }
    }
}
