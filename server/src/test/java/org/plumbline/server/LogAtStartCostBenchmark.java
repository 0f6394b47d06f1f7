package org.plumbline.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plumbline.server.log.TransparencyLog;

/**
 * What the start-up check of the whole log costs at 100,000 entries: prints the time, asserts nothing about
 * it (a timed assertion fails on a busy machine, not on a slow check). Not a {@code *Test}, so the suite does
 * not run it; run it with
 * {@code ./mvnw -B -ntp -pl server -am verify -Dtest=LogAtStartCostBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * The figure is in docs/PERFORMANCE.md.
 */
class LogAtStartCostBenchmark {
    private static final int ENTRIES = 100_000;

    @Test
    void startsOnALogOfAHundredThousandEntries() throws Exception {
        Path dir = Path.of("target", "log-at-start-cost").toAbsolutePath();
        TestServer.deleteRecursively(dir);
        ServerConfig config = new ServerConfig(dir, "127.0.0.1", 0, Optional.empty());
        try (PlumblineServer server = PlumblineServer.start(config)) {
            long before = server.core().entries().count();
            // Records of about 500 bytes, as a customer or case record is, with the counter moved on past them
            // in one go (the triggers that make the counter advance by one are set aside for this set-up only).
            server.jdbi().useHandle(h -> {
                h.execute("SET session_replication_role = replica");
                h.execute("""
                        INSERT INTO log_entry (idx, record, sha256, type, subject, actor, logged_at)
                        SELECT i, r, sha256(r), 'bench.entry', 'bench/' || i, 'bench', now()
                        FROM (SELECT i, convert_to('{"bench":' || i || ',"padding":"' || repeat('x', 480) || '"}', 'UTF8') AS r
                              FROM generate_series(?, ?) AS i) AS s""", before, before + ENTRIES - 1);
                h.execute("UPDATE log_counter SET next = ?", before + ENTRIES);
                h.execute("SET session_replication_role = origin");
            });
            assertThat(server.log().catchUp()).isEqualTo(before + ENTRIES);
        }
        for (int run = 1; run <= 3; run++) {
            long started = System.nanoTime();
            try (PlumblineServer server = PlumblineServer.start(config)) {
                long millis = (System.nanoTime() - started) / 1_000_000;
                System.out.printf("start %d on a log of %,d entries: %,d ms for the whole start (the log's own "
                        + "check is logged by %s)%n", run, server.log().size(), millis, TransparencyLog.class.getSimpleName());
            }
        }
    }
}
