package org.plumbline.core.domain;

/** What kind of government body a customer is. */
public enum BodyKind {
    MINISTRY, AGENCY, UNIT
}
