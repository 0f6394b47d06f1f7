package org.plumbline.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of {@code plumbline serve}, from three places, the first that has a key winning: the
 * command line, the environment ({@code PLUMBLINE_} and the key in upper case with {@code _} for
 * {@code -}, e.g. {@code PLUMBLINE_PUBLIC_URL}; {@code DATABASE_URL} also works), and a configuration file
 * of {@code key = value} lines ({@code #} starts a comment). A key the file does not know is an error that
 * names the file and line, not a setting silently ignored. Secrets (the database URL's password, the setup
 * token) belong in the environment or the file, never on the command line, where {@code ps} shows them.
 */
final class ServeSettings {
    /** Every key, with what it is for (printed in errors and in {@code plumbline serve --help}). */
    static final Map<String, String> KEYS = keys();

    private final Map<String, String> values;

    private ServeSettings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    private static Map<String, String> keys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("data-dir", "where the embedded database, the log and the keys are kept");
        k.put("host", "the address to listen on (default 127.0.0.1)");
        k.put("port", "the port to listen on (default 8080)");
        k.put("public-url", "the URL users reach Plumbline at, e.g. https://plumbline.example.org (behind a TLS proxy)");
        k.put("database-url", "an external PostgreSQL: postgres://user:password@host:5432/db (default: embedded)");
        k.put("scan-interval", "how often usage is scanned against the declarations: 24h, 30m, 7d, PT6H or off");
        k.put("metrics-token", "the bearer token that opens /metrics to clients other than this machine (at least 16 characters)");
        k.put("oidc-issuer", "single sign-on: the OpenID provider's issuer URL (https)");
        k.put("oidc-client-id", "single sign-on: this server's client id at the provider");
        k.put("oidc-client-secret", "single sign-on: the client secret (leave out for a public client; PKCE is always used)");
        k.put("oidc-scopes", "single sign-on: scopes, space-separated (default: openid profile email)");
        k.put("oidc-role-claim", "single sign-on: the ID token claim holding groups or roles, e.g. groups");
        k.put("oidc-roles", "single sign-on: claim value=role pairs, comma-separated, e.g. hr-reviewers=reviewer, it-admins=admin");
        k.put("local-passwords", "whether people may sign in with a password: true (default) or false (single sign-on only)");
        k.put("witness-policy", "a C2SP tlog-policy file naming this log and its witnesses; checkpoints are published once a quorum cosigned them");
        k.put("storage", "where the log is kept: s3://BUCKET/PREFIX or a directory (default DATA_DIR/log); shared by every instance on one database");
        k.put("storage-endpoint", "with an s3:// storage: the S3-compatible service's URL (path-style addressing); default AWS");
        k.put("key-dir", "where the log's and the directives' signing keys are kept (default DATA_DIR/keys); the same keys for every instance");
        k.put("smtp-host", "notifications by e-mail: the SMTP server (default: none, no e-mail is sent)");
        k.put("smtp-port", "notifications by e-mail: the SMTP port (default 587)");
        k.put("smtp-from", "notifications by e-mail: the sender address, e.g. plumbline@example.org");
        k.put("smtp-starttls", "notifications by e-mail: require STARTTLS, true (default) or false (a relay on this machine)");
        k.put("smtp-username", "notifications by e-mail: the SMTP account (leave out for a relay that needs none)");
        k.put("smtp-password", "notifications by e-mail: its password (in the environment or the file, never on the command line)");
        k.put("webhooks-allow-private", "whether webhooks may go to loopback, link-local and private addresses: false (default) or true");
        k.put("setup-token", "the one-time token for creating the first administrator (default: a new one, printed once)");
        return Map.copyOf(k);
    }

    /**
     * Reads {@code file} (if given) and the environment.
     *
     * @throws IllegalArgumentException naming the file and line of anything it cannot use
     */
    static ServeSettings read(Optional<Path> file, Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        if (file.isPresent()) {
            values.putAll(parse(file.get()));
        }
        for (String key : KEYS.keySet()) {
            String value = environment.get(environmentName(key));
            if (value != null && !value.isBlank()) {
                values.put(key, value.strip());
            }
        }
        String databaseUrl = environment.get("DATABASE_URL");
        if (databaseUrl != null && !databaseUrl.isBlank() && !environment.containsKey(environmentName("database-url"))) {
            values.put("database-url", databaseUrl.strip());
        }
        return new ServeSettings(values);
    }

    static String environmentName(String key) {
        return "PLUMBLINE_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Map<String, String> parse(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = file + ":" + (i + 1);
            if (line.isEmpty() || line.startsWith("#")) continue;
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(where + ": expected key = value, got \"" + printable(line) + "\"");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (!KEYS.containsKey(key)) {
                throw new IllegalArgumentException(where + ": unknown setting \"" + printable(key) + "\" (known: "
                        + String.join(", ", KEYS.keySet().stream().sorted().toList()) + ")");
            }
            if (out.containsKey(key)) {
                throw new IllegalArgumentException(where + ": \"" + key + "\" is set twice");
            }
            if (value.codePoints().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException(where + ": the value of \"" + key + "\" contains a control character");
            }
            out.put(key, value);
        }
        return out;
    }

    /** The value of {@code key}, if any place set it. */
    Optional<String> get(String key) {
        if (!KEYS.containsKey(key)) throw new IllegalArgumentException("no setting " + key);
        return Optional.ofNullable(values.get(key));
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> b.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
        return b.toString();
    }
}
