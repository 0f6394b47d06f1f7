package org.plumbline.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
    @Test
    void sevenDaysToAcknowledgeAndThreeMonthsForFeedback() {
        Deadlines d = Deadlines.forReceivedOn(LocalDate.parse("2026-11-30"));
        assertThat(d.acknowledgeBy()).isEqualTo("2026-12-07");
        assertThat(d.feedbackBy()).isEqualTo("2027-02-28");
        assertThat(d.acknowledgementOverdue(ConcernStatus.RECEIVED, LocalDate.parse("2026-12-07"))).isFalse();
        assertThat(d.acknowledgementOverdue(ConcernStatus.RECEIVED, LocalDate.parse("2026-12-08"))).isTrue();
        assertThat(d.acknowledgementOverdue(ConcernStatus.ACKNOWLEDGED, LocalDate.parse("2026-12-08"))).isFalse();
        assertThat(d.feedbackOverdue(ConcernStatus.UNDER_REVIEW, LocalDate.parse("2027-03-01"))).isTrue();
        assertThat(d.feedbackOverdue(ConcernStatus.FEEDBACK_GIVEN, LocalDate.parse("2027-03-01"))).isFalse();
    }

    @Test
    void statusesMoveOnlyForward() {
        assertThat(ConcernStatus.RECEIVED.canMoveTo(ConcernStatus.CLOSED)).isTrue();
        assertThat(ConcernStatus.CLOSED.canMoveTo(ConcernStatus.ACKNOWLEDGED)).isFalse();
        assertThat(ConcernStatus.UNDER_REVIEW.canMoveTo(ConcernStatus.UNDER_REVIEW)).isFalse();
        assertThat(ConcernStatus.byWire("feedback given")).contains(ConcernStatus.FEEDBACK_GIVEN);
        assertThat(ConcernStatus.byWire("Closed")).isEmpty();
    }
}
