package org.plumbline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plumbline.core.domain.ValidationException;
import org.plumbline.core.record.LogRecord;

/** Callers' transactions sharing one commit: each still all-or-nothing, and acknowledged only once committed. */
class GroupCommitTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static Database db;
    private static LogEntries log;

    @BeforeAll
    static void start() {
        db = TestDatabases.fresh();
        log = new LogEntries(db);
        db.withHandle(h -> h.execute("CREATE TABLE group_test (caller int PRIMARY KEY, txid bigint NOT NULL)"));
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static LogRecord.Sealed record(String subject) {
        return LogRecord.builder("case.opened", subject, "user/1", Instant.now()).seal(RANDOM);
    }

    /**
     * While the committer is held by a first work, 31 callers queue; they then run as one transaction (one
     * transaction id), the failing one among them leaves nothing, the others keep dense log indices.
     */
    @Test
    void queuedCallersShareOneTransactionAndAFailingOneLeavesNoTrace() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long before = log.count();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            Future<Long> blocker = pool.submit(() -> db.inTransaction(h -> {
                holding.countDown();
                release.await(30, TimeUnit.SECONDS);
                return LogEntries.append(h, record("case/blocker"));
            }));
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            List<Future<Long>> callers = new ArrayList<>();
            for (int i = 0; i < 31; i++) {
                int caller = i;
                callers.add(pool.submit(() -> db.inTransaction(h -> {
                    long idx = LogEntries.append(h, record("case/g" + caller));
                    h.execute("INSERT INTO group_test VALUES (?, txid_current())", caller);
                    if (caller == 13) {
                        throw ValidationException.of("title", "caller 13 refuses");
                    }
                    return idx;
                })));
            }
            // Every caller is queued (the committer is still held) before the first work is let go.
            while (queuedCallers() < 31) {
                Thread.sleep(5);
            }
            release.countDown();
            assertThat(blocker.get()).isEqualTo(before);
            List<Long> indices = new ArrayList<>();
            for (int i = 0; i < 31; i++) {
                if (i == 13) {
                    int at = i;
                    assertThatThrownBy(() -> callers.get(at).get()).hasCauseInstanceOf(ValidationException.class)
                            .hasMessageContaining("caller 13 refuses");
                } else {
                    indices.add(callers.get(i).get());
                }
            }
            // Dense (in the order the callers queued), with no index for the failed caller.
            List<Long> expected = new ArrayList<>();
            for (long k = 1; k <= 30; k++) {
                expected.add(before + k);
            }
            assertThat(indices).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(log.count()).isEqualTo(before + 31);
            assertThat(log.forSubject("case/g13")).isEmpty();
            List<Long> txids = db.withHandle(h -> h.createQuery("SELECT DISTINCT txid FROM group_test WHERE caller < 31")
                    .mapTo(Long.class).list());
            assertThat(txids).hasSize(1);
            long stored13 = db.withHandle(h -> h.createQuery("SELECT count(*) FROM group_test WHERE caller = 13")
                    .mapTo(Long.class).one());
            assertThat(stored13).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    private static int queuedCallers() {
        return db.queuedWrites();
    }

    /** A failed commit (here a deferred check that fires at COMMIT) fails every caller of the group; none is stored. */
    @Test
    void aCommitThatFailsFailsEveryCallerOfTheGroupAndStoresNothing() throws Exception {
        db.withHandle(h -> h.execute("""
                CREATE TABLE group_commit_veto (v int NOT NULL);
                CREATE FUNCTION group_commit_veto() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'vetoed at commit'; END $$;
                CREATE CONSTRAINT TRIGGER group_commit_veto AFTER INSERT ON group_commit_veto
                  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION group_commit_veto();
                """));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long before = log.count();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<Long> blocker = pool.submit(() -> db.inTransaction(h -> {
                holding.countDown();
                release.await(30, TimeUnit.SECONDS);
                return 0L;
            }));
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            Future<Long> innocent = pool.submit(() -> db.inTransaction(h -> LogEntries.append(h, record("case/innocent"))));
            Future<Integer> vetoed = pool.submit(() -> db.inTransaction(h -> h.execute("INSERT INTO group_commit_veto VALUES (1)")));
            while (queuedCallers() < 2) {
                Thread.sleep(5);
            }
            release.countDown();
            blocker.get();
            assertThatThrownBy(innocent::get).rootCause().hasMessageContaining("vetoed at commit");
            assertThatThrownBy(vetoed::get).rootCause().hasMessageContaining("vetoed at commit");
            assertThat(log.count()).isEqualTo(before);
            assertThat(log.forSubject("case/innocent")).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWorkThatWritesThroughAnotherServiceJoinsItsOwnTransaction() {
        long before = log.count();
        assertThatThrownBy(() -> db.inTransaction(h -> {
            db.inTransaction(inner -> LogEntries.append(inner, record("case/inner")));
            throw new IllegalStateException("the outer work fails after the inner one");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(log.count()).isEqualTo(before);
        assertThat(log.forSubject("case/inner")).isEmpty();
    }

    @Test
    void aClosedDatabaseRefusesWork() {
        Database own = TestDatabases.fresh();
        own.close();
        assertThatThrownBy(() -> own.inTransaction(h -> 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
