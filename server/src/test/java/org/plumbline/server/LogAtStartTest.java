package org.plumbline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.plumbline.core.domain.BodyKind;
import org.plumbline.core.domain.NewCustomer;

/**
 * At start the server checks the whole log against the database, not just its last entry: an early
 * entry or hash altered in the stored tiles (which are served publicly as they are) makes it refuse to
 * start, naming the entry, and so does a record altered in the database after it was published. The log
 * holds 300 records, so the altered ones are in full tiles, which nothing else reads at start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogAtStartTest {
    private static final Path DIR = Path.of("target", "log-at-start").toAbsolutePath();
    private static final ServerConfig CONFIG = new ServerConfig(DIR, "127.0.0.1", 0, Optional.empty());
    private static final int RECORDS = 300;

    @BeforeAll
    static void aStoppedServerWithSeveralHundredRecords() throws Exception {
        TestServer.deleteRecursively(DIR);
        try (PlumblineServer server = PlumblineServer.start(CONFIG)) {
            for (int i = 0; i < RECORDS; i++) {
                server.core().customers().register(new NewCustomer("Customer " + i, BodyKind.AGENCY, "NL", null), "tester");
            }
            assertThat(server.log().catchUp()).isGreaterThanOrEqualTo(RECORDS);
        }
    }

    @Test
    void anUntouchedLogStarts() throws Exception {
        try (PlumblineServer server = PlumblineServer.start(CONFIG)) {
            assertThat(server.log().size()).isGreaterThanOrEqualTo(RECORDS);
        }
    }

    @Test
    void anEntryAlteredInAFullBundleIsRefusedNamingIt() throws Exception {
        Path bundle = DIR.resolve("log/tile/entries/000");
        byte[] original = Files.readAllBytes(bundle);
        // Entries are uint16 length || bytes; flip one byte inside entry 3 (an ASCII letter of its JSON).
        int offset = 0;
        for (int i = 0; i < 3; i++) {
            offset += 2 + (((original[offset] & 0xFF) << 8) | (original[offset + 1] & 0xFF));
        }
        int length = ((original[offset] & 0xFF) << 8) | (original[offset + 1] & 0xFF);
        byte[] altered = original.clone();
        altered[offset + 2 + length / 2] ^= 0x01;
        Files.write(bundle, altered);
        try {
            assertThatThrownBy(() -> PlumblineServer.start(CONFIG).close())
                    .satisfies(e -> System.out.println("altered entry bundle: " + messages(e)))
                    .satisfies(e -> assertThat(messages(e)).containsPattern("entry 3\\b"));
        } finally {
            Files.write(bundle, original);
        }
    }

    @Test
    void aHashAlteredInAFullTileIsRefusedNamingTheEntry() throws Exception {
        Path tile = DIR.resolve("log/tile/0/000");
        byte[] original = Files.readAllBytes(tile);
        byte[] altered = original.clone();
        altered[5 * 32 + 7] ^= 0x01; // the hash of entry 5
        Files.write(tile, altered);
        try {
            assertThatThrownBy(() -> PlumblineServer.start(CONFIG).close())
                    .satisfies(e -> System.out.println("altered hash tile: " + messages(e)))
                    .satisfies(e -> assertThat(messages(e)).containsPattern("entry 5\\b"));
        } finally {
            Files.write(tile, original);
        }
    }

    /** Last: the altered database cannot be put back, since the server that would reach it no longer starts. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aRecordAlteredInTheDatabaseAfterItWasPublishedIsRefusedNamingIt() throws Exception {
        try (PlumblineServer server = PlumblineServer.start(CONFIG)) {
            server.jdbi().useHandle(h -> {
                // log_entry is append-only by trigger; an attacker with the database's superuser is not stopped by it.
                h.execute("SET session_replication_role = replica");
                h.execute("UPDATE log_entry SET record = overlay(record PLACING '\\x01'::bytea FROM 10 FOR 1) WHERE idx = 7");
                h.execute("SET session_replication_role = origin");
            });
        }
        assertThatThrownBy(() -> PlumblineServer.start(CONFIG).close())
                .satisfies(e -> System.out.println("altered database record: " + messages(e)))
                .satisfies(e -> assertThat(messages(e)).contains("entry 7 differs between the log and the database"));
    }

    /** The message of a throwable and of its causes, as an operator reading the start-up error sees them. */
    private static String messages(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.append(t.getMessage()).append(" | ");
        }
        return out.toString();
    }
}
