package org.plumbline.core;

import org.plumbline.core.domain.ValidationException;
import java.util.List;
import java.util.Optional;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.domain.CaseOrigin;
import org.plumbline.core.domain.Engagement;
import org.plumbline.core.domain.Finding;
import org.plumbline.core.domain.NewCase;
import org.plumbline.core.domain.RaisedFinding;
import org.plumbline.core.record.LogRecord;

/**
 * Findings of usage-signals scans: each new one is appended to the log as {@code finding.raised} and
 * either opens a case or joins the active case that earlier findings on the same engagement and
 * account opened, all in one transaction.
 *
 * <p>Raising is idempotent by the finding's key: a key already recorded returns the recorded finding
 * and writes nothing. The signals module keeps its own ledger too, but that lives in another database
 * (DuckDB); this check is the one that holds across a crash between the two.
 */
public final class Findings {
    private final Core core;

    Findings(Core core) {
        this.core = core;
    }

    /** What {@link #raise} did: the recorded finding, and whether this call recorded it. */
    public record Outcome(RaisedFinding finding, boolean isNew) {}

    /**
     * Records a finding on the engagement its {@link Finding#engagement() reference} names.
     *
     * @throws ValidationException naming the bad fields, or {@code engagement} if no engagement has that reference
     */
    public Outcome raise(Finding f, String actor) {
        f.validate();
        return core.db().inTransaction(h -> {
            Optional<RaisedFinding> known = FindingStore.byKey(h, f.key());
            if (known.isPresent()) return new Outcome(known.get(), false);
            long engagementId = (f.engagement() == null ? Optional.<Engagement>empty()
                    : EngagementStore.byReference(h, f.engagement()))
                    .orElseThrow(() -> ValidationException.of("engagement", f.engagement() == null
                            ? "is required: the account is in no engagement" : "no engagement " + f.engagement()))
                    .id();
            // Lock order as everywhere in core: case, then engagement, then the log counter (by appending last).
            Optional<Long> active = FindingStore.lockActiveCase(h, engagementId, f.account());
            Engagement e = EngagementStore.get(h, engagementId)
                    .orElseThrow(() -> ValidationException.of("engagement", "no engagement " + f.engagement()));
            var now = core.now();
            long idx = LogEntries.append(h, core.seal(LogRecord.builder("finding.raised", e.subject(), actor, now)
                    .field("rule", f.rule())
                    .field("title", f.title())
                    .field("metrics", f.figures())
                    .field("key", f.key())
                    .field("account", f.account())
                    .field("severity", f.severity())
                    .field("about", f.subject())
                    .field("windowStart", f.windowStart().toString())
                    .field("windowEnd", f.windowEnd().toString())
                    .field("case", active.map(id -> "case/" + id).orElse(null))
                    .confidential("summary", f.evidence())));
            long caseId;
            if (active.isPresent()) {
                caseId = active.get();
            } else {
                CaseFile c = core.cases().open(h, new NewCase(e.id(), CaseOrigin.FINDING, f.rule() + "@log/" + idx,
                        caseTitle(f, e), f.evidence(), true, null), actor, null);
                caseId = c.id();
            }
            RaisedFinding r = new RaisedFinding(0, f, e.id(), caseId, active.isEmpty(), actor, now, idx);
            FindingStore.insert(h, r);
            return new Outcome(FindingStore.byKey(h, f.key()).orElseThrow(), true);
        });
    }

    private static String caseTitle(Finding f, Engagement e) {
        String t = "Usage signals on " + e.reference() + " (" + f.account() + "): " + f.title();
        return t.length() > 200 ? t.substring(0, 199) + "…" : t;
    }

    public Optional<RaisedFinding> get(long id) {
        return core.db().withHandle(h -> FindingStore.get(h, id));
    }

    /** The newest {@code limit} findings, newest first. */
    public List<RaisedFinding> list(int limit) {
        return core.db().withHandle(h -> FindingStore.list(h, limit));
    }

    /** The findings that opened or joined a case, oldest first. */
    public List<RaisedFinding> forCase(long caseId) {
        return core.db().withHandle(h -> FindingStore.forCase(h, caseId));
    }
}
