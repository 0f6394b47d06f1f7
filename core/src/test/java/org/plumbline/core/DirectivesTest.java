package org.plumbline.core;

import org.plumbline.core.domain.ConflictException;
import org.plumbline.core.domain.NotFoundException;
import org.plumbline.core.domain.ValidationException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.plumbline.core.domain.AckOutcome;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.domain.CaseOrigin;
import org.plumbline.core.domain.CaseState;
import org.plumbline.core.domain.DecisionInput;
import org.plumbline.core.domain.DecisionKind;
import org.plumbline.core.domain.Directive;
import org.plumbline.core.domain.DirectiveAction;
import org.plumbline.core.domain.EscalationLevel;
import org.plumbline.core.domain.NewCase;
import org.plumbline.core.record.LogRecord;
import org.plumbline.log.hash.Sha256;

class DirectivesTest {
    /** One embedded PostgreSQL and core for the class's tests, closed after the last of them. */
    @AutoClose
    private static final Fixture f = new Fixture();

    private Directive issue(DecisionKind kind) {
        long engagement = f.engagement().engagementId();
        CaseFile c = f.core.cases().open(new NewCase(engagement, CaseOrigin.MANUAL, null, "t", "s", true, null), "user/r");
        c = f.core.cases().move(c.id(), c.version(), CaseState.IN_REVIEW, "", "user/r");
        f.core.cases().decide(c.id(), c.version(), new DecisionInput(kind, List.of("sub-1001"), List.of("Speech to Text"),
                null, "contradicts declaration", EscalationLevel.LEADERSHIP), "user/lead");
        return f.core.directives().forEngagement(engagement).get(0);
    }

    @Test
    void clientsPageThroughDirectivesByCursorWithoutSkipping() {
        long start = f.core.directives().since(-1, 1000).nextCursor();
        List<Long> issued = new ArrayList<>();
        for (int i = 0; i < 5; i++) issued.add(issue(DecisionKind.SUSPEND).id());
        List<Long> seen = new ArrayList<>();
        long cursor = start;
        while (true) {
            Directives.Page page = f.core.directives().since(cursor, 2);
            if (page.directives().isEmpty()) break;
            assertThat(page.directives()).hasSizeLessThanOrEqualTo(2);
            page.directives().forEach(d -> seen.add(d.id()));
            assertThat(page.nextCursor()).isGreaterThan(cursor);
            cursor = page.nextCursor();
        }
        assertThat(seen).containsExactlyElementsOf(issued);
        assertThat(f.core.directives().since(cursor, 10).nextCursor()).isEqualTo(cursor);
    }

    @Test
    void terminateCoversEveryDeclaredAccountAndService() {
        Directive d = issue(DecisionKind.TERMINATE);
        assertThat(d.action()).isEqualTo(DirectiveAction.TERMINATE);
        assertThat(d.accounts()).containsExactly("sub-1001", "sub-1002");
        assertThat(d.services()).containsExactly("Blob Storage", "Speech to Text", "Sentinel");
        assertThat(f.core.engagements().get(d.engagementId()).status().name()).isEqualTo("TERMINATED");
        CaseFile later = f.core.cases().open(new NewCase(d.engagementId(), CaseOrigin.MANUAL, null, "t", "s", true, null),
                "user/r");
        CaseFile inReview = f.core.cases().move(later.id(), later.version(), CaseState.IN_REVIEW, "", "user/r");
        assertThatThrownBy(() -> f.core.cases().decide(inReview.id(), inReview.version(), new DecisionInput(
                DecisionKind.SUSPEND, List.of("sub-1001"), List.of("Sentinel"), null, "x", EscalationLevel.LEADERSHIP),
                "user/lead")).isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors().get("kind")).contains("already terminated"));
    }

    @Test
    void acknowledgementIsLoggedOnceAndClearsTheOverdueFlag() {
        Directive d = issue(DecisionKind.SUSPEND);
        assertThat(d.ack()).isNull();
        Directive acked = f.core.directives().acknowledge(d.id(), "machine/provisioning", AckOutcome.APPLIED,
                "disabled Speech to Text on sub-1001");
        assertThat(acked.ack()).isNotNull();
        assertThat(acked.ack().client()).isEqualTo("machine/provisioning");
        LogRecord r = LogRecord.parse(f.core.records().record(acked.ack().logIndex()).orElseThrow());
        assertThat(r.type()).isEqualTo("directive.acknowledged");
        assertThat(r.subject()).isEqualTo(d.subject());
        assertThat(r.fields().path("late").asBoolean()).isFalse();
        long before = f.logCount();
        assertThatThrownBy(() -> f.core.directives().acknowledge(d.id(), "machine/other", AckOutcome.APPLIED, ""))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already acknowledged");
        assertThat(f.logCount()).isEqualTo(before);
        assertThatThrownBy(() -> f.core.directives().acknowledge(987654, "machine/x", AckOutcome.APPLIED, ""))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void unacknowledgedPastTheDeadlineIsFlagged() {
        Directive pending = issue(DecisionKind.SUSPEND);
        Directive done = issue(DecisionKind.SUSPEND);
        f.core.directives().acknowledge(done.id(), "machine/p", AckOutcome.APPLIED, "");
        assertThat(f.core.directives().overdue()).extracting(Directive::id).doesNotContain(pending.id());
        f.clock.advance(f.core.config().ackWindow().plus(Duration.ofSeconds(1)));
        assertThat(pending.overdue(f.clock.instant())).isTrue();
        assertThat(f.core.directives().overdue()).extracting(Directive::id).contains(pending.id())
                .doesNotContain(done.id());
        Directive late = f.core.directives().acknowledge(pending.id(), "machine/p", AckOutcome.FAILED, "account locked");
        assertThat(LogRecord.parse(f.core.records().record(late.ack().logIndex()).orElseThrow()).fields()
                .path("late").asBoolean()).isTrue();
        assertThat(f.core.directives().overdue()).extracting(Directive::id).doesNotContain(pending.id());
    }

    @Test
    void directiveRecordCarriesThePayloadAndSignature() {
        Directive d = issue(DecisionKind.SUSPEND);
        LogRecord r = LogRecord.parse(f.core.records().record(d.cursor()).orElseThrow());
        assertThat(r.type()).isEqualTo("directive.issued");
        assertThat(org.plumbline.core.record.CanonicalJson.canonicalize(r.fields().path("directive")))
                .isEqualTo(d.payload());
        assertThat(r.fields().path("signature").asText())
                .isEqualTo(Sha256.hex(d.signature()));
    }

    @Test
    void badPageSizeIsRefused() {
        assertThatThrownBy(() -> f.core.directives().since(0, 0)).isInstanceOf(ValidationException.class);
    }

    @Test
    void effectiveTimeMayBeInTheFutureButNotThePast() {
        long engagement = f.engagement().engagementId();
        CaseFile c = f.core.cases().open(new NewCase(engagement, CaseOrigin.MANUAL, null, "t", "s", true, null), "user/r");
        CaseFile inReview = f.core.cases().move(c.id(), c.version(), CaseState.IN_REVIEW, "", "user/r");
        java.time.Instant past = f.clock.instant().minus(Duration.ofHours(1));
        assertThatThrownBy(() -> f.core.cases().decide(inReview.id(), inReview.version(), new DecisionInput(
                DecisionKind.SUSPEND, List.of("sub-1001"), List.of("Speech to Text"), null, "x", EscalationLevel.LEADERSHIP,
                past), "user/lead"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("effectiveAt"));
        java.time.Instant notice = f.clock.instant().plus(Duration.ofHours(72));
        f.core.cases().decide(inReview.id(), inReview.version(), new DecisionInput(DecisionKind.SUSPEND,
                List.of("sub-1001"), List.of("Speech to Text"), null, "72 hours notice", EscalationLevel.LEADERSHIP, notice),
                "user/lead");
        Directive d = f.core.directives().forEngagement(engagement).get(0);
        assertThat(d.effectiveAt()).isEqualTo(notice);
        assertThat(d.ackDeadline()).isEqualTo(notice.plus(f.core.config().ackWindow()));
        assertThat(new String(d.payload(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"effective\":\"" + LogRecord.formatTime(notice) + "\"");
        f.clock.advance(Duration.ofHours(48));
        try {
            assertThat(d.overdue(f.clock.instant())).isFalse();
            assertThat(f.core.directives().overdue()).extracting(Directive::id).doesNotContain(d.id());
        } finally {
            f.clock.advance(Duration.ofHours(-48));
        }
    }
}
