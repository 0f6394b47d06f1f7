package org.plumbline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plumbline.core.record.LogRecord;
import org.plumbline.log.hash.Sha256;

class LogEntriesTest {
    private static Database db;
    private static LogEntries log;
    private static final SecureRandom RANDOM = new SecureRandom();

    @BeforeAll
    static void start() {
        db = TestDatabases.fresh();
        log = new LogEntries(db);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static LogRecord.Sealed record(String subject) {
        return LogRecord.builder("case.opened", subject, "user/1", Instant.now())
                .field("title", "t").confidential("summary", "secret summary").seal(RANDOM);
    }

    @Test
    void appendsDenseIndicesReadableInOrder() {
        long before = log.count();
        LogRecord.Sealed a = record("case/a");
        LogRecord.Sealed b = record("case/b");
        long ia = db.inTransaction(h -> LogEntries.append(h, a));
        long ib = db.inTransaction(h -> LogEntries.append(h, b));
        assertThat(ia).isEqualTo(before);
        assertThat(ib).isEqualTo(before + 1);
        assertThat(log.count()).isEqualTo(before + 2);
        List<byte[]> read = log.read(before, 10);
        assertThat(read).hasSize(2);
        assertThat(read.get(0)).isEqualTo(a.record().bytes());
        assertThat(read.get(1)).isEqualTo(b.record().bytes());
        assertThat(log.indexOf(Sha256.digest(b.record().bytes()))).hasValue(ib);
        assertThat(log.indexOf(Sha256.digest("not logged".getBytes(StandardCharsets.UTF_8)))).isEmpty();
        assertThat(log.record(ib + 1000)).isEmpty();
        assertThat(log.forSubject("case/b")).singleElement().satisfies(l -> assertThat(l.index()).isEqualTo(ib));
        assertThat(db.withHandle(h -> LogEntries.secret(h, ia, "summary")).orElseThrow().reveal()
                .verify(a.record().bytes())).isTrue();
        assertThat(new String(read.get(0), StandardCharsets.UTF_8)).doesNotContain("secret summary");
    }

    @Test
    void pagesFilterByTypeSubjectAndPeriodNewestFirst() {
        try (Database own = TestDatabases.fresh()) {
            LogEntries entries = new LogEntries(own);
            for (int i = 0; i < 7; i++) {
                String type = i % 3 == 0 ? "decision.made" : "case.opened";
                LogRecord.Sealed r = LogRecord.builder(type, "case/" + (i % 2), "user/1", Instant.now()).seal(RANDOM);
                own.inTransaction(h -> LogEntries.append(h, r));
            }
            assertThat(entries.page(null, null, null, null, Long.MAX_VALUE, 3)).extracting(l -> l.index())
                    .containsExactly(6L, 5L, 4L);
            assertThat(entries.page(null, null, null, null, 4, 3)).extracting(l -> l.index()).containsExactly(3L, 2L, 1L);
            assertThat(entries.page("decision.made", null, null, null, Long.MAX_VALUE, 10)).extracting(l -> l.index())
                    .containsExactly(6L, 3L, 0L);
            assertThat(entries.page("case.opened", "case/1", null, null, Long.MAX_VALUE, 10)).extracting(l -> l.index())
                    .containsExactly(5L, 1L);
            Instant hourAgo = Instant.now().minusSeconds(3600);
            assertThat(entries.page(null, null, hourAgo, null, Long.MAX_VALUE, 10)).hasSize(7);
            assertThat(entries.page(null, null, Instant.now().plusSeconds(3600), null, Long.MAX_VALUE, 10)).isEmpty();
            assertThat(entries.page(null, null, null, hourAgo, Long.MAX_VALUE, 10)).isEmpty();
            assertThat(entries.types()).containsExactly("case.opened", "decision.made");
        }
    }

    @Test
    void aFailureAfterTheAppendLeavesNoEntryAndNoIndexBurnt() {
        long before = log.count();
        assertThatThrownBy(() -> db.inTransaction(h -> {
            LogEntries.append(h, record("case/x"));
            return h.execute("INSERT INTO no_such_table VALUES (1)");
        })).isInstanceOf(UnableToExecuteStatementException.class);
        assertThat(log.count()).isEqualTo(before);
        assertThat(log.forSubject("case/x")).isEmpty();
        long secrets = db.withHandle(h -> h.createQuery("SELECT count(*) FROM record_secret WHERE idx >= :i")
                .bind("i", before).mapTo(Long.class).one());
        assertThat(secrets).isZero();
        // the next append takes the index the failed one would have had: no gap
        long next = db.inTransaction(h -> LogEntries.append(h, record("case/y")));
        assertThat(next).isEqualTo(before);
    }

    @Test
    void concurrentAppendersGetDistinctDenseIndices() throws Exception {
        long before = log.count();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                futures.add(pool.submit(() -> db.inTransaction(h -> LogEntries.append(h, record("case/c" + n)))));
            }
            List<Long> got = new ArrayList<>();
            for (Future<Long> f : futures) got.add(f.get());
            assertThat(got).doesNotHaveDuplicates().allMatch(i -> i >= before && i < before + 40);
        } finally {
            pool.shutdown();
        }
        assertThat(log.read(before, 100)).hasSize(40);
    }

    @Test
    void loggedRowsCannotBeChangedOrRemoved() {
        long idx = db.inTransaction(h -> LogEntries.append(h, record("case/immutable")));
        for (String sql : List.of(
                "UPDATE log_entry SET record = '\\x7b7d'::bytea WHERE idx = " + idx,
                "DELETE FROM log_entry WHERE idx = " + idx,
                "TRUNCATE log_entry CASCADE",
                "UPDATE record_secret SET salt = salt WHERE idx = " + idx,
                "UPDATE log_counter SET next = next - 1",
                "UPDATE log_counter SET next = next + 5")) {
            assertThatThrownBy(() -> db.withHandle(h -> h.execute(sql))).as(sql)
                    .isInstanceOf(UnableToExecuteStatementException.class)
                    .hasMessageMatching("(?s).*(is append-only|may only advance by one).*");
        }
        assertThat(log.record(idx)).isPresent();
    }
}
