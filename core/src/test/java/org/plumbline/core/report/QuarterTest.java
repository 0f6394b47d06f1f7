package org.plumbline.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuarterTest {
    @Test
    void aQuarterIsThreeCalendarMonthsInUtc() {
        Quarter q = Quarter.parse("2026-Q4");
        assertThat(q.start()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(q.end()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(q.lastDay()).hasToString("2026-12-31");
        assertThat(q.contains(Instant.parse("2026-12-31T23:59:59.999Z"))).isTrue();
        assertThat(q.contains(Instant.parse("2027-01-01T00:00:00Z"))).isFalse();
        assertThat(q.contains(Instant.parse("2026-09-30T23:59:59.999Z"))).isFalse();
        assertThat(Quarter.of(Instant.parse("2026-10-01T00:00:00Z"))).isEqualTo(q);
        assertThat(Quarter.of(Instant.parse("2026-09-30T23:59:59Z"))).hasToString("2026-Q3");
        assertThat(q.next()).hasToString("2027-Q1");
        assertThat(q.next().previous()).isEqualTo(q);
        assertThat(Quarter.parse("2027-Q1").compareTo(q)).isPositive();
    }

    @Test
    void anythingElseIsRefusedSayingTheForm() {
        for (String bad : new String[] {"2026-Q5", "2026-Q0", "2026Q4", "26-Q4", "2026-q4", " 2026-Q4", "2026-Q4\n", "<b>"}) {
            assertThatThrownBy(() -> Quarter.parse(bad)).as(bad).hasMessage("a quarter is written YYYY-Qn, e.g. 2026-Q4");
        }
        assertThatThrownBy(() -> Quarter.parse(null)).hasMessageContaining("YYYY-Qn");
    }
}
