package org.plumbline.core.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How often an engagement is reviewed, by the severity of its latest assessment: the more severe,
 * the sooner. Unassessed engagements use {@code unassessed}.
 *
 * @param bySeverity index 0 is severity 1 … index 4 is severity 5
 * @param reviewDeadline how long a periodic-review case has before it is overdue
 */
public record ReviewSchedule(Duration[] bySeverity, Duration unassessed, Duration reviewDeadline) {
    public ReviewSchedule {
        if (bySeverity.length != 5) throw new IllegalArgumentException("give one interval per severity 1..5");
        bySeverity = bySeverity.clone();
    }

    /** Severity 5: 30 days, 4: 60, 3: 90, 2: 180, 1: 365; unassessed 180 days; 30 days to review. */
    public static ReviewSchedule standard() {
        return new ReviewSchedule(new Duration[] {Duration.ofDays(365), Duration.ofDays(180), Duration.ofDays(90),
                Duration.ofDays(60), Duration.ofDays(30)}, Duration.ofDays(180), Duration.ofDays(30));
    }

    /** The next review after {@code from} for an engagement of {@code severity} (null: unassessed). */
    public Instant next(Instant from, Integer severity) {
        return from.plus(severity == null ? unassessed : bySeverity[severity - 1]);
    }

    @Override
    public Duration[] bySeverity() {
        return bySeverity.clone();
    }
}
