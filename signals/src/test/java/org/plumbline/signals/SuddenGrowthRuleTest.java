package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.plumbline.core.domain.Finding;

/** The sudden-growth rule: a step in what an account consumes, not in what it is charged for otherwise. */
class SuddenGrowthRuleTest {
    static final LocalDate LAST = LocalDate.of(2026, 10, 31);

    private static ProfileRows fiveWeeks(String account, double lastWeekDaily) {
        ProfileRows p = new ProfileRows().engagement(account, "logistics");
        for (int back = 34; back >= 0; back--) p.add(account, LAST.minusDays(back), "eu-west-1", "compute_hours", 24, back < 7 ? lastWeekDaily : 100);
        return p;
    }

    @Test
    void aStepInUsageIsFlagged() throws Exception {
        assertThat(fiveWeeks("a", 400).scan("sudden-growth")).extracting(Finding::account).containsExactly("a");
    }

    @Test
    void aReservationBoughtUpfrontOrATaxIsNotGrowth() throws Exception {
        ProfileRows p = fiveWeeks("b", 100);
        p.charge("b", LAST.minusDays(2), "eu-west-1", "Purchase", "other", 0, 50_000);
        p.charge("b", LAST.minusDays(1), "eu-west-1", "Tax", "other", 0, 9_000);
        assertThat(p.scan("sudden-growth")).isEmpty();
    }
}
