package org.plumbline.core.domain;

/** The escalation ladder, lowest first: reviewer → approver → leadership. */
public enum EscalationLevel {
    REVIEWER, APPROVER, LEADERSHIP;

    /** Whether a person at this level may act where {@code required} is needed. */
    public boolean atLeast(EscalationLevel required) {
        return compareTo(required) >= 0;
    }

    /** The next rung up, or this one at the top. */
    public EscalationLevel up() {
        return this == LEADERSHIP ? LEADERSHIP : values()[ordinal() + 1];
    }
}
