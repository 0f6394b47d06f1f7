package org.plumbline.core;

import org.plumbline.core.domain.ConflictException;
import org.plumbline.core.domain.NotFoundException;
import org.plumbline.core.domain.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.plumbline.core.domain.Assessment;
import org.plumbline.core.domain.AssessmentInput;
import org.plumbline.core.domain.CaseEvent;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.domain.CaseState;
import org.plumbline.core.domain.Comment;
import org.plumbline.core.domain.Decision;
import org.plumbline.core.domain.DecisionInput;
import org.plumbline.core.domain.DecisionKind;
import org.plumbline.core.domain.Engagement;
import org.plumbline.core.domain.EngagementStatus;
import org.plumbline.core.domain.EngagementVersion;
import org.plumbline.core.domain.EscalationLevel;
import org.plumbline.core.domain.Evidence;
import org.plumbline.core.domain.NewCase;
import org.plumbline.core.domain.Wire;
import org.plumbline.core.record.LogRecord;
import org.plumbline.log.hash.Sha256;

/**
 * Due-diligence cases: opening, reading (recorded for confidential cases), assignment, moves on the
 * state machine ({@link CaseState}), escalation, assessment, evidence, comments and the decision.
 *
 * <p>Every change takes the case's {@code expectedVersion} and throws {@link ConflictException} if
 * the case changed meanwhile. Row locks are always taken case first, then engagement, then the log
 * counter (by appending last), so concurrent operations cannot deadlock.
 */
public final class Cases {
    /** Largest evidence file accepted, in bytes. */
    public static final int MAX_EVIDENCE_BYTES = 25 * 1024 * 1024;

    private final Core core;

    Cases(Core core) {
        this.core = core;
    }

    /** Opens a case and appends {@code case.opened}. */
    public CaseFile open(NewCase input, String actor) {
        input.validate();
        return core.db().inTransaction(h -> open(h, input, actor, null));
    }

    /** Opens a case inside the caller's transaction ({@code dueAt} null: now + the configured deadline). */
    CaseFile open(Handle h, NewCase input, String actor, Instant dueAt) {
        input.validate();
        long id = CaseStore.nextId(h);
        Instant now = core.now();
        Instant due = dueAt != null ? dueAt : now.plus(core.config().caseDeadline());
        LogRecord.Sealed sealed = core.seal(LogRecord.builder("case.opened", "case/" + id, actor, now)
                .field("engagement", input.engagementId() == null ? null : "engagement/" + input.engagementId())
                .field("origin", Wire.name(input.origin()))
                .field("originRef", input.originRef())
                .field("confidential", input.confidential())
                .field("due", LogRecord.formatTime(due))
                .confidential("assignee", input.assignee())
                .confidential("title", input.title())
                .confidential("summary", input.summary()));
        java.util.function.LongFunction<CaseFile> opened = idx -> new CaseFile(id, input.engagementId(), input.origin(),
                input.originRef(), input.title(), input.summary(), input.confidential(), CaseState.OPEN,
                EscalationLevel.REVIEWER, input.assignee(), due, null, actor, now, 1, idx);
        try {
            // The record and the case row in one round trip (see SqlWrite); the engagement's existence is checked
            // by the case row's foreign key rather than by a read of its own before.
            return opened.apply(LogEntries.append(h, sealed, CaseStore.insertion(opened.apply(SqlWrite.PENDING))));
        } catch (RuntimeException e) {
            if (input.engagementId() != null && Database.isForeignKeyViolation(e)) {
                throw ValidationException.of("engagementId", "no engagement " + input.engagementId());
            }
            throw e;
        }
    }

    /**
     * Reads within this long of a reader's {@code case.read} of a case are covered by it: the auditor needs
     * who read the case and when, and a page refreshed every few seconds would otherwise bury that.
     */
    static final Duration READ_COALESCED = Duration.ofHours(1);

    /**
     * Reads a case for a person. For a confidential case this appends {@code case.read} (who, when,
     * which case) in the same transaction, unless the same person's {@code case.read} of it is less than
     * {@link #READ_COALESCED} old: no one reads a confidential case without a trace.
     */
    public CaseFile read(long id, String actor) {
        return read(id, actor, c -> { });
    }

    /**
     * {@link #read(long, String)}, with {@code access} run on the case before anything is recorded: it throws to
     * refuse the reader, and a refused look at a case leaves no read record.
     */
    public CaseFile read(long id, String actor, java.util.function.Consumer<CaseFile> access) {
        // One statement reads the case and whether the reader's last case.read covers this read: most reads of
        // a confidential case are covered, and then nothing else is asked, nor a write transaction queued for.
        CaseStore.Read read = core.db().withHandle(h -> CaseStore.getForReader(h, id, actor, core.now().minus(READ_COALESCED)))
                .orElseThrow(() -> new NotFoundException("case/" + id));
        access.accept(read.file());
        if (!read.file().confidential() || read.covered()) {
            return read.file();
        }
        return core.db().inTransaction(h -> {
            // The case's row lock makes two concurrent reads check one after the other; under read
            // committed the second then sees the first's record and adds none.
            CaseFile locked = CaseStore.lock(h, id).orElseThrow(() -> new NotFoundException("case/" + id));
            Instant now = core.now();
            if (!LogEntries.loggedAfter(h, "case.read", locked.subject(), actor, now.minus(READ_COALESCED))) {
                LogEntries.append(h, core.seal(LogRecord.builder("case.read", locked.subject(), actor, now)));
            }
            return locked;
        });
    }

    /** Reads a case without recording it: for lists, dashboards and internal checks, not for showing the case. */
    public CaseFile get(long id) {
        return core.db().withHandle(h -> CaseStore.get(h, id)).orElseThrow(() -> new NotFoundException("case/" + id));
    }

    /** Cases, optionally only in {@code state} (null: all), most severe then soonest due first. */
    public List<CaseFile> list(CaseState state) {
        return core.db().withHandle(h -> CaseStore.list(h, state));
    }

    public List<CaseFile> forEngagement(long engagementId) {
        return core.db().withHandle(h -> CaseStore.forEngagement(h, engagementId));
    }

    /** Cases assigned to an account (what an external investigator may see). */
    public List<CaseFile> assignedTo(String assignee) {
        return core.db().withHandle(h -> CaseStore.assignedTo(h, assignee));
    }

    /** Active cases past their deadline. */
    public List<CaseFile> overdue() {
        return core.db().withHandle(h -> CaseStore.overdue(h, core.now()));
    }

    /** Assigns the case to an account (null to unassign); appends {@code case.assigned} (assignee committed). */
    public CaseFile assign(long id, int expectedVersion, String assignee, String actor) {
        new ValidationException.Collector().text("assignee", assignee, false).throwIfAny();
        return core.db().inTransaction(h -> {
            CaseFile c = lockActive(h, id, expectedVersion);
            // the assignee is a person (possibly an outside investigator): committed, not public
            LogEntries.append(h, core.seal(LogRecord.builder("case.assigned", c.subject(), actor, core.now())
                    .confidential("assignee", assignee)));
            CaseFile next = with(c, c.state(), c.level(), assignee, c.severity());
            CaseStore.update(h, next);
            return next;
        });
    }

    /**
     * Moves a case on its state machine and appends {@code case.state-changed}. {@code decided} is
     * reached only through {@link #decide}; escalation through {@link #escalate}.
     *
     * @throws ValidationException (field {@code state}) for a move the state machine does not allow
     */
    public CaseFile move(long id, int expectedVersion, CaseState target, String note, String actor) {
        new ValidationException.Collector().text("note", note, true).throwIfAny();
        if (target == CaseState.DECIDED) {
            throw ValidationException.of("state", "a case is decided by recording a decision, not by a state change");
        }
        if (target == CaseState.ESCALATED) {
            throw ValidationException.of("state", "escalate the case instead (it moves it up the ladder)");
        }
        return core.db().inTransaction(h -> {
            CaseFile c = lock(h, id, expectedVersion);
            checkMove(c, target);
            return changeState(h, c, target, c.level(), note, actor);
        });
    }

    /**
     * Escalates the case one rung up the ladder (reviewer → approver → leadership), moving it to
     * {@code escalated}.
     */
    public CaseFile escalate(long id, int expectedVersion, String note, String actor) {
        // Escalating hands the case to more senior people: they are owed the reason, and the record keeps it.
        if (note == null || note.isBlank()) {
            throw ValidationException.of("note", "say why the case needs a higher level");
        }
        new ValidationException.Collector().text("note", note, true).throwIfAny();
        return core.db().inTransaction(h -> {
            CaseFile c = lock(h, id, expectedVersion);
            checkMove(c, CaseState.ESCALATED);
            if (c.level() == EscalationLevel.LEADERSHIP) {
                throw ValidationException.of("level", "the case is already at leadership, the top of the ladder");
            }
            return changeState(h, c, CaseState.ESCALATED, c.level().up(), note, actor);
        });
    }

    private static void checkMove(CaseFile c, CaseState target) {
        if (!c.state().canMoveTo(target)) {
            throw ValidationException.of("state", "a case cannot move from " + Wire.name(c.state()) + " to "
                    + Wire.name(target) + "; from " + Wire.name(c.state()) + " it can move to "
                    + (c.state().next().isEmpty() ? "nothing (closed is final)"
                            : String.join(", ", c.state().next().stream().map(Wire::name).toList())));
        }
    }

    private CaseFile changeState(Handle h, CaseFile c, CaseState target, EscalationLevel level, String note,
            String actor) {
        String text = note == null ? "" : note;
        Instant now = core.now();
        long idx = LogEntries.append(h, core.seal(LogRecord.builder("case.state-changed", c.subject(), actor, now)
                .field("from", Wire.name(c.state()))
                .field("to", Wire.name(target))
                .field("level", Wire.name(level))
                .confidential("note", text)));
        CaseStore.insertEvent(h, new CaseEvent(0, c.id(), c.state(), target, level, text, actor, now, idx));
        CaseFile next = with(c, target, level, c.assignee(), c.severity());
        CaseStore.update(h, next);
        return next;
    }

    /**
     * Records an assessment (appends {@code assessment.recorded}); the case and its engagement take
     * its severity, and the engagement's next review moves earlier if the severity calls for it.
     */
    public Assessment assess(long id, int expectedVersion, AssessmentInput input, String actor) {
        input.validate();
        return core.db().inTransaction(h -> {
            CaseFile c = lockActive(h, id, expectedVersion);
            Engagement e = c.engagementId() == null ? null : EngagementStore.lock(h, c.engagementId()).orElseThrow();
            Instant now = core.now();
            long idx = LogEntries.append(h, core.seal(LogRecord.builder("assessment.recorded", c.subject(), actor, now)
                    .field("scale", input.scale())
                    .field("scope", input.scope())
                    .field("irremediability", input.irremediability())
                    .field("likelihood", input.likelihood())
                    .field("severity", input.severity())
                    .field("priority", input.priority())
                    .field("leverage", Wire.name(input.leverage()))
                    .field("relation", Wire.name(input.relation()))
                    .confidential("rationale", input.rationale())));
            Assessment a = CaseStore.insertAssessment(h, c.id(), input, actor, now, idx);
            CaseStore.update(h, with(c, c.state(), c.level(), c.assignee(), input.severity()));
            if (e != null) {
                EngagementStore.setSeverity(h, e.id(), input.severity());
                Instant sooner = core.config().reviews().next(now, input.severity());
                if (sooner.isBefore(e.nextReviewAt())) EngagementStore.setNextReview(h, e.id(), sooner);
            }
            return a;
        });
    }

    /**
     * Attaches a file as evidence: stored once under its SHA-256 (content-addressed), logged as
     * {@code evidence.attached} with hash, size and media type public and file name and description
     * confidential. Evidence is review material people supply (reports, letters, screenshots of
     * metering dashboards), never customer content.
     */
    public Evidence attachEvidence(long id, byte[] content, String mediaType, String fileName, String description,
            String actor) {
        ValidationException.Collector errors = new ValidationException.Collector();
        errors.check(content == null || content.length == 0, "file", "is empty");
        errors.check(content != null && content.length > MAX_EVIDENCE_BYTES, "file",
                "is larger than " + MAX_EVIDENCE_BYTES + " bytes");
        errors.check(mediaType == null || !mediaType.matches("[a-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+"),
                "mediaType", "must be a media type such as application/pdf");
        errors.check(fileName == null || fileName.isBlank() || fileName.length() > 255, "fileName",
                "is required (at most 255 characters)");
        errors.check(description == null || description.isBlank(), "description", "say what this evidence shows");
        errors.text("fileName", fileName, false).text("description", description, true);
        errors.throwIfAny();
        return core.db().inTransaction(h -> {
            CaseFile c = CaseStore.lock(h, id).orElseThrow(() -> new NotFoundException("case/" + id));
            if (c.state() == CaseState.CLOSED) throw ValidationException.of("state", "the case is closed");
            String sha = Sha256.hex(CaseStore.putBlob(h, content));
            Instant now = core.now();
            long idx = LogEntries.append(h, core.seal(LogRecord.builder("evidence.attached", c.subject(), actor, now)
                    .field("sha256", sha)
                    .field("size", content.length)
                    .field("mediaType", mediaType)
                    .confidential("fileName", fileName)
                    .confidential("description", description)));
            return CaseStore.insertEvidence(h, new Evidence(0, c.id(), sha, content.length, mediaType, fileName,
                    description, actor, now, idx));
        });
    }

    /** The evidence attached to a case, oldest first. */
    public List<Evidence> evidence(long id) {
        return core.db().withHandle(h -> CaseStore.evidence(h, id));
    }

    /** A stored evidence file by its hex SHA-256. */
    public Optional<byte[]> evidenceContent(String sha256Hex) {
        byte[] sha;
        try {
            sha = Sha256.unhex(sha256Hex);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return core.db().withHandle(h -> CaseStore.blob(h, sha));
    }

    /** Adds a working note (not logged). */
    public Comment comment(long id, String body, String actor) {
        new ValidationException.Collector()
                .check(body == null || body.isBlank(), "body", "is empty")
                .check(body != null && body.length() > 20_000, "body", "must be at most 20000 characters")
                .text("body", body, true)
                .throwIfAny();
        return core.db().inTransaction(h -> {
            CaseStore.get(h, id).orElseThrow(() -> new NotFoundException("case/" + id));
            return CaseStore.insertComment(h, id, actor, body, core.now());
        });
    }

    public List<Comment> comments(long id) {
        return core.db().withHandle(h -> CaseStore.comments(h, id));
    }

    public List<CaseEvent> timeline(long id) {
        return core.db().withHandle(h -> CaseStore.events(h, id));
    }

    public List<Assessment> assessments(long id) {
        return core.db().withHandle(h -> CaseStore.assessments(h, id));
    }

    public Optional<Decision> decision(long id) {
        return core.db().withHandle(h -> CaseStore.decision(h, id));
    }

    /** The case each decision decided, by decision id: what links a directive (which names its decision) to its case. */
    public java.util.Map<Long, Long> casesOfDecisions(java.util.Collection<Long> decisionIds) {
        return core.db().withHandle(h -> CaseStore.casesOfDecisions(h, decisionIds));
    }

    /**
     * Records the decision (appends {@code decision.made}) and moves the case to {@code decided}. A
     * suspend or terminate decision also sets the engagement's status and issues a signed directive
     * ({@code directive.issued}) in the same transaction.
     *
     * @throws ValidationException if the decider's level is below what the escalation policy requires
     *     for this case (field {@code deciderLevel}), or the case is not in review or escalated
     */
    public Decision decide(long id, int expectedVersion, DecisionInput input, String actor) {
        return core.db().inTransaction(h -> {
            CaseStore.ToDecide toDecide = CaseStore.lockToDecide(h, id).orElseThrow(() -> new NotFoundException("case/" + id));
            CaseFile c = toDecide.file();
            checkVersion(c, expectedVersion);
            checkMove(c, CaseState.DECIDED);
            EngagementStore.Declared locked = c.engagementId() == null ? null
                    : EngagementStore.lockDeclared(h, c.engagementId()).orElseThrow();
            Engagement e = locked == null ? null : locked.head();
            EngagementVersion declared = locked == null ? null : locked.declared();
            if (input.kind() != null && input.kind().enforces() && e == null) {
                throw ValidationException.of("kind", "only a case tied to an engagement can suspend or terminate");
            }
            if (input.kind() != null && input.kind().enforces() && e.status() == EngagementStatus.TERMINATED) {
                throw ValidationException.of("kind", "engagement " + e.reference() + " is already terminated");
            }
            input.validate(declared == null ? null : declared.declaration(), core.now());
            EscalationLevel required = core.config().escalation().required(c.severity(), c.level(), input.kind());
            if (!input.deciderLevel().atLeast(required)) {
                throw ValidationException.of("deciderLevel", "this decision needs " + Wire.name(required)
                        + " level or above; escalate the case");
            }
            Instant now = core.now();
            Instant effective = input.effectiveAt() == null || input.effectiveAt().isBefore(now) ? now
                    : input.effectiveAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            long decisionId = toDecide.decisionId();
            List<String> accounts = !input.kind().enforces() ? List.of()
                    : input.kind() == DecisionKind.TERMINATE ? declared.declaration().accounts() : input.accounts();
            List<String> services = !input.kind().enforces() ? List.of()
                    : input.kind() == DecisionKind.TERMINATE ? declared.declaration().services() : input.services();
            LogRecord.Sealed sealed = core.seal(LogRecord.builder("decision.made", c.subject(), actor, now)
                    .field("decision", "decision/" + decisionId)
                    .field("engagement", e == null ? null : e.subject())
                    .field("kind", Wire.name(input.kind()))
                    .field("accounts", accounts)
                    .field("services", services)
                    .field("conditions", input.conditions())
                    .field("level", Wire.name(input.deciderLevel()))
                    .field("requiredLevel", Wire.name(required))
                    .field("effective", input.kind().enforces() ? LogRecord.formatTime(effective) : null)
                    .confidential("rationale", input.rationale()));
            java.util.function.LongFunction<Decision> decision = idx -> new Decision(decisionId, c.id(), input.kind(),
                    accounts, services, input.conditions(), input.rationale(), actor, input.deciderLevel(), now, idx);
            // The record, the decision, the case's event and its new state in one round trip (see SqlWrite).
            long idx = LogEntries.append(h, sealed, CaseStore.decisionInsertion(decision.apply(SqlWrite.PENDING)),
                    CaseStore.eventInsertion(new CaseEvent(0, c.id(), c.state(), CaseState.DECIDED, c.level(),
                            "decision: " + Wire.name(input.kind()), actor, now, SqlWrite.PENDING)),
                    CaseStore.updating(with(c, CaseState.DECIDED, c.level(), c.assignee(), c.severity())));
            Decision d = decision.apply(idx);
            if (input.kind().enforces()) {
                EngagementStore.setStatus(h, e.id(), input.kind() == DecisionKind.TERMINATE
                        ? EngagementStatus.TERMINATED : EngagementStatus.SUSPENDED);
                core.directives().issue(h, d, e, actor, now, effective);
            }
            return d;
        });
    }

    private static CaseFile lock(Handle h, long id, int expectedVersion) {
        CaseFile c = CaseStore.lock(h, id).orElseThrow(() -> new NotFoundException("case/" + id));
        checkVersion(c, expectedVersion);
        return c;
    }

    private static void checkVersion(CaseFile c, int expectedVersion) {
        if (c.version() != expectedVersion) throw new ConflictException(c.subject(), expectedVersion, c.version());
    }

    private static CaseFile lockActive(Handle h, long id, int expectedVersion) {
        CaseFile c = lock(h, id, expectedVersion);
        if (!c.state().isActive()) {
            throw ValidationException.of("state", "the case is " + Wire.name(c.state()) + "; it can no longer change");
        }
        return c;
    }

    private static CaseFile with(CaseFile c, CaseState state, EscalationLevel level, String assignee, Integer severity) {
        return new CaseFile(c.id(), c.engagementId(), c.origin(), c.originRef(), c.title(), c.summary(), c.confidential(),
                state, level, assignee, c.dueAt(), severity, c.openedBy(), c.openedAt(), c.version() + 1, c.logIndex());
    }
}
