package org.plumbline.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CaseStateTest {
    /** The allowed moves, written out independently of the implementation. */
    private static final Set<String> ALLOWED = Set.of(
            "OPEN>IN_REVIEW", "OPEN>CLOSED",
            "IN_REVIEW>ESCALATED", "IN_REVIEW>DECIDED",
            "ESCALATED>IN_REVIEW", "ESCALATED>ESCALATED", "ESCALATED>DECIDED",
            "DECIDED>CLOSED");

    @Test
    void everyPairIsAllowedExactlyWhenListed() {
        for (CaseState from : CaseState.values()) {
            for (CaseState to : CaseState.values()) {
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(ALLOWED.contains(from + ">" + to));
            }
        }
    }

    @Test
    void closedIsFinalAndOnlyActiveStatesCanBeOverdue() {
        assertThat(CaseState.CLOSED.next()).isEmpty();
        assertThat(CaseState.OPEN.isActive()).isTrue();
        assertThat(CaseState.ESCALATED.isActive()).isTrue();
        assertThat(CaseState.DECIDED.isActive()).isFalse();
    }
}
