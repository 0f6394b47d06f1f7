package org.plumbline.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.plumbline.core.Database;

/**
 * Core and server share one migration history. A core migration written after the server's (core V11
 * after server V111) must still reach an installed database that has the server's, instead of failing
 * validation with "resolved migration not applied".
 */
class MigrationOrderTest {

    @Test
    void aCoreMigrationNewerThanTheInstalledServerOnesStillApplies() throws Exception {
        TestServer.EmptyDatabase empty = TestServer.emptyDatabase("order");
        String url = empty.url();
        String password = empty.password();
        // An installation from before core V11: core up to V10, then every server migration.
        Flyway.configure().dataSource(url, "postgres", password).locations("classpath:db/migration/core")
                .target("10").load().migrate();
        Flyway.configure().dataSource(url, "postgres", password).locations("classpath:db/migration/server")
                .ignoreMigrationPatterns("*:missing").load().migrate();
        try (Database db = Database.connect(url, "postgres", password)) {
            db.migrate(PlumblineServer.MIGRATIONS);
        }
        try (Connection c = DriverManager.getConnection(url, "postgres", password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_indexes WHERE indexname IN ('log_entry_type', 'log_entry_logged_at')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("core V11 applied after server V111").isEqualTo(2);
        }
    }
}
