package org.plumbline.server.notify;

import java.util.Optional;

/**
 * What a notification is about. Each person chooses, per kind, whether they get it by e-mail; an
 * administrator chooses per webhook which kinds it receives. The id is what webhooks carry as {@code type}
 * and what the database keeps, so it never changes.
 */
public enum NoticeKind {
    FINDING_RAISED("finding.raised", "New findings", "a usage finding is raised on a case you are assigned to, or any case if you review cases"),
    CASE_ASSIGNED("case.assigned", "Assignments", "a case is assigned to you"),
    REVIEW_DUE("case.review-due", "Reviews due", "a case you are assigned to (or, unassigned, any case if you review cases) is past its review deadline"),
    DIRECTIVE_ACK_OVERDUE("directive.acknowledgement-overdue", "Directives not acknowledged",
            "an enforcement system has not acknowledged a directive by its deadline (approvers and administrators)"),
    REPORT_ACK_DUE("concern.acknowledgement-due", "Reports due for acknowledgement",
            "a report of a concern reaches its 7-day acknowledgement deadline unacknowledged (report recipients)"),
    REPORT_FEEDBACK_DUE("concern.feedback-due", "Reports due for feedback",
            "a report of a concern reaches its 3-month feedback deadline without feedback (report recipients)");

    private final String id;
    private final String label;
    private final String when;

    NoticeKind(String id, String label, String when) {
        this.id = id;
        this.label = label;
        this.when = when;
    }

    public String id() {
        return id;
    }

    /** A short name for the preferences page. */
    public String label() {
        return label;
    }

    /** When it is sent, in the words of the preferences page. */
    public String when() {
        return when;
    }

    public static Optional<NoticeKind> byId(String id) {
        for (NoticeKind k : values()) {
            if (k.id.equals(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
