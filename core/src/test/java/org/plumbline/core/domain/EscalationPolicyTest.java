package org.plumbline.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EscalationPolicyTest {
    private final EscalationPolicy policy = EscalationPolicy.standard();

    @Test
    void requiredLevelFollowsSeverityCaseLevelAndKind() {
        assertThat(policy.required(1, EscalationLevel.REVIEWER, DecisionKind.NO_ACTION)).isEqualTo(EscalationLevel.REVIEWER);
        assertThat(policy.required(3, EscalationLevel.REVIEWER, DecisionKind.NO_ACTION)).isEqualTo(EscalationLevel.APPROVER);
        assertThat(policy.required(5, EscalationLevel.REVIEWER, DecisionKind.CONDITIONS)).isEqualTo(EscalationLevel.LEADERSHIP);
        assertThat(policy.required(null, EscalationLevel.REVIEWER, DecisionKind.NO_ACTION)).isEqualTo(EscalationLevel.APPROVER);
        // an escalated case needs at least its level, a suspension at least an approver
        assertThat(policy.required(1, EscalationLevel.LEADERSHIP, DecisionKind.NO_ACTION)).isEqualTo(EscalationLevel.LEADERSHIP);
        assertThat(policy.required(1, EscalationLevel.REVIEWER, DecisionKind.SUSPEND)).isEqualTo(EscalationLevel.APPROVER);
        assertThat(policy.required(1, EscalationLevel.REVIEWER, DecisionKind.TERMINATE)).isEqualTo(EscalationLevel.LEADERSHIP);
    }

    @Test
    void ladderOrder() {
        assertThat(EscalationLevel.REVIEWER.up()).isEqualTo(EscalationLevel.APPROVER);
        assertThat(EscalationLevel.APPROVER.up()).isEqualTo(EscalationLevel.LEADERSHIP);
        assertThat(EscalationLevel.LEADERSHIP.atLeast(EscalationLevel.APPROVER)).isTrue();
        assertThat(EscalationLevel.REVIEWER.atLeast(EscalationLevel.APPROVER)).isFalse();
    }
}
