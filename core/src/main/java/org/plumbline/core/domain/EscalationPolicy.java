package org.plumbline.core.domain;

import java.util.EnumMap;
import java.util.Map;

/**
 * Which rung of the ladder must decide a case, by the case's assessed severity (1–5), and the
 * minimum rung for decisions that disable services. The required level is the highest of: the
 * level for the severity, the case's current escalation level, and (for suspend/terminate) the
 * enforcement minimum.
 *
 * @param bySeverity index 0 is severity 1 … index 4 is severity 5
 */
public record EscalationPolicy(EscalationLevel[] bySeverity, EscalationLevel unassessed,
        Map<DecisionKind, EscalationLevel> byKind) {

    public EscalationPolicy {
        if (bySeverity.length != 5) throw new IllegalArgumentException("give one level per severity 1..5");
        bySeverity = bySeverity.clone();
        byKind = Map.copyOf(byKind);
    }

    /**
     * The default: severity 1–2 reviewer, 3 approver, 4–5 leadership; unassessed cases need an
     * approver; suspending needs an approver, terminating leadership.
     */
    public static EscalationPolicy standard() {
        Map<DecisionKind, EscalationLevel> kinds = new EnumMap<>(DecisionKind.class);
        kinds.put(DecisionKind.SUSPEND, EscalationLevel.APPROVER);
        kinds.put(DecisionKind.TERMINATE, EscalationLevel.LEADERSHIP);
        return new EscalationPolicy(new EscalationLevel[] {EscalationLevel.REVIEWER, EscalationLevel.REVIEWER,
                EscalationLevel.APPROVER, EscalationLevel.LEADERSHIP, EscalationLevel.LEADERSHIP},
                EscalationLevel.APPROVER, kinds);
    }

    /** The lowest rung allowed to decide {@code kind} on a case at {@code caseLevel} with {@code severity}. */
    public EscalationLevel required(Integer severity, EscalationLevel caseLevel, DecisionKind kind) {
        EscalationLevel level = severity == null ? unassessed : bySeverity[severity - 1];
        if (caseLevel.compareTo(level) > 0) level = caseLevel;
        EscalationLevel forKind = byKind.getOrDefault(kind, EscalationLevel.REVIEWER);
        return forKind.compareTo(level) > 0 ? forKind : level;
    }

    @Override
    public EscalationLevel[] bySeverity() {
        return bySeverity.clone();
    }
}
