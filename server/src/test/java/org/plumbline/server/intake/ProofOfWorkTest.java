package org.plumbline.server.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.plumbline.server.http.ApiException;

class ProofOfWorkTest {
    private final GlobalRateTest.HandClock clock = new GlobalRateTest.HandClock();

    private static void refused(Runnable r, String why) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.fields().get("proofOfWork")).contains(why);
        });
    }

    @Test
    void aCorrectAnswerIsAcceptedOnceAndAWrongOneNever() {
        ProofOfWork work = new ProofOfWork(12, clock);
        String challenge = work.challenge();
        assertThat(challenge).matches("pow1\\.[0-9a-f]{32}\\.12\\.[0-9]+\\.[0-9a-f]{64}");
        refused(() -> work.accept(new ProofOfWork.Answer(challenge, Work.wrong(challenge, 12))), "does not solve");
        ProofOfWork.Answer right = Work.solve(challenge, 12);
        work.accept(right);
        refused(() -> work.accept(right), "already answered");
        // A wrong answer did not use the challenge up; a right one did, so it cannot be tried again either.
        ProofOfWork.Answer other = Work.solve(work.challenge(), 12);
        refused(() -> work.accept(new ProofOfWork.Answer(other.challenge(), Work.wrong(other.challenge(), 12))), "does not solve");
        work.accept(other);
    }

    @Test
    void forgedExpiredForeignMalformedAndEasierChallengesAreRefused() {
        ProofOfWork work = new ProofOfWork(8, clock);
        String challenge = work.challenge();
        // Forged: the difficulty lowered, or the nonce changed, with the MAC left as it was.
        String easier = challenge.replace(".8.", ".1.");
        refused(() -> work.accept(Work.solve(easier, 1)), "not issued by this server");
        String nonce = challenge.substring(5, 37);
        String otherNonce = challenge.replace(nonce, new StringBuilder(nonce).reverse().toString());
        refused(() -> work.accept(Work.solve(otherNonce, 8)), "not issued by this server");
        // Another server's (or this one's before a restart): another secret.
        String foreign = new ProofOfWork(8, clock).challenge();
        refused(() -> work.accept(Work.solve(foreign, 8)), "not issued by this server");
        refused(() -> work.accept(new ProofOfWork.Answer("pow1.x", "1")), "not a challenge");
        refused(() -> work.accept(new ProofOfWork.Answer(challenge, "-1")), "decimal");
        refused(() -> work.accept(new ProofOfWork.Answer(challenge, "1".repeat(20))), "decimal");
        refused(() -> work.accept(new ProofOfWork.Answer(challenge + "\n", "1\u0000")), "decimal");
        // Expired: answered after its ten minutes.
        ProofOfWork.Answer late = Work.solve(challenge, 8);
        clock.now = clock.now.plus(ProofOfWork.LIFETIME).plus(Duration.ofMinutes(1));
        refused(() -> work.accept(late), "expired");
    }

    @Test
    void parallelReplaysOfOneAnswerLetExactlyOneThrough() throws Exception {
        ProofOfWork work = new ProofOfWork(10, clock);
        ProofOfWork.Answer answer = Work.solve(work.challenge(), 10);
        int n = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                results.add(pool.submit((Callable<Boolean>) () -> {
                    start.await();
                    try {
                        work.accept(answer);
                        return true;
                    } catch (ApiException e) {
                        assertThat(e.fields().get("proofOfWork")).contains("already answered");
                        return false;
                    }
                }));
            }
            start.countDown();
            int accepted = 0;
            for (Future<Boolean> f : results) if (f.get()) accepted++;
            assertThat(accepted).isEqualTo(1);
        }
    }

    @Test
    void whenTheMemoryOfAnswersIsFullNewAnswersWaitUntilOldOnesExpire() {
        ProofOfWork work = new ProofOfWork(1, clock);
        for (int i = 0; i < ProofOfWork.MAX_REMEMBERED; i++) work.accept(Work.solve(work.challenge(), 1));
        ProofOfWork.Answer next = Work.solve(work.challenge(), 1);
        assertThatThrownBy(() -> work.accept(next)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.code()).isEqualTo("busy");
        });
        // Refused, not forgotten: none of the remembered ones can be replayed meanwhile. Once they expire, room again.
        clock.now = clock.now.plus(ProofOfWork.LIFETIME).plus(Duration.ofMinutes(2));
        work.accept(Work.solve(work.challenge(), 1));
    }
}
