package org.plumbline.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small cache whose entries live a short, fixed time. Used so that every request does not cost a
 * database round trip to authenticate: a session or token looked up a moment ago is trusted for
 * {@code ttl}. Removals in this process (sign-out, disabling a user, revoking a token) take effect at
 * once through {@link #clear()}; other server processes sharing the database see them within {@code ttl}.
 */
final class ShortCache<K, V> {
    private record Entry<V>(Optional<V> value, Instant expires) {
    }

    private final Map<K, Entry<V>> map = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;

    ShortCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    Optional<V> get(K key, Function<K, Optional<V>> load) {
        Instant now = clock.instant();
        Entry<V> e = map.get(key);
        if (e != null && now.isBefore(e.expires())) {
            return e.value();
        }
        Optional<V> value = load.apply(key);
        if (map.size() >= maxEntries) {
            map.entrySet().removeIf(x -> !now.isBefore(x.getValue().expires()));
            if (map.size() >= maxEntries) {
                map.clear();
            }
        }
        // Only positive answers are cached: a new session or token must work at once.
        if (value.isPresent()) {
            map.put(key, new Entry<>(value, now.plus(ttl)));
        }
        return value;
    }

    void clear() {
        map.clear();
    }
}
