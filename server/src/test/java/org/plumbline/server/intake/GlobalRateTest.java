package org.plumbline.server.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.plumbline.core.intake.Argon2id;
import org.plumbline.core.intake.Receipt;
import org.plumbline.server.TestServer;
import org.plumbline.server.http.ApiException;

class GlobalRateTest {
    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aBurstThenOneTokenPerSlice() {
        HandClock clock = new HandClock();
        GlobalRate rate = new GlobalRate(3, Duration.ofMinutes(3), clock);
        assertThat(rate.take()).isZero();
        assertThat(rate.take()).isZero();
        assertThat(rate.take()).isZero();
        Duration wait = rate.take();
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1).plusSeconds(1));
        clock.now = clock.now.plus(Duration.ofSeconds(59));
        assertThat(rate.take()).isPositive();
        clock.now = clock.now.plus(Duration.ofSeconds(2));
        assertThat(rate.take()).isZero();
        clock.now = clock.now.plus(Duration.ofHours(5)); // refills to the burst, not beyond
        for (int i = 0; i < 3; i++) assertThat(rate.take()).isZero();
        assertThat(rate.take()).isPositive();
    }

    @Test
    void receiptAttemptsBeyondTheGlobalRateAre429WithoutAnyDerivation() {
        HandClock clock = new HandClock();
        Intake intake = new Intake(TestServer.get().core(), clock, new Argon2id(64, 1, 1), 4);
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < Intake.ATTEMPTS_PER_MINUTE; i++) {
            ProofOfWork.Answer proof = Work.solve(intake.challenge(), 4);
            assertThatThrownBy(() -> intake.session(Receipt.generate(random).grouped(), proof))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        ProofOfWork.Answer proof = Work.solve(intake.challenge(), 4);
        assertThatThrownBy(() -> intake.session(Receipt.generate(random).grouped(), proof))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.fields()).containsKey("retryAfter");
                });
        // Something that is no receipt is refused before the rate is even consulted.
        assertThatThrownBy(() -> intake.session("not a receipt", null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        ProofOfWork.Answer later = Work.solve(intake.challenge(), 4);
        assertThatThrownBy(() -> intake.session(Receipt.generate(random).grouped(), later))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    /**
     * Without JavaScript there is no proof-of-work: such requests still work, under a stricter rate of their own,
     * which a flood of them exhausts without holding back the requests that do carry one.
     */
    @Test
    void withoutAProofOfWorkTheStricterRateAppliesAndDoesNotHoldBackThoseWithOne() {
        HandClock clock = new HandClock();
        Intake intake = new Intake(TestServer.get().core(), clock, new Argon2id(64, 1, 1), 4);
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < Intake.UNPROVEN_ATTEMPTS_PER_MINUTE; i++) {
            assertThatThrownBy(() -> intake.session(Receipt.generate(random).grouped(), null))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        assertThatThrownBy(() -> intake.session(Receipt.generate(random).grouped(), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.getMessage()).contains("without a proof-of-work").contains("JavaScript");
                });
        ProofOfWork.Answer proof = Work.solve(intake.challenge(), 4);
        assertThatThrownBy(() -> intake.session(Receipt.generate(random).grouped(), proof))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400)); // no report opens

        int reports = TestServer.get().core().concerns().list().size();
        for (int i = 0; i < 10; i++) intake.submit("without a proof-of-work " + i, null, java.util.List.of(), null);
        assertThatThrownBy(() -> intake.submit("one too many", null, java.util.List.of(), null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(429));
        intake.submit("with a proof-of-work", null, java.util.List.of(), Work.solve(intake.challenge(), 4));
        assertThat(TestServer.get().core().concerns().list()).hasSize(reports + 11);
        // The stricter rate refills: 20 an hour.
        clock.now = clock.now.plus(Duration.ofMinutes(3).plusSeconds(5));
        intake.submit("later, without", null, java.util.List.of(), null);
    }
}
