package org.plumbline.core;

import org.plumbline.core.domain.ConflictException;
import org.plumbline.core.domain.NotFoundException;
import org.plumbline.core.domain.ValidationException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.plumbline.core.domain.Assessment;
import org.plumbline.core.domain.AssessmentInput;
import org.plumbline.core.domain.CaseEvent;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.domain.CaseOrigin;
import org.plumbline.core.domain.CaseState;
import org.plumbline.core.domain.Decision;
import org.plumbline.core.domain.DecisionInput;
import org.plumbline.core.domain.DecisionKind;
import org.plumbline.core.domain.EscalationLevel;
import org.plumbline.core.domain.Evidence;
import org.plumbline.core.domain.Leverage;
import org.plumbline.core.domain.NewCase;
import org.plumbline.core.domain.Relation;
import org.plumbline.core.record.LogRecord;
import org.plumbline.log.hash.Sha256;

class CasesTest {
    /** One embedded PostgreSQL and core for the class's tests, closed after the last of them. */
    @AutoClose
    private static final Fixture f = new Fixture();

    private CaseFile openCase() {
        long engagement = f.engagement().engagementId();
        return f.core.cases().open(new NewCase(engagement, CaseOrigin.MANUAL, null, "Audio volume",
                "Storage growth of audio files in westeurope", true, "user/reviewer"), "user/reviewer");
    }

    /** Drives a fresh case to {@code state} through legal moves; returns it. */
    private CaseFile caseIn(CaseState state) {
        CaseFile c = openCase();
        Cases cases = f.core.cases();
        if (state == CaseState.OPEN) return c;
        if (state == CaseState.CLOSED) return cases.move(c.id(), c.version(), CaseState.CLOSED, "duplicate", "user/r");
        c = cases.move(c.id(), c.version(), CaseState.IN_REVIEW, "", "user/r");
        if (state == CaseState.IN_REVIEW) return c;
        if (state == CaseState.ESCALATED) return cases.escalate(c.id(), c.version(), "needs approver", "user/r");
        cases.decide(c.id(), c.version(), new DecisionInput(DecisionKind.NO_ACTION, null, null, null, "fine",
                EscalationLevel.APPROVER), "user/approver");
        return cases.get(c.id());
    }

    @Test
    void everyIllegalTransitionIsRejectedAndLeavesNoTrace() {
        for (CaseState from : CaseState.values()) {
            for (CaseState to : CaseState.values()) {
                if (from.canMoveTo(to)) continue;
                CaseFile c = caseIn(from);
                assertThat(c.state()).isEqualTo(from);
                long before = f.logCount();
                assertThatThrownBy(() -> attempt(c, to)).as(from + " -> " + to)
                        .isInstanceOfSatisfying(ValidationException.class,
                                e -> assertThat(e.fieldErrors()).containsKey("state"));
                assertThat(f.logCount()).as(from + " -> " + to).isEqualTo(before);
                assertThat(f.core.cases().get(c.id())).isEqualTo(c);
            }
        }
    }

    private void attempt(CaseFile c, CaseState to) {
        Cases cases = f.core.cases();
        switch (to) {
            case DECIDED -> cases.decide(c.id(), c.version(), new DecisionInput(DecisionKind.NO_ACTION, null, null, null,
                    "x", EscalationLevel.LEADERSHIP), "user/l");
            case ESCALATED -> cases.escalate(c.id(), c.version(), "needs approver", "user/r");
            default -> cases.move(c.id(), c.version(), to, "", "user/r");
        }
    }

    @Test
    void decidedAndEscalatedAreReachedOnlyThroughTheirOperations() {
        CaseFile c = caseIn(CaseState.IN_REVIEW);
        assertThatThrownBy(() -> f.core.cases().move(c.id(), c.version(), CaseState.DECIDED, "", "user/r"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("recording a decision");
        assertThatThrownBy(() -> f.core.cases().move(c.id(), c.version(), CaseState.ESCALATED, "", "user/r"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("escalate");
    }

    @Test
    void aCaseOnAnEngagementThatDoesNotExistIsRefusedAndLeavesNoTrace() {
        long log = f.core.entries().count();
        assertThatThrownBy(() -> f.core.cases().open(new NewCase(987_654L, CaseOrigin.MANUAL, null, "t", "s", false, null),
                "user/r")).isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors()).containsEntry("engagementId", "no engagement 987654"));
        assertThat(f.core.entries().count()).isEqualTo(log);
        // The index the refused opening drew is given to the next record: the log stays dense.
        CaseFile next = f.core.cases().open(new NewCase(null, CaseOrigin.MANUAL, null, "t", "s", false, null), "user/r");
        assertThat(next.logIndex()).isEqualTo(log);
        assertThat(f.core.cases().get(next.id()).logIndex()).isEqualTo(log);
    }

    @Test
    void escalatingNeedsAReasonAndWithoutOneChangesNothing() {
        CaseFile c = caseIn(CaseState.IN_REVIEW);
        long log = f.core.entries().count();
        for (String reason : new String[] {null, "", "  \n "}) {
            assertThatThrownBy(() -> f.core.cases().escalate(c.id(), c.version(), reason, "user/r"))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fieldErrors()).containsEntry("note", "say why the case needs a higher level"));
        }
        CaseFile after = f.core.cases().get(c.id());
        assertThat(after.version()).isEqualTo(c.version());
        assertThat(after.level()).isEqualTo(EscalationLevel.REVIEWER);
        assertThat(f.core.entries().count()).isEqualTo(log);
    }

    @Test
    void legalPathIsLoggedStepByStep() {
        CaseFile c = openCase();
        Cases cases = f.core.cases();
        c = cases.move(c.id(), 1, CaseState.IN_REVIEW, "starting", "user/r");
        c = cases.escalate(c.id(), c.version(), "severe", "user/r");
        assertThat(c.level()).isEqualTo(EscalationLevel.APPROVER);
        c = cases.escalate(c.id(), c.version(), "very severe", "user/a");
        assertThat(c.level()).isEqualTo(EscalationLevel.LEADERSHIP);
        CaseFile top = c;
        assertThatThrownBy(() -> cases.escalate(top.id(), top.version(), "even higher", "user/x"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).containsKey("level"));
        c = cases.move(c.id(), c.version(), CaseState.IN_REVIEW, "more evidence needed", "user/l");
        assertThat(c.level()).isEqualTo(EscalationLevel.LEADERSHIP);
        assertThat(cases.timeline(c.id())).extracting(CaseEvent::to)
                .containsExactly(CaseState.IN_REVIEW, CaseState.ESCALATED, CaseState.ESCALATED, CaseState.IN_REVIEW);
        assertThat(f.core.records().forSubject(c.subject())).extracting(l -> l.type())
                .containsExactly("case.opened", "case.state-changed", "case.state-changed", "case.state-changed",
                        "case.state-changed");
    }

    @Test
    void staleVersionIsAConflict() {
        CaseFile c = openCase();
        f.core.cases().move(c.id(), c.version(), CaseState.IN_REVIEW, "", "user/a");
        long before = f.logCount();
        assertThatThrownBy(() -> f.core.cases().move(c.id(), c.version(), CaseState.CLOSED, "", "user/b"))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> f.core.cases().assess(c.id(), c.version(),
                new AssessmentInput(2, 2, 2, 2, Leverage.LOW, Relation.CAUSE, "x"), "user/b"))
                .isInstanceOf(ConflictException.class);
        assertThat(f.logCount()).isEqualTo(before);
    }

    private long reads(CaseFile c, String actor) {
        return f.core.records().forSubject(c.subject()).stream()
                .filter(r -> r.type().equals("case.read") && r.actor().equals(actor)).count();
    }

    @Test
    void aReadTheAccessCheckRefusesLeavesNoRecordAndAnAllowedOneLeavesOne() {
        CaseFile c = openCase();
        long log = f.core.entries().count();
        assertThatThrownBy(() -> f.core.cases().read(c.id(), "user/outsider", seen -> {
            assertThat(seen.id()).isEqualTo(c.id());
            throw new NotFoundException(seen.subject());
        })).isInstanceOf(NotFoundException.class);
        assertThat(f.core.entries().count()).isEqualTo(log);
        assertThat(reads(c, "user/outsider")).isZero();
        assertThat(f.core.cases().read(c.id(), "user/insider", seen -> { }).title()).isEqualTo(c.title());
        assertThat(reads(c, "user/insider")).isEqualTo(1);
    }

    @Test
    void readsOfOneCaseByOneReaderWithinAnHourAreOneRecord() {
        CaseFile c = openCase();
        f.core.cases().read(c.id(), "user/investigator");
        f.clock.advance(Duration.ofMinutes(59));
        f.core.cases().read(c.id(), "user/investigator");
        assertThat(reads(c, "user/investigator")).as("two reads within the hour").isEqualTo(1);

        // Another reader is another record; the same reader an hour after the record, another.
        f.core.cases().read(c.id(), "user/auditor");
        assertThat(reads(c, "user/auditor")).isEqualTo(1);
        f.clock.advance(Duration.ofMinutes(1));
        f.core.cases().read(c.id(), "user/investigator");
        assertThat(reads(c, "user/investigator")).as("a read an hour after the first").isEqualTo(2);
    }

    @Test
    void parallelReadsOfOneCaseByOneReaderAreOneRecord() throws Exception {
        CaseFile c = openCase();
        int n = 8;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(n);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(n)) {
            List<java.util.concurrent.Future<CaseFile>> all = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(pool.submit(() -> {
                    start.await();
                    return f.core.cases().read(c.id(), "user/investigator");
                }));
            }
            for (var r : all) r.get();
        }
        assertThat(reads(c, "user/investigator")).as("%d parallel reads", n).isEqualTo(1);
    }

    @Test
    void readingAConfidentialCaseIsRecorded() {
        CaseFile c = openCase();
        long before = f.logCount();
        f.core.cases().read(c.id(), "user/investigator");
        assertThat(f.logCount()).isEqualTo(before + 1);
        LogRecord read = LogRecord.parse(f.core.records().record(before).orElseThrow());
        assertThat(read.type()).isEqualTo("case.read");
        assertThat(read.subject()).isEqualTo(c.subject());
        assertThat(read.actor()).isEqualTo("user/investigator");
        CaseFile open = f.core.cases().open(new NewCase(null, CaseOrigin.MANUAL, null, "t", "s", false, null), "user/r");
        long after = f.logCount();
        f.core.cases().read(open.id(), "user/x");
        assertThat(f.logCount()).isEqualTo(after);
    }

    @Test
    void caseOpenedRecordCommitsTitleAndSummary() {
        CaseFile c = openCase();
        String text = new String(f.core.records().record(c.logIndex()).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(text).contains("\"origin\":\"manual\"").doesNotContain("Audio volume").doesNotContain("westeurope");
    }

    @Test
    void assessmentSetsSeverityOnCaseAndEngagementAndBringsReviewForward() {
        CaseFile c = openCase();
        long engagement = c.engagementId();
        var reviewBefore = f.core.engagements().get(engagement).nextReviewAt();
        Assessment a = f.core.cases().assess(c.id(), c.version(),
                new AssessmentInput(3, 5, 2, 1, Leverage.HIGH, Relation.CONTRIBUTE, "many people affected"), "user/r");
        assertThat(a.severity()).isEqualTo(5);
        assertThat(a.priority()).isEqualTo(5);
        CaseFile after = f.core.cases().get(c.id());
        assertThat(after.severity()).isEqualTo(5);
        assertThat(after.version()).isEqualTo(c.version() + 1);
        assertThat(f.core.engagements().get(engagement).severity()).isEqualTo(5);
        assertThat(f.core.engagements().get(engagement).nextReviewAt()).isBefore(reviewBefore);
        LogRecord r = LogRecord.parse(f.core.records().record(a.logIndex()).orElseThrow());
        assertThat(r.fields().path("severity").asInt()).isEqualTo(5);
        assertThat(r.fields().path("relation").asText()).isEqualTo("contribute");
        assertThat(r.commitments()).containsOnlyKeys("rationale");
        assertThat(f.core.cases().assessments(c.id())).containsExactly(a);
    }

    @Test
    void evidenceIsContentAddressedAndLogged() {
        CaseFile c = openCase();
        byte[] pdf = "%PDF-1.7 journalists' report".getBytes(StandardCharsets.UTF_8);
        Evidence e = f.core.cases().attachEvidence(c.id(), pdf, "application/pdf", "report.pdf", "press report", "user/r");
        Evidence again = f.core.cases().attachEvidence(c.id(), pdf, "application/pdf", "copy.pdf", "same file", "user/r");
        assertThat(e.sha256()).isEqualTo(Sha256.hex(Sha256.digest(pdf))).isEqualTo(again.sha256());
        assertThat(e.size()).isEqualTo(pdf.length);
        assertThat(f.core.cases().evidenceContent(e.sha256())).hasValueSatisfying(b -> assertThat(b).isEqualTo(pdf));
        assertThat(f.rows("blob WHERE sha256 = decode('" + e.sha256() + "', 'hex')")).isEqualTo(1);
        assertThat(f.core.cases().evidence(c.id())).hasSize(2);
        String record = new String(f.core.records().record(e.logIndex()).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(record).contains(e.sha256()).contains("application/pdf").doesNotContain("report.pdf");
        assertThatThrownBy(() -> f.core.cases().attachEvidence(c.id(), new byte[0], "pdf", "", "", "user/r"))
                .isInstanceOfSatisfying(ValidationException.class, ex -> assertThat(ex.fieldErrors())
                        .containsOnlyKeys("file", "mediaType", "fileName", "description"));
    }

    @Test
    void commentsAreKeptButNotLogged() {
        CaseFile c = openCase();
        long before = f.logCount();
        f.core.cases().comment(c.id(), "called the account team", "user/r");
        assertThat(f.logCount()).isEqualTo(before);
        assertThat(f.core.cases().comments(c.id())).singleElement()
                .satisfies(x -> assertThat(x.body()).isEqualTo("called the account team"));
    }

    @Test
    void decisionNeedsTheLevelThePolicyRequires() {
        CaseFile c = caseIn(CaseState.IN_REVIEW);
        c = f.core.cases().assess(c.id(), c.version(),
                new AssessmentInput(4, 3, 3, 2, Leverage.MEDIUM, Relation.DIRECTLY_LINKED, "grave"), "user/r") == null ? c
                : f.core.cases().get(c.id());
        CaseFile current = c;
        long before = f.logCount();
        assertThatThrownBy(() -> f.core.cases().decide(current.id(), current.version(), new DecisionInput(
                DecisionKind.NO_ACTION, null, null, null, "fine", EscalationLevel.APPROVER), "user/a"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors().get("deciderLevel")).contains("leadership"));
        assertThat(f.logCount()).isEqualTo(before);
        Decision d = f.core.cases().decide(current.id(), current.version(), new DecisionInput(DecisionKind.CONDITIONS,
                null, null, "monthly usage reports", "conditions suffice", EscalationLevel.LEADERSHIP), "user/l");
        assertThat(d.kind()).isEqualTo(DecisionKind.CONDITIONS);
        assertThat(f.core.cases().get(c.id()).state()).isEqualTo(CaseState.DECIDED);
        assertThat(f.core.cases().decision(c.id())).contains(d);
        assertThat(f.core.directives().forEngagement(c.engagementId())).isEmpty();
    }

    @Test
    void suspensionIssuesASignedDirectiveAndSuspendsTheEngagement() {
        CaseFile c = caseIn(CaseState.IN_REVIEW);
        Decision d = f.core.cases().decide(c.id(), c.version(), new DecisionInput(DecisionKind.SUSPEND,
                List.of("sub-1002"), List.of("Speech to Text"), null, "bulk transcription contradicts cyber-defence",
                EscalationLevel.APPROVER), "user/approver");
        assertThat(f.core.engagements().get(c.engagementId()).status().name()).isEqualTo("SUSPENDED");
        var directives = f.core.directives().forEngagement(c.engagementId());
        assertThat(directives).singleElement().satisfies(x -> {
            assertThat(x.decisionId()).isEqualTo(d.id());
            assertThat(x.accounts()).containsExactly("sub-1002");
            assertThat(x.services()).containsExactly("Speech to Text");
            assertThat(org.plumbline.core.domain.DirectiveSigner.verify(f.core.directives().publicKey(), x.payload(),
                    x.signature())).isTrue();
            String payload = new String(x.payload(), StandardCharsets.UTF_8);
            assertThat(payload).startsWith("{\"accounts\":[\"sub-1002\"],\"ackDeadline\":\"")
                    .contains("\"action\":\"suspend\"");
        });
        assertThatThrownBy(() -> f.core.cases().decide(c.id(), c.version() + 1, new DecisionInput(DecisionKind.NO_ACTION,
                null, null, null, "again", EscalationLevel.LEADERSHIP), "user/l"))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void suspensionMustNameDeclaredAccountsAndServices() {
        CaseFile c = caseIn(CaseState.IN_REVIEW);
        assertThatThrownBy(() -> f.core.cases().decide(c.id(), c.version(), new DecisionInput(DecisionKind.SUSPEND,
                List.of("sub-9999"), List.of("Speech to Text", "Quantum"), null, "x", EscalationLevel.LEADERSHIP), "user/l"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("accounts[0]", "services[1]"));
    }

    @Test
    void findingOpensACaseWithBothRecords() {
        long engagement = f.engagement().engagementId();
        long before = f.logCount();
        var raised = f.core.findings().raise(f.finding(engagement, "speech-to-text-volume",
                "Transcription far above declared purpose", Map.of("audioHoursPerDay", 210000, "region", "westeurope"),
                "Audio transcription at a volume no cyber-defence use explains"), "system/signals");
        CaseFile c = f.core.cases().get(raised.finding().caseId());
        assertThat(c.origin()).isEqualTo(CaseOrigin.FINDING);
        assertThat(c.originRef()).isEqualTo("speech-to-text-volume@log/" + before);
        LogRecord finding = LogRecord.parse(f.core.records().record(before).orElseThrow());
        assertThat(finding.type()).isEqualTo("finding.raised");
        assertThat(finding.fields().path("metrics").path("audioHoursPerDay").asInt()).isEqualTo(210000);
        assertThat(f.logCount()).isEqualTo(before + 2);
    }

    @Test
    void overdueCasesAreFlagged() {
        CaseFile c = openCase();
        assertThat(c.overdue(f.clock.instant())).isFalse();
        f.clock.advance(f.core.config().caseDeadline().plus(Duration.ofMinutes(1)));
        try {
            assertThat(f.core.cases().get(c.id()).overdue(f.clock.instant())).isTrue();
            assertThat(f.core.cases().overdue()).extracting(CaseFile::id).contains(c.id());
        } finally {
            f.clock.advance(Duration.ofDays(-15));
        }
    }

    @Test
    void concurrentEditsOfOneVersionLetExactlyOneWin() throws Exception {
        CaseFile c = openCase();
        long before = f.logCount();
        int writers = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<CaseFile>> results = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                String who = "user/" + i;
                results.add(pool.submit(() -> {
                    go.await();
                    return f.core.cases().assign(c.id(), c.version(), who, who);
                }));
            }
            go.countDown();
            int won = 0;
            int conflicts = 0;
            for (var r : results) {
                try {
                    r.get();
                    won++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ConflictException.class);
                    conflicts++;
                }
            }
            assertThat(won).isEqualTo(1);
            assertThat(conflicts).isEqualTo(writers - 1);
        } finally {
            pool.shutdown();
        }
        assertThat(f.logCount()).isEqualTo(before + 1);
        assertThat(f.core.cases().get(c.id()).version()).isEqualTo(c.version() + 1);
    }

    @Test
    void aRecordTooLargeForTheLogIsAFieldErrorAndWritesNothing() {
        long engagement = f.engagement().engagementId();
        Map<String, Object> metrics = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 5000; i++) metrics.put("meter-" + i, "x".repeat(10));
        long before = f.logCount();
        long cases = f.rows("case_file");
        assertThatThrownBy(() -> f.core.findings().raise(f.finding(engagement, "rule-x", "t", metrics, "s"),
                "system/signals"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors().get("metrics"))
                        .contains("at most 65535 bytes"));
        assertThat(f.logCount()).isEqualTo(before);
        assertThat(f.rows("case_file")).isEqualTo(cases);
    }
    /**
     * Deciding cases of an engagement locks the engagement's row while case openings for the same engagement
     * insert rows that reference it (a foreign-key share lock) after taking the log counter: with the
     * engagement locked FOR UPDATE the two waited for each other and PostgreSQL aborted one (seen under
     * {@code bench api}). Every one of these must succeed.
     */
    @Test
    void decisionsAndCaseOpeningsOnOneEngagementInParallelDoNotDeadlock() throws Exception {
        long engagement = f.engagement().engagementId();
        Cases cases = f.core.cases();
        List<CaseFile> inReview = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            CaseFile c = cases.open(new NewCase(engagement, CaseOrigin.MANUAL, null, "c" + i, "s", false, "user/r"), "user/r");
            inReview.add(cases.move(c.id(), c.version(), CaseState.IN_REVIEW, "", "user/r"));
        }
        long before = f.logCount();
        List<java.util.concurrent.Callable<Object>> work = new java.util.ArrayList<>();
        for (CaseFile c : inReview) {
            work.add(() -> cases.decide(c.id(), c.version(), new DecisionInput(DecisionKind.NO_ACTION, null, null, null,
                    "fine", EscalationLevel.APPROVER), "user/approver"));
            work.add(() -> cases.open(new NewCase(engagement, CaseOrigin.MANUAL, null, "new", "s", false, "user/r"),
                    "user/r"));
        }
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (var result : pool.invokeAll(work)) {
                result.get(); // rethrows a deadlock or any other failure
            }
        }
        assertThat(f.logCount()).isEqualTo(before + 2 * inReview.size());
        assertThat(inReview).allSatisfy(c -> assertThat(cases.get(c.id()).state()).isEqualTo(CaseState.DECIDED));
    }
}
