package org.plumbline.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AssessmentInputTest {
    private static AssessmentInput a(int scale, int scope, int irremediability, int likelihood) {
        return new AssessmentInput(scale, scope, irremediability, likelihood, Leverage.MEDIUM, Relation.CONTRIBUTE, "why");
    }

    @Test
    void severityIsTheMaximumOfScaleScopeAndIrremediability() {
        for (int scale = 1; scale <= 5; scale++) {
            for (int scope = 1; scope <= 5; scope++) {
                for (int irr = 1; irr <= 5; irr++) {
                    assertThat(a(scale, scope, irr, 3).severity()).isEqualTo(Math.max(scale, Math.max(scope, irr)));
                }
            }
        }
        // one grave dimension is enough: it is not averaged away
        assertThat(a(1, 1, 5, 1).severity()).isEqualTo(5);
        assertThat(a(1, 4, 1, 1).severity()).isEqualTo(4);
    }

    @Test
    void likelihoodNeverLowersASevereScore() {
        for (int severity = AssessmentInput.SEVERE; severity <= 5; severity++) {
            for (int likelihood = 1; likelihood <= 5; likelihood++) {
                assertThat(a(severity, 1, 1, likelihood).priority()).isEqualTo(severity);
            }
        }
    }

    @Test
    void belowSevereLowLikelihoodLowersPriorityButNothingRaisesItAboveSeverity() {
        assertThat(a(3, 1, 1, 1).priority()).isEqualTo(2);
        assertThat(a(3, 1, 1, 3).priority()).isEqualTo(3);
        assertThat(a(3, 1, 1, 5).priority()).isEqualTo(3);
        assertThat(a(2, 2, 2, 1).priority()).isEqualTo(2);
        assertThat(a(1, 1, 1, 5).priority()).isEqualTo(1);
        for (int s = 1; s < AssessmentInput.SEVERE; s++) {
            for (int l = 1; l <= 5; l++) {
                assertThat(a(s, 1, 1, l).priority()).isBetween(1, s);
            }
        }
    }

    @Test
    void validationNamesEachBadField() {
        AssessmentInput bad = new AssessmentInput(0, 6, 3, 9, null, null, " ");
        assertThatThrownBy(bad::validate).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.fieldErrors()).containsOnlyKeys("scale", "scope", "likelihood", "leverage", "relation", "rationale")
                        .containsEntry("scale", "must be a whole number from 1 to 5; got 0"));
    }
}
