package org.plumbline.core.domain;


/**
 * A case to open.
 *
 * @param engagementId the engagement concerned (null only for manual cases and concerns not yet tied to one: a
 *                     reporter may not know, or say, which engagement they mean)
 * @param originRef e.g. the finding's id for {@link CaseOrigin#FINDING}
 * @param summary confidential description of the concern
 * @param assignee the account working the case, or null
 */
public record NewCase(Long engagementId, CaseOrigin origin, String originRef, String title, String summary,
        boolean confidential, String assignee) {

    public void validate() {
        new ValidationException.Collector()
                .check(origin == null, "origin", "is required (finding, concern, periodic-review or manual)")
                .check(origin != null && origin != CaseOrigin.MANUAL && origin != CaseOrigin.CONCERN && engagementId == null,
                        "engagementId", "is required for a case opened by a finding or a review")
                .check(title == null || title.isBlank(), "title", "is required")
                .check(title != null && title.length() > 200, "title", "must be at most 200 characters")
                .check(summary == null || summary.isBlank(), "summary", "is required")
                .check(summary != null && summary.length() > 20_000, "summary", "must be at most 20000 characters")
                .text("title", title, false)
                .text("summary", summary, true)
                .text("originRef", originRef, false)
                .text("assignee", assignee, false)
                .throwIfAny();
    }
}
