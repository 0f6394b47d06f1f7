package org.plumbline.core.intake;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a report stands, as its reporter sees it. The order is the only way it moves: a status can be
 * skipped (a report can be closed with feedback without a separate review step) but never go back.
 */
public enum ConcernStatus {
    RECEIVED("received"),
    ACKNOWLEDGED("acknowledged"),
    UNDER_REVIEW("under review"),
    FEEDBACK_GIVEN("feedback given"),
    CLOSED("closed");

    private final String wire;

    ConcernStatus(String wire) {
        this.wire = wire;
    }

    /** The name in the API, the pages and the log. */
    public String wire() {
        return wire;
    }

    public static Optional<ConcernStatus> byWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst();
    }

    /** Whether a report may move from this status to {@code next}. */
    public boolean canMoveTo(ConcernStatus next) {
        return next.ordinal() > ordinal();
    }

    /** Whether the reporter has been acknowledged (the 7-day deadline is met from then on). */
    public boolean acknowledged() {
        return this != RECEIVED;
    }

    /** Whether feedback has been given (the 3-month deadline is met from then on). */
    public boolean feedbackGiven() {
        return ordinal() >= FEEDBACK_GIVEN.ordinal();
    }
}
