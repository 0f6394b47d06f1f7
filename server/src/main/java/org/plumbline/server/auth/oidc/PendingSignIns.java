package org.plumbline.server.auth.oidc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sign-ins under way, in memory, keyed by the random value of the browser's short-lived sign-in cookie.
 * Each is taken out at its first callback, whatever the outcome, so a state, nonce or code is good for one
 * try only, and each expires after {@link #LIFETIME}. Memory is bounded: anyone may start a sign-in, so past
 * {@link #MAX_PENDING} the oldest are dropped (a flood can make a real person click again; it cannot grow the
 * heap). Kept in memory rather than the database because a pending sign-in is worth nothing after a restart
 * and must not outlive it.
 */
final class PendingSignIns {
    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final int MAX_PENDING = 10_000;

    private final Clock clock;
    private final Map<String, PendingSignIn> pending = new LinkedHashMap<>();

    PendingSignIns(Clock clock) {
        this.clock = clock;
    }

    synchronized PendingSignIn add(String browserKey, String next) {
        Instant now = clock.instant();
        dropExpired(now);
        while (pending.size() >= MAX_PENDING) {
            Iterator<String> oldest = pending.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        PendingSignIn p = PendingSignIn.start(next, now.plus(LIFETIME));
        pending.put(browserKey, p);
        return p;
    }

    /** Removes and returns the sign-in started under {@code browserKey}, if it has not expired. */
    synchronized Optional<PendingSignIn> take(String browserKey) {
        PendingSignIn p = pending.remove(browserKey);
        if (p == null || !p.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    private void dropExpired(Instant now) {
        // Insertion order is expiry order (one lifetime for all), so the expired ones are at the front.
        Iterator<PendingSignIn> it = pending.values().iterator();
        while (it.hasNext() && !it.next().expiresAt().isAfter(now)) {
            it.remove();
        }
    }
}
