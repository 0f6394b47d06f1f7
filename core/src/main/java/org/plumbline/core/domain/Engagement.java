package org.plumbline.core.domain;

import java.time.Instant;

/**
 * A customer engagement: the current head of its declaration history plus its review state.
 *
 * @param reference the provider's stable public handle (e.g. {@code ENG-2026-0007})
 * @param version the current declaration version; also the optimistic-lock token for amendments
 * @param severity the severity of the latest assessment on one of its cases, or null if never assessed
 * @param nextReviewAt when the periodic review falls due
 */
public record Engagement(long id, String reference, long customerId, int version, EngagementStatus status,
        Integer severity, Instant nextReviewAt, Instant createdAt) {

    /** The record subject naming this engagement, e.g. {@code engagement/3}. */
    public String subject() {
        return "engagement/" + id;
    }

    /** Whether the periodic review is due at {@code now}. */
    public boolean reviewDue(Instant now) {
        return !nextReviewAt.isAfter(now);
    }
}
