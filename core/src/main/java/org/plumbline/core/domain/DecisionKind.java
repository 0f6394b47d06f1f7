package org.plumbline.core.domain;

/** What a decision does. Wire names: no-action, conditions, suspend, terminate. */
public enum DecisionKind {
    /** nothing to change; the case closes */
    NO_ACTION,
    /** the engagement continues under stated conditions */
    CONDITIONS,
    /** specified services on specified accounts are disabled (a directive is issued) */
    SUSPEND,
    /** the whole engagement ends (a directive disabling every declared service is issued) */
    TERMINATE;

    /** Whether carrying out this decision needs an enforcement directive. */
    public boolean enforces() {
        return this == SUSPEND || this == TERMINATE;
    }
}
