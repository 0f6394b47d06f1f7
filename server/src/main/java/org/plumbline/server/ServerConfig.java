package org.plumbline.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.plumbline.log.policy.Policy;
import org.plumbline.server.auth.oidc.OidcConfig;
import org.plumbline.server.log.LogPlace;
import org.plumbline.server.notify.NotifyConfig;

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
 * @param metricsToken the bearer token that lets a scraper read {@code /metrics} from another host or through
 *                    a proxy; empty to serve metrics to direct loopback clients only (docs/SECURITY.md,
 *                    <i>Operations endpoints</i>). Never printed: {@link #toString()} leaves it out.
 * @param oidc        single sign-on through an OpenID Connect provider; empty for none
 * @param localPasswords whether people may sign in with a password; false only together with {@code oidc}
 *                    (then single sign-on is the only way in for people; machine clients keep their tokens)
 * @param witnessPolicy a C2SP tlog-policy naming this log and its witnesses: every checkpoint is sent to them,
 *                    and {@code /log/checkpoint} and proofs carry the newest one a quorum cosigned; empty for none
 * @param logPlace    where the log's tiles and checkpoint are kept: a directory or a bucket; empty for
 *                    {@code dataDir/log}. Several instances on one database share one place.
 * @param keyDir      where the log's and the directives' signing keys are kept ({@code log.key},
 *                    {@code directive.key}; made on first start if missing); empty for {@code dataDir/keys}.
 *                    Several instances on one database share the same keys (docs/operations.md).
 * @param notifications notifications: the SMTP server (none: no e-mail), whether webhooks may go to private
 *                    addresses, the public URL their links start with
 */
public record ServerConfig(Path dataDir, String host, int port, Optional<String> databaseUrl, Duration scanInterval,
                           Optional<String> metricsToken, Optional<OidcConfig> oidc, boolean localPasswords,
                           Optional<Policy> witnessPolicy, Optional<LogPlace> logPlace, Optional<Path> keyDir,
                           NotifyConfig notifications) {
    /** Scans once a day: metering exports arrive daily, and findings are reviewed by people, not paged. */
    public static final Duration DEFAULT_SCAN_INTERVAL = Duration.ofDays(1);

    /** The shortest metrics token accepted: it is checked on every request, from anywhere the port is reachable. */
    public static final int MIN_METRICS_TOKEN_LENGTH = 16;

    public ServerConfig(Path dataDir, String host, int port, Optional<String> databaseUrl) {
        this(dataDir, host, port, databaseUrl, DEFAULT_SCAN_INTERVAL);
    }

    /** No metrics token and no single sign-on; people sign in with passwords. */
    public ServerConfig(Path dataDir, String host, int port, Optional<String> databaseUrl, Duration scanInterval) {
        this(dataDir, host, port, databaseUrl, scanInterval, Optional.empty(), Optional.empty(), true, Optional.empty(),
                Optional.empty(), Optional.empty(), NotifyConfig.DEFAULT);
    }

    public ServerConfig {
        Objects.requireNonNull(metricsToken, "metricsToken");
        metricsToken.ifPresent(t -> {
            if (t.length() < MIN_METRICS_TOKEN_LENGTH || !t.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("the metrics token must be at least " + MIN_METRICS_TOKEN_LENGTH
                        + " printable ASCII characters without spaces");
            }
        });
        Objects.requireNonNull(oidc, "oidc");
        Objects.requireNonNull(witnessPolicy, "witnessPolicy");
        Objects.requireNonNull(logPlace, "logPlace");
        Objects.requireNonNull(keyDir, "keyDir");
        Objects.requireNonNull(notifications, "notifications");
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

    /**
     * Loopback on the given port, with {@code DATABASE_URL} and {@code PLUMBLINE_METRICS_TOKEN} from the
     * environment if they are set (the environment, not a command-line option, so that the token does not
     * show in the process list).
     */
    public static ServerConfig of(Path dataDir, int port) {
        return new ServerConfig(dataDir, "127.0.0.1", port, env("DATABASE_URL"), DEFAULT_SCAN_INTERVAL,
                env("PLUMBLINE_METRICS_TOKEN"), Optional.empty(), true, Optional.empty(), Optional.empty(), Optional.empty(),
                NotifyConfig.DEFAULT);
    }

    private static Optional<String> env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** The same configuration with another scan interval. */
    public ServerConfig withScanInterval(Duration interval) {
        return new ServerConfig(dataDir, host, port, databaseUrl, interval, metricsToken, oidc, localPasswords, witnessPolicy, logPlace, keyDir, notifications);
    }

    /** The same configuration with a metrics token (see {@code metricsToken} above). */
    public ServerConfig withMetricsToken(String token) {
        return new ServerConfig(dataDir, host, port, databaseUrl, scanInterval, Optional.of(token), oidc, localPasswords, witnessPolicy, logPlace, keyDir, notifications);
    }

    /** The same configuration with single sign-on through {@code provider}. */
    public ServerConfig withOidc(OidcConfig provider) {
        return new ServerConfig(dataDir, host, port, databaseUrl, scanInterval, metricsToken, Optional.of(provider),
                localPasswords, witnessPolicy, logPlace, keyDir, notifications);
    }

    /** The same configuration with passwords allowed or not (see {@link #localPasswords()}). */
    public ServerConfig withLocalPasswords(boolean allowed) {
        return new ServerConfig(dataDir, host, port, databaseUrl, scanInterval, metricsToken, oidc, allowed, witnessPolicy, logPlace, keyDir, notifications);
    }

    /** The same configuration with witnesses (see {@code witnessPolicy} above). */
    public ServerConfig withWitnessPolicy(Policy policy) {
        return new ServerConfig(dataDir, host, port, databaseUrl, scanInterval, metricsToken, oidc, localPasswords,
                Optional.of(policy), logPlace, keyDir, notifications);
    }

    /** The same configuration with the log in {@code place} (see {@code logPlace} above). */
    public ServerConfig withLogPlace(LogPlace place) {
        return new ServerConfig(dataDir, host, port, databaseUrl, scanInterval, metricsToken, oidc, localPasswords,
                witnessPolicy, Optional.of(place), keyDir, notifications);
    }

    /** The same configuration with the signing keys in {@code dir} (see {@code keyDir} above). */
    public ServerConfig withKeyDir(Path dir) {
        return new ServerConfig(dataDir, host, port, databaseUrl, scanInterval, metricsToken, oidc, localPasswords,
                witnessPolicy, logPlace, Optional.of(dir), notifications);
    }

    /** The same configuration with these notification settings (see {@code notifications} above). */
    public ServerConfig withNotifications(NotifyConfig settings) {
        return new ServerConfig(dataDir, host, port, databaseUrl, scanInterval, metricsToken, oidc, localPasswords,
                witnessPolicy, logPlace, keyDir, settings);
    }

    /** Where the log is kept: {@code logPlace}, or {@code dataDir/log}. */
    public LogPlace log() {
        return logPlace.orElseGet(() -> new LogPlace.Directory(dataDir.toAbsolutePath().resolve("log")));
    }

    /** Where the signing keys are kept: {@code keyDir}, or {@code dataDir/keys}. */
    public Path keys() {
        return keyDir.orElseGet(() -> dataDir.resolve("keys"));
    }

    /** Leaves the metrics token (a secret) out, and the database URL, which may carry a password. */
    @Override
    public String toString() {
        return "ServerConfig[dataDir=" + dataDir + ", host=" + host + ", port=" + port + ", databaseUrl="
                + (databaseUrl.isPresent() ? "(set)" : "(embedded)") + ", scanInterval=" + scanInterval
                + ", metricsToken=" + (metricsToken.isPresent() ? "(set)" : "(none)")
                + ", oidc=" + oidc.map(OidcConfig::toString).orElse("(none)") + ", localPasswords=" + localPasswords
                + ", witnesses=" + (witnessPolicy.isPresent() ? "(policy)" : "(none)") + ", log=" + log()
                + ", keys=" + keys()
                + ", smtp=" + notifications.smtp().map(Object::toString).orElse("(none)")
                + ", privateWebhooks=" + notifications.allowPrivateWebhooks() + "]";
    }
}
