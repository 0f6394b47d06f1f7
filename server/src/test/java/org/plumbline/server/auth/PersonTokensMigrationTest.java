package org.plumbline.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.plumbline.server.TestServer;

/**
 * Upgrading revokes the bearer tokens that were issued to people before that was refused (V111): a
 * database migrated up to V110 with a person's and a machine's token keeps only the machine's.
 */
class PersonTokensMigrationTest {

    @Test
    void upgradingRevokesTokensOfPeopleAndKeepsMachineTokens() throws Exception {
        TestServer.EmptyDatabase db = TestServer.emptyDatabase("tokens");
        String url = db.url();
        String password = db.password();
        Flyway.configure().dataSource(url, "postgres", password)
                .locations("classpath:db/migration/core", "classpath:db/migration/server").target("110").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "postgres", password); Statement s = c.createStatement()) {
            s.execute("INSERT INTO server_user (id, username, display_name, role, password_hash) VALUES "
                    + "(1, 'pat.person', 'Pat', 'reviewer', 'x'), (2, 'provisioner', 'Provisioning', 'enforcement-system', NULL)");
            s.execute("INSERT INTO server_api_token (user_id, name, token_hash) VALUES "
                    + "(1, 'old', '\\x01'::bytea), (2, 'ci', '\\x02'::bytea)");
        }
        Flyway.configure().dataSource(url, "postgres", password)
                .locations("classpath:db/migration/core", "classpath:db/migration/server").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "postgres", password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, revoked_at IS NOT NULL FROM server_api_token ORDER BY name")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ci");
            assertThat(rs.getBoolean(2)).as("the machine's token still works").isFalse();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("old");
            assertThat(rs.getBoolean(2)).as("the person's token is revoked").isTrue();
        }
    }
}
