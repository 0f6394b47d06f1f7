package org.plumbline.core.domain;

/** What an enforcement system reports back for a directive. */
public enum AckOutcome {
    APPLIED, FAILED
}
