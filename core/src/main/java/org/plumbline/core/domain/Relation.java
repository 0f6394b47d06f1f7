package org.plumbline.core.domain;

/**
 * How the provider is involved in the harm (UNGP Principles 13 and 19): it may cause it, contribute
 * to it, or be directly linked to it through its services. Wire names: {@code cause},
 * {@code contribute}, {@code directly-linked}.
 */
public enum Relation {
    CAUSE, CONTRIBUTE, DIRECTLY_LINKED
}
