package org.plumbline.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;

/**
 * When a statement fails, neither the values bound to it nor the row it was writing may reach an
 * exception message, and so the application log: they can be confidential case content.
 */
class DatabaseErrorLoggingTest {

    private static void assertNoMessageContains(Throwable e, String secret) {
        assertThat(e).isNotNull();
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).as(t.getClass().getName()).doesNotContain(secret);
        }
    }

    @Test
    void aFailedStatementShowsNeitherItsArgumentsNorTheFailingRow() throws Exception {
        String secret = "CONFIDENTIAL-SUMMARY-" + Api.unique();

        // Through the API and core's services: a NUL, which PostgreSQL text cannot hold, in a confidential summary.
        long engagementId = Api.engagement().get("id").asLong();
        Api.post(Role.REVIEWER, "/api/cases", """
                {"engagementId":%d,"origin":"finding","originRef":"r","title":"t","summary":"%s\\u0000","confidential":true}"""
                .formatted(engagementId, secret));
        assertThat(Files.readString(Path.of("target", "test-logs", "server.log"))).doesNotContain(secret);

        // Through the server's own Jdbi: a bound argument that fails, and a CHECK whose failing row PostgreSQL
        // would describe in the error's detail.
        var jdbi = TestServer.get().jdbi();
        assertNoMessageContains(catchThrowable(() -> jdbi.useHandle(h -> h.createUpdate(
                        "INSERT INTO server_user (username, display_name, role) VALUES ('ok-name', :d, 'auditor')")
                .bind("d", secret + "\u0000").execute())), secret);
        assertNoMessageContains(catchThrowable(() -> jdbi.useHandle(h -> h.createUpdate(
                        "INSERT INTO server_user (username, display_name, role) VALUES ('Not Valid!', :d, 'auditor')")
                .bind("d", secret).execute())), secret);
    }
}
