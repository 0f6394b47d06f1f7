package org.plumbline.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.plumbline.core.domain.AssessmentInput;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.domain.CaseOrigin;
import org.plumbline.core.domain.CaseState;
import org.plumbline.core.domain.Engagement;
import org.plumbline.core.domain.Leverage;
import org.plumbline.core.domain.NewCase;
import org.plumbline.core.domain.Relation;

class ReviewsTest {
    /** One embedded PostgreSQL and core for the class's tests, closed after the last of them. */
    @AutoClose
    private static final Fixture f = new Fixture();

    @Test
    void overdueReviewsOpenOneCaseEachAndScheduleTheNext() {
        Engagement unassessed = f.core.engagements().get(f.engagement().engagementId());
        Engagement severe = f.core.engagements().get(f.engagement().engagementId());
        CaseFile c = f.core.cases().open(new NewCase(severe.id(), CaseOrigin.MANUAL, null, "t", "s", true, null), "user/r");
        f.core.cases().assess(c.id(), c.version(),
                new AssessmentInput(5, 2, 2, 2, Leverage.LOW, Relation.DIRECTLY_LINKED, "grave"), "user/r");
        assertThat(f.core.reviews().openDue()).isEmpty();

        // severity 5 reviews after 30 days, unassessed after 180
        f.clock.advance(Duration.ofDays(31));
        List<CaseFile> opened = f.core.reviews().openDue();
        assertThat(opened).singleElement().satisfies(x -> {
            assertThat(x.engagementId()).isEqualTo(severe.id());
            assertThat(x.origin()).isEqualTo(CaseOrigin.PERIODIC_REVIEW);
            assertThat(x.dueAt()).isEqualTo(f.clock.instant().plus(Duration.ofDays(30)));
        });
        assertThat(f.core.records().forSubject(severe.subject())).extracting(l -> l.type()).contains("review.due");
        assertThat(f.core.engagements().get(severe.id()).nextReviewAt()).isEqualTo(f.clock.instant().plus(Duration.ofDays(30)));
        assertThat(f.core.reviews().openDue()).as("second run opens nothing").isEmpty();

        // a review falling due again while its case is still open does not open a second one
        f.clock.advance(Duration.ofDays(31));
        long cases = f.rows("case_file WHERE origin = 'periodic-review'");
        assertThat(f.core.reviews().openDue()).isEmpty();
        assertThat(f.rows("case_file WHERE origin = 'periodic-review'")).isEqualTo(cases);

        // once it is closed, the next due review opens a new one
        CaseFile review = opened.get(0);
        f.core.cases().move(review.id(), review.version(), CaseState.CLOSED, "reviewed", "user/r");
        f.clock.advance(Duration.ofDays(31));
        assertThat(f.core.reviews().openDue()).extracting(CaseFile::engagementId).containsExactly(severe.id());

        f.clock.advance(Duration.ofDays(100));
        assertThat(f.core.reviews().openDue()).extracting(CaseFile::engagementId).contains(unassessed.id());
    }

    @Test
    @SuppressWarnings("try") // the timer is held, not used: closing it at the end stops the scheduler
    void theSchedulerRunsAReviewPassAtOnce() throws Exception {
        long engagement = f.engagement().engagementId();
        f.clock.advance(Duration.ofDays(400));
        long before = f.rows("case_file WHERE origin = 'periodic-review' AND engagement_id = " + engagement);
        assertThat(before).isZero();
        try (AutoCloseable timer = f.core.reviews().schedule(Duration.ofHours(1))) {
            // the first run starts immediately; wait for its transaction to commit (bounded, not timed)
            for (int i = 0; i < 200 && f.rows("case_file WHERE origin = 'periodic-review' AND engagement_id = "
                    + engagement) == 0; i++) {
                Thread.sleep(50);
            }
        }
        assertThat(f.rows("case_file WHERE origin = 'periodic-review' AND engagement_id = " + engagement)).isEqualTo(1);
    }
}
