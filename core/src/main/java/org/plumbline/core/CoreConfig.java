package org.plumbline.core;

import java.time.Clock;
import java.time.Duration;
import org.plumbline.core.domain.EscalationPolicy;
import org.plumbline.core.domain.ReviewSchedule;
import org.plumbline.core.domain.Vocabulary;

/**
 * The configurable rules of the domain.
 *
 * @param vocabulary purposes, data categories and the prohibited-use clauses to acknowledge
 * @param escalation which rung must decide, by severity and decision kind
 * @param reviews review intervals by severity and the periodic-review case deadline
 * @param caseDeadline how long a newly opened case has before it is overdue
 * @param ackWindow how long after a directive takes effect an enforcement system has to acknowledge it
 * @param clock the time source (tests pass a fixed clock)
 */
public record CoreConfig(Vocabulary vocabulary, EscalationPolicy escalation, ReviewSchedule reviews,
        Duration caseDeadline, Duration ackWindow, Clock clock) {

    /** The shipped defaults: standard vocabulary and policies, 14-day cases, 24-hour acknowledgement window, UTC clock. */
    public static CoreConfig standard() {
        return new CoreConfig(Vocabulary.standard(), EscalationPolicy.standard(), ReviewSchedule.standard(),
                Duration.ofDays(14), Duration.ofHours(24), Clock.systemUTC());
    }

    /** A copy with another clock. */
    public CoreConfig withClock(Clock other) {
        return new CoreConfig(vocabulary, escalation, reviews, caseDeadline, ackWindow, other);
    }
}
