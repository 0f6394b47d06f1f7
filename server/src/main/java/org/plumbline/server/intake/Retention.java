package org.plumbline.server.intake;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.plumbline.core.Core;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the ciphertext of reports closed longer ago than the retention time (core's
 * {@code Concerns.purgeClosed}): at start and then every {@link #EVERY}. The time is
 * {@code PLUMBLINE_INTAKE_RETENTION}, an ISO-8601 period ({@code P12M}, {@code P2Y}, {@code P90D}), 12 months when
 * unset.
 */
public final class Retention implements AutoCloseable {
    public static final Period DEFAULT = Period.ofMonths(12);
    static final Duration EVERY = Duration.ofHours(6);
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final ScheduledExecutorService timer;

    private Retention(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** The configured retention: {@code value} (from the environment) or {@link #DEFAULT}. */
    public static Period parse(Optional<String> value) {
        if (value.isEmpty() || value.get().isBlank()) return DEFAULT;
        try {
            Period p = Period.parse(value.get().strip());
            if (p.isNegative() || p.isZero()) throw new IllegalArgumentException("PLUMBLINE_INTAKE_RETENTION must be positive");
            return p;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("PLUMBLINE_INTAKE_RETENTION is an ISO-8601 period such as P12M, not '"
                    + value.get() + "'", e);
        }
    }

    public static Retention start(Core core, Period retention) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plumbline-intake-retention");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                int purged = core.concerns().purgeClosed(retention);
                if (purged > 0) LOG.info("intake retention: deleted the content of {} closed reports", purged);
            } catch (RuntimeException e) {
                LOG.warn("intake retention run failed; next in {} h: {}", EVERY.toHours(), e.toString());
            }
        }, 0, EVERY.toMinutes(), TimeUnit.MINUTES);
        return new Retention(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
