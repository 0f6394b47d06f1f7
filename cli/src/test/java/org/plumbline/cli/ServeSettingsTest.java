package org.plumbline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.server.auth.Role;
import org.plumbline.server.auth.oidc.OidcConfig;
import org.plumbline.server.log.LogPlace;

/** Where {@code plumbline serve}'s settings come from, which wins, and how a bad one is named. */
class ServeSettingsTest {

    @Test
    void theEnvironmentWinsOverTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plumbline.conf");
        Files.writeString(file, "# comment\n\nport = 9000\nhost=0.0.0.0\ndatabase-url = postgres://file/db\n");
        ServeSettings s = ServeSettings.read(Optional.of(file), Map.of("PLUMBLINE_PORT", "9100", "DATABASE_URL", "postgres://env/db",
                "PLUMBLINE_JAVA_OPTS", "-Xmx1g"));
        assertThat(s.get("port")).contains("9100");
        assertThat(s.get("host")).contains("0.0.0.0");
        assertThat(s.get("database-url")).contains("postgres://env/db");
        assertThat(ServeSettings.read(Optional.empty(), Map.of("DATABASE_URL", "postgres://a/db",
                "PLUMBLINE_DATABASE_URL", "postgres://b/db")).get("database-url")).contains("postgres://b/db");
        assertThat(ServeSettings.environmentName("public-url")).isEqualTo("PLUMBLINE_PUBLIC_URL");
    }

    @Test
    void aBadFileIsNamedByFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, "port = 1\nlisten = 0.0.0.0\n");
        assertThatThrownBy(() -> ServeSettings.read(Optional.of(file), Map.of()))
                .hasMessage(file + ":2: unknown setting \"listen\" (known: " + String.join(", ",
                        ServeSettings.KEYS.keySet().stream().sorted().toList()) + ")");
        Files.writeString(file, "port = 1\nport = 2\n");
        assertThatThrownBy(() -> ServeSettings.read(Optional.of(file), Map.of())).hasMessage(file + ":2: \"port\" is set twice");
        Files.writeString(file, "\nport 8080\n");
        assertThatThrownBy(() -> ServeSettings.read(Optional.of(file), Map.of()))
                .hasMessage(file + ":2: expected key = value, got \"port 8080\"");
        Files.writeString(file, "host = a\u0001b\n");
        assertThatThrownBy(() -> ServeSettings.read(Optional.of(file), Map.of()))
                .hasMessage(file + ":1: the value of \"host\" contains a control character");
        assertThatThrownBy(() -> ServeSettings.read(Optional.of(dir.resolve("missing.conf")), Map.of()))
                .hasMessage(dir.resolve("missing.conf") + ": no such file");
    }

    @Test
    void singleSignOnSettingsBecomeAProviderConfiguration() {
        ServeSettings s = ServeSettings.read(Optional.empty(), Map.of(
                "PLUMBLINE_OIDC_ISSUER", "https://login.example.org/realms/provider",
                "PLUMBLINE_OIDC_CLIENT_ID", "plumbline",
                "PLUMBLINE_OIDC_CLIENT_SECRET", "s3cret",
                "PLUMBLINE_OIDC_SCOPES", "openid groups",
                "PLUMBLINE_OIDC_ROLE_CLAIM", "groups",
                "PLUMBLINE_OIDC_ROLES", "hr-reviewers=reviewer, hr-approvers = approver"));
        OidcConfig oidc = ServeCommand.oidc(s, Optional.of(URI.create("https://plumbline.example.org"))).orElseThrow();
        assertThat(oidc.issuer()).isEqualTo(URI.create("https://login.example.org/realms/provider"));
        assertThat(oidc.clientSecret()).contains("s3cret");
        assertThat(oidc.scopes()).containsExactly("openid", "groups");
        assertThat(oidc.roles()).isEqualTo(Map.of("hr-reviewers", Role.REVIEWER, "hr-approvers", Role.APPROVER));
        assertThat(oidc.publicUrl()).contains(URI.create("https://plumbline.example.org"));
        assertThat(ServeCommand.oidc(ServeSettings.read(Optional.empty(), Map.of()), Optional.empty())).isEmpty();
    }

    @Test
    void incompleteOrWrongSingleSignOnSettingsAreNamed() {
        assertThatThrownBy(() -> ServeCommand.oidc(ServeSettings.read(Optional.empty(),
                Map.of("PLUMBLINE_OIDC_CLIENT_ID", "plumbline")), Optional.empty()))
                .hasMessage("oidc-client-id is set but oidc-issuer is not");
        assertThatThrownBy(() -> ServeCommand.oidc(ServeSettings.read(Optional.empty(), Map.of(
                "PLUMBLINE_OIDC_ISSUER", "https://login.example.org", "PLUMBLINE_OIDC_CLIENT_ID", "plumbline",
                "PLUMBLINE_OIDC_ROLE_CLAIM", "groups", "PLUMBLINE_OIDC_ROLES", "x=superuser")), Optional.empty()))
                .hasMessageStartingWith("oidc-roles: unknown role \"superuser\"");
        assertThatThrownBy(() -> ServeCommand.oidc(ServeSettings.read(Optional.empty(), Map.of(
                "PLUMBLINE_OIDC_ISSUER", "https://login.example.org", "PLUMBLINE_OIDC_CLIENT_ID", "plumbline")), Optional.empty()))
                .hasMessage("oidc-issuer needs oidc-role-claim");
    }

    @Test
    void theLogsStorageIsABucketOrADirectoryAndABadOneIsNamed() {
        ServeSettings s = ServeSettings.read(Optional.empty(), Map.of("PLUMBLINE_STORAGE", "s3://plumbline-log/prod/",
                "PLUMBLINE_STORAGE_ENDPOINT", "http://127.0.0.1:9000", "PLUMBLINE_KEY_DIR", "/etc/plumbline/keys"));
        LogPlace place = ServeCommand.logPlace(s.get("storage"), s.get("storage-endpoint")).orElseThrow();
        assertThat(place).isInstanceOf(LogPlace.Bucket.class);
        assertThat(((LogPlace.Bucket) place).location().prefix()).isEqualTo("prod");
        assertThat(((LogPlace.Bucket) place).location().endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(s.get("key-dir")).contains("/etc/plumbline/keys");
        assertThat(ServeCommand.logPlace(Optional.of("/srv/plumbline/log"), Optional.empty()).orElseThrow())
                .isEqualTo(new LogPlace.Directory(Path.of("/srv/plumbline/log")));
        assertThat(ServeCommand.logPlace(Optional.empty(), Optional.empty())).isEmpty();

        assertThatThrownBy(() -> ServeCommand.logPlace(Optional.empty(), Optional.of("http://127.0.0.1:9000")))
                .hasMessage("storage-endpoint is set but storage is not");
        assertThatThrownBy(() -> ServeCommand.logPlace(Optional.of("/srv/log"), Optional.of("http://127.0.0.1:9000")))
                .hasMessageStartingWith("storage: ").hasMessageContaining("only with an s3://");
        assertThatThrownBy(() -> ServeCommand.logPlace(Optional.of("s3://UPPER/log"), Optional.empty()))
                .hasMessageStartingWith("storage: ").hasMessageContaining("not an S3 bucket name");
        assertThatThrownBy(() -> ServeCommand.logPlace(Optional.of("s3://bucket/a\u0001b"), Optional.empty()))
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> ServeCommand.logPlace(Optional.of("s3://bucket/log"), Optional.of("ftp://host/")))
                .hasMessageContaining("is not an http(s) URL");
        assertThatThrownBy(() -> ServeCommand.logPlace(Optional.of("s3://bucket/log"), Optional.of("http://a b")))
                .hasMessage("storage-endpoint: not a URL");
    }

    @Test
    void smtpSettingsMakeTheNotificationsMailServerAndIncompleteOnesAreNamed() {
        var config = ServeCommand.notifications(ServeSettings.read(Optional.empty(), Map.of(
                "PLUMBLINE_SMTP_HOST", "mail.example.org", "PLUMBLINE_SMTP_FROM", "plumbline@example.org",
                "PLUMBLINE_SMTP_USERNAME", "plumbline", "PLUMBLINE_SMTP_PASSWORD", "s3cret")), Optional.empty());
        var smtp = config.smtp().orElseThrow();
        assertThat(smtp.host()).isEqualTo("mail.example.org");
        assertThat(smtp.port()).isEqualTo(587);
        assertThat(smtp.starttls()).isTrue();
        assertThat(smtp.toString()).doesNotContain("s3cret");
        assertThat(config.allowPrivateWebhooks()).isFalse();

        var none = ServeCommand.notifications(ServeSettings.read(Optional.empty(), Map.of("PLUMBLINE_WEBHOOKS_ALLOW_PRIVATE", "true")),
                Optional.of(URI.create("https://plumbline.example.org")));
        assertThat(none.smtp()).isEmpty();
        assertThat(none.allowPrivateWebhooks()).isTrue();
        assertThat(none.publicUrl()).contains(URI.create("https://plumbline.example.org"));

        assertThatThrownBy(() -> ServeCommand.notifications(ServeSettings.read(Optional.empty(),
                Map.of("PLUMBLINE_SMTP_FROM", "plumbline@example.org")), Optional.empty()))
                .hasMessage("smtp-from is set but smtp-host is not");
        assertThatThrownBy(() -> ServeCommand.notifications(ServeSettings.read(Optional.empty(),
                Map.of("PLUMBLINE_SMTP_HOST", "mail.example.org")), Optional.empty()))
                .hasMessage("smtp-host needs smtp-from");
        assertThatThrownBy(() -> ServeCommand.notifications(ServeSettings.read(Optional.empty(), Map.of(
                "PLUMBLINE_SMTP_HOST", "mail.example.org", "PLUMBLINE_SMTP_FROM", "x@example.org\r\nBcc: y@example.org")),
                Optional.empty())).hasMessageStartingWith("smtp: ");
        assertThatThrownBy(() -> ServeCommand.notifications(ServeSettings.read(Optional.empty(), Map.of(
                "PLUMBLINE_SMTP_HOST", "mail.example.org", "PLUMBLINE_SMTP_FROM", "x@example.org", "PLUMBLINE_SMTP_USERNAME", "u")),
                Optional.empty())).hasMessage("smtp: give both an SMTP username and password, or neither");
    }
}
