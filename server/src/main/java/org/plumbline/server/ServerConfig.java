package org.plumbline.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.plumbline.server.auth.oidc.OidcConfig;

/**
 * How to start a {@link PlumblineServer}.
 *
 * @param dataDir     where the embedded database and the log live (created if missing, kept across runs)
 * @param host        the address to listen on; loopback by default, because the server speaks plain
 *                    HTTP and is meant to sit behind a TLS-terminating proxy when exposed
 * @param port        the port to listen on, or 0 for a free one
 * @param databaseUrl an external PostgreSQL ({@code postgres://user:pass@host:port/db} or a JDBC URL);
 *                    empty to run the embedded PostgreSQL under {@code dataDir/postgres}
 * @param scanInterval how often the server scans the usage it holds against the declarations (usage
 *                    signals); zero for never (scans then run only after an upload or on request)
 * @param oidc        single sign-on through an OpenID Connect provider; empty for none
 * @param localPasswords whether people may sign in with a password; false only together with {@code oidc}
 *                    (then single sign-on is the only way in for people; machine clients keep their tokens)
 */
public record ServerConfig(Path dataDir, String host, int port, Optional<String> databaseUrl, Duration scanInterval,
                           Optional<OidcConfig> oidc, boolean localPasswords) {
    /** Scans once a day: metering exports arrive daily, and findings are reviewed by people, not paged. */
    public static final Duration DEFAULT_SCAN_INTERVAL = Duration.ofDays(1);

    public ServerConfig(Path dataDir, String host, int port, Optional<String> databaseUrl) {
        this(dataDir, host, port, databaseUrl, DEFAULT_SCAN_INTERVAL);
    }

    /** No single sign-on; people sign in with passwords. */
    public ServerConfig(Path dataDir, String host, int port, Optional<String> databaseUrl, Duration scanInterval) {
        this(dataDir, host, port, databaseUrl, scanInterval, Optional.empty(), true);
    }

    public ServerConfig {
        Objects.requireNonNull(oidc, "oidc");
        if (!localPasswords && oidc.isEmpty()) {
            // Nobody could sign in to the web UI, not even an admin to undo it.
            throw new IllegalArgumentException("local passwords can be switched off only when single sign-on (oidc) is configured");
        }
        Objects.requireNonNull(scanInterval, "scanInterval");
        if (scanInterval.isNegative()) {
            throw new IllegalArgumentException("scanInterval must not be negative, got " + scanInterval);
        }
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
    }

    /** The default data directory: {@code ~/.plumbline}. */
    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".plumbline");
    }

    /** Loopback on the given port, with {@code DATABASE_URL} from the environment if it is set. */
    public static ServerConfig of(Path dataDir, int port) {
        String url = System.getenv("DATABASE_URL");
        return new ServerConfig(dataDir, "127.0.0.1", port,
                url == null || url.isBlank() ? Optional.empty() : Optional.of(url));
    }

    /** The same configuration with another scan interval. */
    public ServerConfig withScanInterval(Duration interval) {
        return new ServerConfig(dataDir, host, port, databaseUrl, interval, oidc, localPasswords);
    }

    /** The same configuration with single sign-on through {@code provider}. */
    public ServerConfig withOidc(OidcConfig provider) {
        return new ServerConfig(dataDir, host, port, databaseUrl, scanInterval, Optional.of(provider), localPasswords);
    }

    /** The same configuration with passwords allowed or not (see {@link #localPasswords()}). */
    public ServerConfig withLocalPasswords(boolean allowed) {
        return new ServerConfig(dataDir, host, port, databaseUrl, scanInterval, oidc, allowed);
    }
}
