package org.plumbline.core.domain;

import java.time.Instant;

/**
 * A due-diligence case. {@code version} is the optimistic-lock token: every change names the
 * version it was made against and fails with a conflict if someone changed the case meanwhile.
 *
 * @param engagementId the engagement concerned, or null for a case not (yet) tied to one
 * @param originRef what opened it: a finding id, a concern id, a review date, or null
 * @param summary confidential: committed in the log, shown only to those allowed to read the case
 * @param confidential whether reading this case is itself recorded ({@code case.read})
 * @param level the current rung of the escalation ladder
 * @param severity the latest assessment's severity, or null before the first assessment
 */
public record CaseFile(long id, Long engagementId, CaseOrigin origin, String originRef, String title,
        String summary, boolean confidential, CaseState state, EscalationLevel level, String assignee,
        Instant dueAt, Integer severity, String openedBy, Instant openedAt, int version, long logIndex) {

    /** The record subject naming this case, e.g. {@code case/12}. */
    public String subject() {
        return "case/" + id;
    }

    /** Whether work on the case is still ongoing past its deadline. */
    public boolean overdue(Instant now) {
        return state.isActive() && now.isAfter(dueAt);
    }
}
