package org.plumbline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.core.record.LogRecord;

/** The embedded default: real PostgreSQL under a data directory, kept across restarts. */
class EmbeddedDatabaseTest {

    @Test
    void dataSurvivesARestartOnTheSameDirectory(@TempDir Path dataDir) {
        LogRecord.Sealed r = LogRecord.builder("case.opened", "case/1", "user/1", Instant.now()).field("x", 1)
                .seal(new SecureRandom());
        try (Database db = Database.embedded(dataDir, true).migrate()) {
            String sync = db.withHandle(h -> h.createQuery("SHOW synchronous_commit").mapTo(String.class).one());
            String fsync = db.withHandle(h -> h.createQuery("SHOW fsync").mapTo(String.class).one());
            assertThat(sync).isEqualTo("on");
            assertThat(fsync).isEqualTo("on");
            db.inTransaction(h -> LogEntries.append(h, r));
        }
        try (Database db = Database.embedded(dataDir, true).migrate()) {
            LogEntries log = new LogEntries(db);
            assertThat(log.count()).isEqualTo(1);
            assertThat(log.read(0, 10)).singleElement().isEqualTo(r.record().bytes());
        }
    }

    @Test
    void databaseUrlInLibpqFormConnects() throws Exception {
        try (Database fresh = TestDatabases.fresh()) {
            String jdbc = fresh.withHandle(h -> h.getConnection().getMetaData().getURL());
            // jdbc:postgresql://localhost:PORT/test_N?... -> postgres://postgres:secret@localhost:PORT/test_N
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("jdbc:postgresql://([^/]+)/([^?]+).*").matcher(jdbc);
            assertThat(m.matches()).as(jdbc).isTrue();
            try (Database viaUrl = Database.fromUrl("postgres://postgres:any%20password@" + m.group(1) + "/" + m.group(2))) {
                long count = new LogEntries(viaUrl).count();
                assertThat(count).isZero();
            }
        }
    }

    @Test
    void databaseUrlFormsAreParsedOrRefusedClearly() {
        assertThatThrownBy(() -> Database.fromUrl("mysql://u:p@localhost/db"))
                .hasMessageContaining("DATABASE_URL must start with postgres://");
    }

    @Test
    void aCommittedRecordSurvivesKill9OfPostgres(@TempDir Path dataDir) throws Exception {
        LogRecord.Sealed r = LogRecord.builder("decision.made", "case/9", "user/1", Instant.now()).field("kind", "suspend")
                .seal(new SecureRandom());
        Database db = Database.embedded(dataDir, true).migrate();
        long idx = db.inTransaction(h -> LogEntries.append(h, r));
        // the commit returned: now the server dies without a chance to flush anything
        long postmaster = Long.parseLong(java.nio.file.Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).strip());
        ProcessHandle pg = ProcessHandle.of(postmaster).orElseThrow();
        pg.destroyForcibly();
        pg.onExit().get();
        try {
            db.close();
        } catch (RuntimeException expected) {
            // stopping a server that is already dead may complain; that is fine here
        }
        try (Database again = Database.embedded(dataDir, true).migrate()) {
            LogEntries log = new LogEntries(again);
            assertThat(log.count()).isEqualTo(idx + 1);
            assertThat(log.record(idx)).hasValueSatisfying(b -> assertThat(b).isEqualTo(r.record().bytes()));
        }
    }
}
