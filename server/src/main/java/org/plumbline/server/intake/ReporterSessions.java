package org.plumbline.server.intake;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.plumbline.core.Concerns;

/**
 * Reporters' sessions, in memory only: a random token for what a receipt opened (the report and its private
 * key). Nothing of it reaches the database or the disk, so a restart ends every session and the reporter
 * enters the receipt again. Bounded: at most {@link #MAX} at once (the oldest are dropped first), each for
 * {@link #LIFETIME}.
 */
final class ReporterSessions {
    static final Duration LIFETIME = Duration.ofMinutes(30);
    static final int MAX = 10_000;
    private static final String PREFIX = "report_";

    private record Entry(Concerns.ReporterAccess access, Instant expires) {}

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    ReporterSessions(Clock clock) {
        this.clock = clock;
    }

    String open(Concerns.ReporterAccess access) {
        Instant now = clock.instant();
        sessions.values().removeIf(e -> e.expires().isBefore(now));
        while (sessions.size() >= MAX) {
            Iterator<Map.Entry<String, Entry>> oldest = sessions.entrySet().stream()
                    .sorted(Map.Entry.comparingByValue((a, b) -> a.expires().compareTo(b.expires()))).iterator();
            if (!oldest.hasNext()) break;
            sessions.remove(oldest.next().getKey());
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(token, new Entry(access, now.plus(LIFETIME)));
        return token;
    }

    Optional<Concerns.ReporterAccess> get(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) return Optional.empty();
        Entry e = sessions.get(token);
        if (e == null) return Optional.empty();
        if (e.expires().isBefore(clock.instant())) {
            sessions.remove(token);
            return Optional.empty();
        }
        return Optional.of(e.access());
    }

    void close(String token) {
        if (token != null) sessions.remove(token);
    }
}
