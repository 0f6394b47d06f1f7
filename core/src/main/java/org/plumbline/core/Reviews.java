package org.plumbline.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.domain.CaseOrigin;
import org.plumbline.core.domain.Engagement;
import org.plumbline.core.domain.NewCase;
import org.plumbline.core.record.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic reviews. Each engagement has a next-review time set by the severity of its latest
 * assessment ({@link org.plumbline.core.domain.ReviewSchedule}); {@link #openDue} opens a
 * periodic-review case for every engagement whose review has fallen due (appending
 * {@code review.due} and {@code case.opened}) and schedules the next one. Run it from a timer ({@link #schedule}).
 */
public final class Reviews {
    /** The actor named in records the scheduler writes. */
    public static final String SCHEDULER = "system/review-scheduler";
    private static final Logger LOG = LoggerFactory.getLogger(Reviews.class);

    private final Core core;

    Reviews(Core core) {
        this.core = core;
    }

    /**
     * Opens a case for each engagement due for review (skipping one that already has an active
     * periodic-review case) and moves its next review on. One transaction; concurrent callers skip
     * the engagements another caller holds, so no review is opened twice.
     *
     * @return the cases opened
     */
    public List<CaseFile> openDue() {
        return core.db().inTransaction(h -> {
            Instant now = core.now();
            List<CaseFile> opened = new ArrayList<>();
            for (Engagement e : EngagementStore.lockDueForReview(h, now)) {
                Instant next = core.config().reviews().next(now, e.severity());
                EngagementStore.setNextReview(h, e.id(), next);
                if (CaseStore.hasActive(h, e.id(), CaseOrigin.PERIODIC_REVIEW)) continue;
                LogEntries.append(h, core.seal(LogRecord.builder("review.due", e.subject(), SCHEDULER, now)
                        .field("reference", e.reference())
                        .field("dueSince", LogRecord.formatTime(e.nextReviewAt()))
                        .field("severity", e.severity())
                        .field("nextReview", LogRecord.formatTime(next))));
                opened.add(core.cases().open(h, new NewCase(e.id(), CaseOrigin.PERIODIC_REVIEW,
                        LogRecord.formatTime(e.nextReviewAt()), "Periodic review of " + e.reference(),
                        "The periodic review of engagement " + e.reference() + " fell due on "
                                + LogRecord.formatTime(e.nextReviewAt()) + ". Check the declaration against observed usage.",
                        true, null), SCHEDULER, now.plus(core.config().reviews().reviewDeadline())));
            }
            return opened;
        });
    }

    /**
     * Runs {@link #openDue} now and then every {@code period} on a daemon thread until the returned
     * handle is closed. A failed run is logged and retried at the next tick (a run is one
     * transaction, so a failure leaves nothing half-done).
     */
    public AutoCloseable schedule(Duration period) {
        if (period.isNegative() || period.isZero()) throw new IllegalArgumentException("period must be positive");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plumbline-review-scheduler");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                List<CaseFile> opened = openDue();
                if (!opened.isEmpty()) LOG.info("opened {} periodic-review case(s)", opened.size());
            } catch (RuntimeException e) {
                LOG.error("periodic review run failed; retrying at the next tick", e);
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    /** Active engagements whose review is due now (without opening anything). */
    public List<Engagement> due() {
        Instant now = core.now();
        return core.engagements().list().stream()
                .filter(e -> e.reviewDue(now) && e.status() != org.plumbline.core.domain.EngagementStatus.TERMINATED)
                .toList();
    }
}
