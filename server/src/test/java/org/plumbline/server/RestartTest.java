package org.plumbline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plumbline.core.domain.BodyKind;
import org.plumbline.core.domain.NewCustomer;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.SignedNote;
import org.plumbline.server.demo.DemoLogin;
import org.plumbline.server.log.TransparencyLog;
import org.plumbline.signals.cases.ScanReport;

/**
 * A data directory outlives the process: a second start finds the first run's users, demo scenario and log,
 * and the log catches up with records the database committed while nothing was integrating them.
 */
class RestartTest {
    private static long checkpointSize(byte[] note) throws Exception {
        return Checkpoint.parse(SignedNote.parse(note).text()).size();
    }

    @Test
    void aSecondRunKeepsWhatTheFirstWroteAndTheLogCatchesUp() throws Exception {
        Path dir = Path.of("target", "restart-test").toAbsolutePath();
        TestServer.deleteRecursively(dir);
        ServerConfig config = new ServerConfig(dir, "127.0.0.1", 0, Optional.empty());

        long engagements;
        long sequenced;
        String vkey;
        try (PlumblineServer first = PlumblineServer.start(config)) {
            first.loadDemo();
            engagements = first.core().engagements().list().size();
            // A record committed to the database that the integrator has not yet picked up when we stop.
            first.core().customers().register(new NewCustomer("Late customer", BodyKind.AGENCY, "NL", null), "tester");
            sequenced = first.core().entries().count();
            vkey = first.log().verifierKey();
        }
        assertThat(engagements).isGreaterThanOrEqualTo(12);
        assertThat(Files.exists(dir.resolve("keys").resolve("log.key"))).isTrue();

        try (PlumblineServer second = PlumblineServer.start(config)) {
            // What the first run's last scan did (the demo's upload) is still shown after the restart.
            assertThat(second.signals().latest()).hasValueSatisfying(r -> {
                assertThat(r.trigger()).isEqualTo(ScanReport.UPLOAD);
                assertThat(r.files()).extracting(ScanReport.IngestedFile::name).containsExactly("demo-usage.csv");
                assertThat(r.raised()).isPositive();
            });
            var logins = second.loadDemo();
            long engagementsNow = second.core().engagements().list().size();
            assertThat(engagementsNow).isEqualTo(engagements);
            assertThat(second.users().byUsername("rasmus.lindqvist")).isPresent();
            assertThat(second.log().verifierKey()).isEqualTo(vkey);
            // The log and the database agree: every sequenced record is integrated under a signed checkpoint.
            long dbCount = second.core().entries().count();
            assertThat(dbCount).isGreaterThanOrEqualTo(sequenced);
            assertThat(second.log().catchUp()).isEqualTo(dbCount);
            assertThat(checkpointSize(second.log().checkpoint())).isEqualTo(dbCount);
            byte[] lastInLog = second.log().reader().entry(dbCount - 1, dbCount);
            byte[] lastInDb = second.core().records().record(dbCount - 1).orElseThrow();
            assertThat(lastInLog).isEqualTo(lastInDb);
            // The demo sign-in printed on the second run works, and the first run's token was revoked.
            DemoLogin machine = logins.stream().filter(DemoLogin::isToken).findFirst().orElseThrow();
            assertThat(second.users().byToken(machine.secret())).isPresent();
        }
    }

    @Test
    void aDatabaseUrlSelectsAnExternalPostgres() throws Exception {
        // The shared test PostgreSQL plays the external server: a fresh database in it, named by a URL.
        String jdbc = ((com.zaxxer.hikari.HikariDataSource) TestServer.get().database().dataSource()).getJdbcUrl();
        java.net.URI server = java.net.URI.create(jdbc.substring("jdbc:".length()));
        String name = "external_" + Api.unique().replace('-', '_');
        TestServer.get().jdbi().withHandle(h -> h.execute("CREATE DATABASE " + name));
        // The embedded server asks for its generated password (URL-safe characters only).
        String password = Files.readString(Path.of("target", "test-data", "keys", "postgres.password")).strip();
        String url = "postgres://postgres:" + password + "@" + server.getHost() + ":" + server.getPort() + "/" + name;
        Path dir = Path.of("target", "external-db").toAbsolutePath();
        TestServer.deleteRecursively(dir);
        try (PlumblineServer external = PlumblineServer.start(new ServerConfig(dir, "127.0.0.1", 0, Optional.of(url)))) {
            external.loadDemo();
            long engagements = external.core().engagements().list().size();
            assertThat(engagements).isGreaterThanOrEqualTo(12);
            String database = external.jdbi().withHandle(h -> h.createQuery("SELECT current_database()")
                    .mapTo(String.class).one());
            assertThat(database).isEqualTo(name);
        }
        // No embedded PostgreSQL was started for it: only the log and keys live in the data directory.
        assertThat(Files.exists(dir.resolve("postgres"))).isFalse();
        assertThat(Files.exists(dir.resolve("log").resolve("checkpoint"))).isTrue();
    }

    @Test
    void aLogThatDoesNotBelongToTheDatabaseIsRefused() throws Exception {
        Path dir = Path.of("target", "restart-mismatch").toAbsolutePath();
        TestServer.deleteRecursively(dir);
        ServerConfig config = new ServerConfig(dir, "127.0.0.1", 0, Optional.empty());
        try (PlumblineServer first = PlumblineServer.start(config)) {
            first.loadDemo();
            first.log().catchUp();
        }
        // Replace the database with an empty one while keeping the log: the server must not start.
        TestServer.deleteRecursively(dir.resolve("postgres"));
        assertThatThrownBy(() -> PlumblineServer.start(config).close())
                .hasMessageContaining("does not belong to this database");
        assertThat(new String(Files.readAllBytes(dir.resolve("log").resolve("checkpoint")), StandardCharsets.UTF_8))
                .startsWith(TransparencyLog.DEFAULT_ORIGIN);
    }
}
