package org.plumbline.server.notify;

/**
 * Something that happened that people may be told about. It says only that it happened and where to look:
 * the kind, the log subject ({@code case/12}, {@code directive/5}, {@code concern/3}, which the public log
 * names anyway), one sentence made here from those two, and the path of the page. Never a title, a summary,
 * a finding's figures, a customer, a concern's words or anything about a reporter (docs/SECURITY.md,
 * "Notifications"): e-mail and webhook receivers are outside Plumbline's access control.
 *
 * @param key what makes two derivations of the same happening one notice (a record's index, a deadline)
 */
record Notice(NoticeKind kind, String key, String subject, String text, String path) {
    static Notice findingRaised(long logIndex, long caseId) {
        return new Notice(NoticeKind.FINDING_RAISED, "finding.raised:log/" + logIndex, "case/" + caseId,
                "A usage finding was raised on case " + caseId + ".", "/cases/" + caseId);
    }

    static Notice caseAssigned(long logIndex, long caseId) {
        return new Notice(NoticeKind.CASE_ASSIGNED, "case.assigned:log/" + logIndex, "case/" + caseId,
                "Case " + caseId + " was assigned to you.", "/cases/" + caseId);
    }

    static Notice reviewDue(long caseId, java.time.Instant due) {
        return new Notice(NoticeKind.REVIEW_DUE, "case.review-due:case/" + caseId + ":" + due, "case/" + caseId,
                "Case " + caseId + " is past its review deadline.", "/cases/" + caseId);
    }

    static Notice directiveOverdue(long directiveId) {
        return new Notice(NoticeKind.DIRECTIVE_ACK_OVERDUE, "directive.acknowledgement-overdue:directive/" + directiveId,
                "directive/" + directiveId, "Directive " + directiveId + " has not been acknowledged by its deadline.",
                "/directives");
    }

    static Notice reportAcknowledgementDue(long concernId) {
        return new Notice(NoticeKind.REPORT_ACK_DUE, "concern.acknowledgement-due:concern/" + concernId,
                "concern/" + concernId, "A report is due for acknowledgement.", "/intake/" + concernId);
    }

    static Notice reportFeedbackDue(long concernId) {
        return new Notice(NoticeKind.REPORT_FEEDBACK_DUE, "concern.feedback-due:concern/" + concernId,
                "concern/" + concernId, "A report is due for feedback.", "/intake/" + concernId);
    }

    /** The e-mail subject line: the kind's name and the sentence, nothing more. */
    String mailSubject() {
        return "[Plumbline] " + text.substring(0, text.length() - 1);
    }
}
