package org.plumbline.core.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a due-diligence case stands. The only moves are
 *
 * <pre>
 * open ──> in-review ──> escalated ──> decided ──> closed
 *              │   ^──────────┘ (sent back)  ^
 *              └─────────────────────────────┘ (decided at reviewer level)
 * open ──> closed (dismissed before review, e.g. a duplicate)
 * </pre>
 *
 * A case reaches {@code decided} only through a recorded decision; {@code closed} is final.
 */
public enum CaseState {
    OPEN, IN_REVIEW, ESCALATED, DECIDED, CLOSED;

    /** The states reachable from this one in a single move. */
    public Set<CaseState> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(IN_REVIEW, CLOSED);
            case IN_REVIEW -> EnumSet.of(ESCALATED, DECIDED);
            case ESCALATED -> EnumSet.of(IN_REVIEW, ESCALATED, DECIDED);
            case DECIDED -> EnumSet.of(CLOSED);
            case CLOSED -> EnumSet.noneOf(CaseState.class);
        };
    }

    /** Whether moving from this state to {@code target} is allowed. */
    public boolean canMoveTo(CaseState target) {
        return next().contains(target);
    }

    /** Whether work on the case is still ongoing (it can be overdue). */
    public boolean isActive() {
        return this != DECIDED && this != CLOSED;
    }
}
