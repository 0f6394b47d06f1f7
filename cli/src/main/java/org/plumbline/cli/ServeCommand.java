package org.plumbline.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.plumbline.server.PlumblineServer;
import org.plumbline.server.ServerConfig;
import org.plumbline.server.notify.NotifyConfig;
import org.plumbline.server.notify.SmtpConfig;
import org.plumbline.server.auth.Role;
import org.plumbline.server.auth.oidc.OidcConfig;
import org.plumbline.server.log.LogPlace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plumbline serve}: Plumbline for real. No demo data and no default password: an installation
 * without users opens {@code /setup} for its first administrator with a one-time token, printed once.
 * It serves until SIGTERM or Ctrl-C, then finishes the requests in flight and stops.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run Plumbline (embedded PostgreSQL by default, or DATABASE_URL) until stopped.",
            "Settings come from the options, the environment (PLUMBLINE_<KEY>, DATABASE_URL) and --config FILE, in that order.",
            "Keys: data-dir, host, port, public-url, database-url, scan-interval, metrics-token, oidc-issuer, oidc-client-id,",
            "oidc-client-secret, oidc-scopes, oidc-role-claim, oidc-roles, local-passwords, witness-policy, storage,",
            "storage-endpoint, key-dir, smtp-host, smtp-port, smtp-from, smtp-starttls, smtp-username, smtp-password,",
            "webhooks-allow-private, setup-token",
            "(see docs/operations.md)."})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "a file of key = value settings")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the database, log and keys are kept (default: ~/.plumbline)")
    Path dataDir;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "the address to listen on (default: 127.0.0.1)")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "the port to listen on (default: 8080; 0 for a free one)")
    Integer port;

    @Option(names = "--public-url", paramLabel = "URL", description = "the URL users reach Plumbline at, behind a TLS proxy")
    String publicUrl;

    @Option(names = "--storage", paramLabel = "s3://BUCKET/PREFIX|DIR",
            description = "where the log is kept (default DATA_DIR/log); credentials and region from the AWS SDK's default chain")
    String storage;

    @Option(names = "--endpoint", paramLabel = "URL", description = "with an s3:// --storage: the S3-compatible service's URL")
    String endpoint;

    @Option(names = "--key-dir", paramLabel = "DIR", description = "where the log's and directives' signing keys are kept (default DATA_DIR/keys)")
    Path keyDir;

    @Override
    public Integer call() throws Exception {
        ServerConfig serverConfig;
        Optional<String> setupToken;
        Optional<URI> publicBase;
        try {
            ServeSettings settings = ServeSettings.read(Optional.ofNullable(config), System.getenv());
            Path dir = dataDir != null ? dataDir : settings.get("data-dir").map(Path::of).orElse(ServerConfig.defaultDataDir());
            String address = host != null ? host : settings.get("host").orElse("127.0.0.1");
            int listen = port != null ? port : settings.get("port").map(p -> number("port", p)).orElse(8080);
            Duration interval = settings.get("scan-interval").map(ServeCommand::scanInterval).orElse(ServerConfig.DEFAULT_SCAN_INTERVAL);
            publicBase = Optional.ofNullable(publicUrl).or(() -> settings.get("public-url")).map(ServeCommand::publicUrl);
            ServerConfig base = new ServerConfig(dir.toAbsolutePath(), address, listen, settings.get("database-url"), interval);
            ServerConfig withMetrics = settings.get("metrics-token").map(base::withMetricsToken).orElse(base);
            Optional<OidcConfig> oidc = oidc(settings, publicBase);
            ServerConfig withOidc = oidc.map(withMetrics::withOidc).orElse(withMetrics);
            ServerConfig withWitnesses = settings.get("witness-policy").map(f -> withOidc.withWitnessPolicy(WitnessPolicies.read("witness-policy", f)))
                    .orElse(withOidc);
            ServerConfig withPasswords = withWitnesses.withLocalPasswords(settings.get("local-passwords").map(v -> bool("local-passwords", v)).orElse(true));
            ServerConfig withLog = logPlace(Optional.ofNullable(storage).or(() -> settings.get("storage")),
                    Optional.ofNullable(endpoint).or(() -> settings.get("storage-endpoint"))).map(withPasswords::withLogPlace).orElse(withPasswords);
            serverConfig = Optional.ofNullable(keyDir).or(() -> settings.get("key-dir").map(Path::of))
                    .map(d -> withLog.withKeyDir(d.toAbsolutePath())).orElse(withLog)
                    .withNotifications(notifications(settings, publicBase));
            setupToken = settings.get("setup-token");
        } catch (IllegalArgumentException e) {
            System.err.println("plumbline serve: " + e.getMessage());
            return 2;
        }
        System.out.println("Starting Plumbline (data in " + serverConfig.dataDir() + ", "
                + (serverConfig.databaseUrl().isPresent() ? "external PostgreSQL" : "embedded PostgreSQL") + ", log in "
                + serverConfig.log() + ") ...");
        PlumblineServer server;
        try {
            server = PlumblineServer.start(serverConfig);
        } catch (RuntimeException e) {
            System.err.println("plumbline serve: cannot start: " + e.getMessage());
            return 1;
        }
        Optional<String> token;
        try {
            token = server.openForProduction(setupToken);
        } catch (RuntimeException e) {
            server.close();
            System.err.println("plumbline serve: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping: finishing the requests in flight ...");
            server.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "plumbline-shutdown"));
        String base = publicBase.map(URI::toString).orElse(server.url());
        System.out.println("Plumbline is running at " + server.url() + "/" + (publicBase.isPresent() ? " (public URL " + base + ")" : ""));
        System.out.println(serverConfig.notifications().smtp().map(m -> "Notifications by e-mail through " + m.host() + ":" + m.port() + ".")
                .orElse("No SMTP server configured: notifications go to webhooks only (smtp-host)."));
        if (serverConfig.notifications().allowPrivateWebhooks()) {
            System.out.println("Webhooks may go to loopback, link-local and private addresses (webhooks-allow-private).");
        }
        serverConfig.oidc().ifPresent(o -> System.out.println("Single sign-on through " + o.issuer()
                + (serverConfig.localPasswords() ? " (passwords also work)" : " only (passwords are off)") + "."));
        if (token.isPresent()) {
            System.out.println();
            System.out.println("This installation has no users yet. Create the first administrator at " + base + "/setup");
            if (setupToken.isPresent()) {
                System.out.println("with the setup token you gave in the environment or configuration.");
            } else {
                System.out.println("with this one-time setup token (it is shown only now, and works once):");
                System.out.println();
                System.out.println("  " + token.get());
            }
            System.out.println();
        }
        stopped.await();
        return 0;
    }

    /** Single sign-on, if {@code oidc-issuer} is set; then client id, role claim and roles are required too. */
    static Optional<OidcConfig> oidc(ServeSettings settings, Optional<URI> publicBase) {
        Optional<String> issuer = settings.get("oidc-issuer");
        if (issuer.isEmpty()) {
            for (String key : List.of("oidc-client-id", "oidc-client-secret", "oidc-scopes", "oidc-role-claim", "oidc-roles")) {
                if (settings.get(key).isPresent()) {
                    throw new IllegalArgumentException(key + " is set but oidc-issuer is not");
                }
            }
            return Optional.empty();
        }
        String clientId = settings.get("oidc-client-id").orElseThrow(() -> new IllegalArgumentException("oidc-issuer needs oidc-client-id"));
        String claim = settings.get("oidc-role-claim").orElseThrow(() -> new IllegalArgumentException("oidc-issuer needs oidc-role-claim"));
        String pairs = settings.get("oidc-roles").orElseThrow(() -> new IllegalArgumentException("oidc-issuer needs oidc-roles"));
        Map<String, Role> roles = new LinkedHashMap<>();
        for (String pair : pairs.split(",")) {
            String[] kv = pair.strip().split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException("oidc-roles: expected value=role, got \"" + pair.strip() + "\"");
            }
            Role role = Role.byId(kv[1].strip()).orElseThrow(() -> new IllegalArgumentException("oidc-roles: unknown role \""
                    + kv[1].strip() + "\" (roles: " + Arrays.stream(Role.values()).filter(r -> r != Role.PUBLIC && !r.machine())
                    .map(Role::id).collect(Collectors.joining(", ")) + ")"));
            roles.put(kv[0].strip(), role);
        }
        URI issuerUri;
        try {
            issuerUri = URI.create(issuer.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("oidc-issuer: not a URL: \"" + issuer.get() + "\"");
        }
        OidcConfig config = OidcConfig.of(issuerUri, clientId, claim, roles);
        config = settings.get("oidc-client-secret").map(config::withClientSecret).orElse(config);
        config = settings.get("oidc-scopes").map(v -> List.of(v.strip().split("[\\s,]+"))).map(config::withScopes).orElse(config);
        return Optional.of(publicBase.map(config::withPublicUrl).orElse(config));
    }

    /** The log's place from {@code storage} and {@code storage-endpoint}, parsed as the log commands parse theirs. */
    static Optional<LogPlace> logPlace(Optional<String> storage, Optional<String> endpoint) {
        if (storage.isEmpty()) {
            if (endpoint.isPresent()) {
                throw new IllegalArgumentException("storage-endpoint is set but storage is not");
            }
            return Optional.empty();
        }
        Optional<URI> service;
        try {
            service = endpoint.map(e -> URI.create(e.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("storage-endpoint: not a URL");
        }
        String place = storage.get().strip();
        try {
            return Optional.of(LogPlace.parse(place.startsWith("s3://") ? place : Path.of(place).toAbsolutePath().toString(), service));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("storage: " + e.getMessage());
        }
    }

    /** Notifications: e-mail if {@code smtp-host} is set (then {@code smtp-from} is required too), and where webhooks may go. */
    static NotifyConfig notifications(ServeSettings settings, Optional<URI> publicBase) {
        NotifyConfig config = NotifyConfig.DEFAULT.withPrivateWebhooks(
                settings.get("webhooks-allow-private").map(v -> bool("webhooks-allow-private", v)).orElse(false));
        config = publicBase.map(config::withPublicUrl).orElse(config);
        Optional<String> host = settings.get("smtp-host");
        if (host.isEmpty()) {
            for (String key : List.of("smtp-port", "smtp-from", "smtp-starttls", "smtp-username", "smtp-password")) {
                if (settings.get(key).isPresent()) {
                    throw new IllegalArgumentException(key + " is set but smtp-host is not");
                }
            }
            return config;
        }
        String from = settings.get("smtp-from").orElseThrow(() -> new IllegalArgumentException("smtp-host needs smtp-from"));
        int port = settings.get("smtp-port").map(p -> number("smtp-port", p)).orElse(587);
        boolean starttls = settings.get("smtp-starttls").map(v -> bool("smtp-starttls", v)).orElse(true);
        try {
            return config.withSmtp(new SmtpConfig(host.get().strip(), port, from.strip(), starttls, settings.get("smtp-username"),
                    settings.get("smtp-password")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("smtp: " + e.getMessage());
        }
    }

    private static Duration scanInterval(String value) {
        try {
            return ScanInterval.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scan-interval: " + e.getMessage());
        }
    }

    private static boolean bool(String key, String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + ": expected true or false, got \"" + value + "\"");
        };
    }

    private static int number(String key, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number: \"" + value + "\"");
        }
    }

    private static URI publicUrl(String text) {
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("public-url: not a URL: \"" + text + "\"");
        }
        boolean noPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null || !noPath
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            // Plumbline's pages link from the root: it is served at a host's root, not under a path.
            throw new IllegalArgumentException("public-url: expected http(s)://host[:port], got \"" + text + "\"");
        }
        String s = uri.toString();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }
}
