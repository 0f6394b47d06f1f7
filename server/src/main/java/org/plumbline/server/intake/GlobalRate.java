package org.plumbline.server.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket for the whole server, not per client: the intake keeps no address, so it cannot limit one
 * sender without limiting all. {@code burst} requests may come at once, then one every {@code period / burst}.
 * A flood therefore delays every reporter (a denial of service the server owner sees in the 429s) but cannot
 * make the server compute more than the rate's Argon2id derivations or store more than the rate's reports.
 */
final class GlobalRate {
    private final int burst;
    private final Duration refill;
    private final Clock clock;
    private double tokens;
    private Instant last;

    GlobalRate(int burst, Duration period, Clock clock) {
        if (burst < 1) throw new IllegalArgumentException("burst must be at least 1");
        this.burst = burst;
        this.refill = period.dividedBy(burst);
        this.clock = clock;
        this.tokens = burst;
        this.last = clock.instant();
    }

    /** Takes one request's token, or says how long until one is free. */
    synchronized Duration take() {
        Instant now = clock.instant();
        double earned = (double) Duration.between(last, now).toNanos() / refill.toNanos();
        if (earned > 0) {
            tokens = Math.min(burst, tokens + earned);
            last = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) ((1 - tokens) * refill.toNanos())).plusSeconds(1);
    }
}
