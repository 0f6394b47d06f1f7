package org.plumbline.core.intake;

import java.time.LocalDate;

/**
 * EU Directive 2019/1937, article 9(1)(b) and (f): acknowledge receipt within seven days, give feedback
 * within a reasonable timeframe not exceeding three months from the acknowledgement (or, without one, from
 * the end of the seven days). Plumbline counts the three months from the day of receipt, the stricter
 * reading, so a report is never shown as on time when the directive might say it is late. Days, not
 * instants: the intake keeps no time finer than the day.
 *
 * @param acknowledgeBy the last day to acknowledge
 * @param feedbackBy    the last day to give feedback
 */
public record Deadlines(LocalDate acknowledgeBy, LocalDate feedbackBy) {
    public static Deadlines forReceivedOn(LocalDate received) {
        return new Deadlines(received.plusDays(7), received.plusMonths(3));
    }

    /** Acknowledgement is overdue on {@code today}: not acknowledged and past the day it was due. */
    public boolean acknowledgementOverdue(ConcernStatus status, LocalDate today) {
        return !status.acknowledged() && today.isAfter(acknowledgeBy);
    }

    /** Feedback is overdue on {@code today}. */
    public boolean feedbackOverdue(ConcernStatus status, LocalDate today) {
        return !status.feedbackGiven() && today.isAfter(feedbackBy);
    }
}
