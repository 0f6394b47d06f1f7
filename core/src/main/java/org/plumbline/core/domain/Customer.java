package org.plumbline.core.domain;

import java.time.Instant;

/**
 * A government customer: a ministry, an agency or a unit, in a country (ISO 3166-1 alpha-2), with
 * an optional parent body (a unit's agency, an agency's ministry).
 */
public record Customer(long id, String name, BodyKind kind, String country, Long parentId,
        Instant createdAt, long logIndex) {

    /** The record subject naming this customer, e.g. {@code customer/3}. */
    public String subject() {
        return "customer/" + id;
    }
}
