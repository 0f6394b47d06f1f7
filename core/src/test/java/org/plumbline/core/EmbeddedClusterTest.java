package org.plumbline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.core.record.LogRecord;

/**
 * The embedded cluster as an attacker on the same machine and an operator after a crash see it: no
 * connection without the generated password, and the first start after {@code kill -9} of Plumbline works.
 */
class EmbeddedClusterTest {

    @Test
    void aLocalConnectionWithoutThePasswordIsRefused(@TempDir Path dataDir) throws Exception {
        try (Database db = Database.embedded(dataDir, false).migrate()) {
            String url = jdbcUrl(db);
            assertThatThrownBy(() -> connect(url, null)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("28P01", "28000", "08004"));
            assertThatThrownBy(() -> connect(url, "plumbline-demo")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
            Path secret = dataDir.resolve("keys/postgres.password");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
            try (Connection c = connect(url, Files.readString(secret).strip()); Statement s = c.createStatement()) {
                assertThat(s.execute("SELECT 1")).isTrue();
            }
            assertThat(rules(dataDir)).isNotEmpty().noneMatch(r -> r.contains("trust") || r.contains("peer"))
                    .allMatch(r -> r.endsWith("scram-sha-256"));
        }
    }

    @Test
    void aClusterMadeWithTrustIsSwitchedToPasswordsKeepingItsData(@TempDir Path dataDir) throws Exception {
        // What an older Plumbline left behind: the binaries' defaults, every rule "trust".
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).start();
             Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA older");
            s.execute("CREATE TABLE older.kept (v text)");
            s.execute("INSERT INTO older.kept VALUES ('before')");
        }
        assertThat(rules(dataDir)).anyMatch(r -> r.endsWith("trust"));
        try (Database db = Database.embedded(dataDir, false)) {
            String url = jdbcUrl(db);
            assertThatThrownBy(() -> connect(url, null)).isInstanceOf(SQLException.class);
            try (Connection c = connect(url, Files.readString(dataDir.resolve("keys/postgres.password")).strip());
                 Statement s = c.createStatement(); var rs = s.executeQuery("SELECT v FROM older.kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("before");
            }
        }
        assertThat(rules(dataDir)).noneMatch(r -> r.endsWith("trust"));
        // and it starts again as it is now
        try (Database again = Database.embedded(dataDir, false)) {
            assertThat(new LogEntries(again.migrate()).count()).isZero();
        }
    }

    @Test
    void theFirstStartAfterKill9OfPlumblineWorks(@TempDir Path dataDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedClusterChild.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long orphan;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
            orphan = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).strip());
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        // The situation the defect describes: Plumbline is gone, its PostgreSQL is not.
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);

        try (Database db = Database.embedded(dataDir, true).migrate()) {
            assertThat(new LogEntries(db).count()).isEqualTo(1);
            LogRecord.Sealed r = LogRecord.builder("case.opened", "case/8", "user/1", Instant.now()).seal(new SecureRandom());
            db.inTransaction(h -> LogEntries.append(h, r));
            assertThat(new LogEntries(db).count()).isEqualTo(2);
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        } finally {
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroy);  // should the test fail, leave no orphan behind
        }
    }

    @Test
    void aSecondUserOfOneDataDirectoryIsRefusedByName(@TempDir Path dataDir) {
        try (Database first = Database.embedded(dataDir, false)) {
            assertThatThrownBy(() -> Database.embedded(dataDir, false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("postgres.lock").hasMessageContaining("one data directory serves one process");
            assertThat(new LogEntries(first.migrate()).count()).isZero();
        }
    }

    @Test
    void onlyPasswordlessRulesAreRewritten() {
        assertThat(EmbeddedCluster.rewriteRule("local   all   all   trust")).isEqualTo("local all all scram-sha-256");
        assertThat(EmbeddedCluster.rewriteRule("host all all 127.0.0.1/32 trust")).isEqualTo("host all all 127.0.0.1/32 scram-sha-256");
        assertThat(EmbeddedCluster.rewriteRule("host replication all ::1/128 ident")).endsWith("::1/128 scram-sha-256");
        assertThat(EmbeddedCluster.rewriteRule("# host all all 127.0.0.1/32 trust")).isEqualTo("# host all all 127.0.0.1/32 trust");
        assertThat(EmbeddedCluster.rewriteRule("host all all 127.0.0.1/32 scram-sha-256"))
                .isEqualTo("host all all 127.0.0.1/32 scram-sha-256");
        assertThat(EmbeddedCluster.rewriteRule("")).isEmpty();
    }

    private static String jdbcUrl(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return c.getMetaData().getURL();
        }
    }

    private static Connection connect(String url, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        if (password != null) p.setProperty("password", password);
        return DriverManager.getConnection(url, p);
    }

    private static List<String> rules(Path dataDir) throws Exception {
        return Files.readAllLines(dataDir.resolve("postgres/pg_hba.conf")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}
