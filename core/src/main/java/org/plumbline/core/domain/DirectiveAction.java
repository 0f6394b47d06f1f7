package org.plumbline.core.domain;

/** What an enforcement system must do. */
public enum DirectiveAction {
    /** disable the listed services on the listed accounts */
    SUSPEND,
    /** disable every listed service on every listed account: the engagement has ended */
    TERMINATE
}
