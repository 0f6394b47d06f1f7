package org.plumbline.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.core.Core;
import org.plumbline.core.CoreConfig;
import org.plumbline.core.Database;
import org.plumbline.core.domain.BodyKind;
import org.plumbline.core.domain.DirectiveSigner;
import org.plumbline.core.domain.NewCustomer;
import org.plumbline.log.LogVerifier;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.storage.DirectoryStorage;
import org.plumbline.server.TestServer;

/**
 * Two logs (as two server instances would open them) on one database and one directory, each with its own
 * {@link IntegrationLock}: exactly one integrates, the other follows the checkpoint it publishes, and when the
 * holder's database session is ended (as PostgreSQL ends it when the holder's process dies) the follower takes
 * over and the former holder stops integrating. Driven by explicit {@code catchUp} calls: the background ticks are
 * an hour apart here, so what each call does is what the test sees.
 */
class IntegrationLockTest {
    @TempDir
    Path dir;

    @Test
    void oneIntegratesTheOtherFollowsAndTakesOverWhenTheHoldersSessionEnds() throws Exception {
        TestServer.EmptyDatabase empty = TestServer.emptyDatabase("integration_lock");
        try (Database db = Database.connect(empty.url(), empty.user(), empty.password())) {
            db.migrate("classpath:db/migration/server");
            Core core = new Core(db, DirectiveSigner.loadOrCreate(dir.resolve("directive.key")), CoreConfig.standard());
            SigningKey key = TransparencyLog.loadOrCreateKey(dir.resolve("log.key"));
            Path logDir = dir.resolve("log");
            TransparencyLog a = open(logDir, key, core, db);
            TransparencyLog b = open(logDir, key, core, db);
            try {
                assertThat(a.integrates()).as("the first to open holds the lock").isTrue();
                assertThat(b.catchUp()).isEqualTo(a.size());
                assertThat(b.integrates()).isFalse();

                register(core, "one", "two", "three");
                long count = core.entries().count();
                assertThat(b.catchUp()).as("a follower does not integrate").isLessThan(count);
                assertThat(a.catchUp()).isEqualTo(count);
                assertThat(b.catchUp()).as("a follower takes up the published checkpoint").isEqualTo(count);
                assertThat(b.checkpoint()).isEqualTo(a.checkpoint());

                // The holder's session ends (its process died, or the database dropped it).
                terminateLockHolder(empty);
                register(core, "four", "five");
                long more = core.entries().count();
                // pg_terminate_backend signals the session; it ends (and frees the lock) a moment later.
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (b.catchUp() < more || !b.integrates()) {
                    assertThat(System.nanoTime()).as("the follower never took over").isLessThan(deadline);
                    Thread.sleep(20);
                }
                assertThat(a.catchUp()).as("the former holder only follows now").isEqualTo(more);
                assertThat(a.integrates()).isFalse();

                assertThat(LogVerifier.verify(DirectoryStorage.open(logDir), key.verifierKey()).size()).isEqualTo(more);
            } finally {
                a.close();
                b.close();
            }
        }
    }

    @Test
    void aLockIsHeldByOneSessionAtATimeAndFreedWhenItCloses() throws Exception {
        TestServer.EmptyDatabase empty = TestServer.emptyDatabase("integration_lock_pair");
        try (Database db = Database.connect(empty.url(), empty.user(), empty.password());
             IntegrationLock first = new IntegrationLock(db::sessionConnection);
             IntegrationLock second = new IntegrationLock(db::sessionConnection)) {
            assertThat(first.tryHold()).isTrue();
            assertThat(second.tryHold()).isFalse();
            assertThat(first.tryHold()).as("held again: the same session").isTrue();
            first.close();
            // The server ends the closed session (and frees the lock) a moment after the client closed it.
            assertThat(holdsWithin(second, Duration.ofSeconds(30))).as("free once the holder's session ended").isTrue();
            assertThat(first.tryHold()).isFalse();
        }
    }

    /** Tries the lock until it is held or {@code bound} passed (a bound against hanging, not a measure of speed). */
    private static boolean holdsWithin(IntegrationLock lock, Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!lock.tryHold()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static TransparencyLog open(Path logDir, SigningKey key, Core core, Database db) throws Exception {
        return TransparencyLog.open(DirectoryStorage.open(logDir), logDir.toString(), key, core.entries(), Duration.ofHours(1),
                Optional.empty(), new IntegrationLock(db::sessionConnection));
    }

    private static void register(Core core, String... names) {
        for (String name : names) {
            core.customers().register(new NewCustomer("Agency " + name, BodyKind.AGENCY, "SE", null), "tests/integration-lock");
        }
    }

    /** Ends the session holding the integration lock, as PostgreSQL does when the holder's connection drops. */
    private static void terminateLockHolder(TestServer.EmptyDatabase db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                     + " AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            assertThat(r.next()).as("someone holds the lock").isTrue();
            assertThat(r.getBoolean(1)).isTrue();
            assertThat(r.next()).as("exactly one session holds it").isFalse();
        }
    }
}
