package org.plumbline.server.ops;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A value that costs a database query, taken at most once per {@code period} however often it is asked
 * for. While one caller takes a new sample the others get the previous one rather than waiting (or
 * queueing database work); only the very first callers wait for the first sample. The source must not
 * throw: it turns a failure into a value (readiness "unavailable", a metric's NaN), which is kept for the
 * period like any other, so a database that is down is asked once per period, not once per request.
 */
final class Sampled<T> implements Supplier<T> {
    private record Sample<T>(T value, long takenAt) {
    }

    private final Supplier<T> source;
    private final long periodNanos;
    private final ReentrantLock taking = new ReentrantLock();
    private volatile Sample<T> last;

    Sampled(Duration period, Supplier<T> source) {
        this.source = source;
        this.periodNanos = period.toNanos();
    }

    @Override
    public T get() {
        Sample<T> s = last;
        if (s != null && System.nanoTime() - s.takenAt() < periodNanos) {
            return s.value();
        }
        if (!taking.tryLock()) {
            if (s != null) {
                return s.value();
            }
            taking.lock();
        }
        try {
            Sample<T> now = last;
            if (now != null && now != s && System.nanoTime() - now.takenAt() < periodNanos) {
                return now.value();  // another caller took it while this one waited for the first sample
            }
            T value = source.get();
            last = new Sample<>(value, System.nanoTime());
            return value;
        } finally {
            taking.unlock();
        }
    }
}
