package org.plumbline.core.domain;

/** The provider's ability to change the customer's conduct (UNGP Principle 19). */
public enum Leverage {
    LOW, MEDIUM, HIGH
}
