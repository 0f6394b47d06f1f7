package org.plumbline.core.report;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.plumbline.core.record.LogRecord;
import org.plumbline.log.merkle.Hashes;
import org.plumbline.log.merkle.ProofException;
import org.plumbline.log.merkle.Proofs;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.NoteFormatException;
import org.plumbline.log.note.NoteVerificationException;
import org.plumbline.log.policy.Policy;

/**
 * Checks a transparency report with nothing but the file and a tlog-policy:
 *
 * <ol>
 *   <li>the checkpoint is signed by a log the policy trusts and cosigned by a quorum of its witnesses
 *       ({@link Policy#verify}, as {@code proof verify} does);</li>
 *   <li>every record's bytes are the log's entry at its index in that checkpoint's tree (its RFC 6962
 *       inclusion proof, {@link Proofs#verifyInclusion});</li>
 *   <li>completeness, as far as the file can show it: every index of the covered range {@code [start, end)}
 *       is in the file once, the record before the range was logged before the quarter and the record after
 *       it after the quarter, and the report is partial exactly when the range reaches the checkpoint;</li>
 *   <li>every figure, recounted from the records with {@link Figure#ALL}, is what the file states, group by
 *       group and record by record.</li>
 * </ol>
 *
 * The first thing wrong ends the check with a {@link ReportException} naming it in one line. What a file
 * cannot show (a record outside the range whose time falls in the quarter) is in
 * {@code docs/transparency-report.md}.
 */
public final class ReportVerifier {
    private ReportVerifier() {}

    /** What a verified report is: its quarter, its checkpoint and how many records and numbers were checked. */
    public record Verified(Quarter quarter, boolean partial, Checkpoint checkpoint, int records, int figures) {}

    /** Parses and verifies a JSON report file. */
    public static Verified verify(byte[] file, Policy policy) throws ReportException {
        return verify(TransparencyReport.parse(file), policy);
    }

    public static Verified verify(TransparencyReport report, Policy policy) throws ReportException {
        Objects.requireNonNull(policy, "policy");
        Checkpoint cp;
        try {
            cp = policy.verify(report.checkpoint());
        } catch (NoteFormatException | NoteVerificationException e) {
            throw new ReportException("checkpoint: not trusted by the policy: " + e.getMessage(), e);
        }
        long start = report.start();
        long end = report.end();
        if (start > end || end > cp.size()) {
            throw new ReportException("the covered range [" + start + ", " + end + ") is not within the checkpoint's "
                    + cp.size() + " records");
        }
        List<ReportLine> lines = report.lines();
        long previous = -1;
        for (ReportLine l : lines) {
            if (l.index() >= cp.size()) {
                throw new ReportException(l.where() + ": beyond the checkpoint's " + cp.size() + " records");
            }
            try {
                Proofs.verifyInclusion(Hashes.leaf(l.record()), l.index(), cp.size(), l.proof(), cp.rootHash());
            } catch (ProofException e) {
                throw new ReportException(l.where() + ": the record is not the log's entry at index " + l.index()
                        + " (its inclusion proof fails: " + e.getMessage() + ")", e);
            }
            if (l.index() <= previous) {
                throw new ReportException(l.where() + ": records must be in ascending index order, each once");
            }
            previous = l.index();
            boolean inRange = l.index() >= start && l.index() < end;
            if (inRange != (l.role() == ReportLine.Role.RANGE)) {
                throw new ReportException(l.where() + ": role \"" + l.role().wire() + "\" but the index is "
                        + (inRange ? "" : "not ") + "in the covered range [" + start + ", " + end + ")");
            }
        }
        Map<Long, ReportLine> byIndex = new HashMap<>();
        lines.forEach(l -> byIndex.put(l.index(), l));
        for (long i = start; i < end; i++) {
            if (!byIndex.containsKey(i)) {
                throw new ReportException("log index " + i + " is in the covered range [" + start + ", " + end
                        + ") but not in the file: a record is missing");
            }
        }
        Quarter q = report.quarter();
        if (start > 0) {
            ReportLine before = byIndex.get(start - 1);
            if (before == null || before.role() != ReportLine.Role.BEFORE) {
                throw new ReportException("the record just before the range (log index " + (start - 1)
                        + ") is not in the file as \"before\", so nothing shows the range starts at the quarter");
            }
            if (!time(before).isBefore(q.start())) {
                throw new ReportException(before.where() + ": the record before the range was logged in or after "
                        + q + ", so the range does not start at the quarter");
            }
        }
        if (end < cp.size()) {
            ReportLine after = byIndex.get(end);
            if (after == null || after.role() != ReportLine.Role.AFTER) {
                throw new ReportException("the record just after the range (log index " + end
                        + ") is not in the file as \"after\", so nothing shows the range reaches the quarter's end");
            }
            if (time(after).isBefore(q.end())) {
                throw new ReportException(after.where() + ": the record after the range was logged before the end of "
                        + q + ", so the range stops short of the quarter's end");
            }
        }
        for (ReportLine l : lines) {
            if ((l.role() == ReportLine.Role.BEFORE && l.index() != start - 1)
                    || (l.role() == ReportLine.Role.AFTER && l.index() != end)) {
                throw new ReportException(l.where() + ": role \"" + l.role().wire() + "\" belongs to the record "
                        + (l.role() == ReportLine.Role.BEFORE ? "just before" : "just after") + " the range");
            }
        }
        boolean partial = end == cp.size();
        if (report.partial() != partial) {
            throw new ReportException("partial: the file says " + report.partial() + ", but the range "
                    + (partial ? "reaches" : "ends before") + " the checkpoint's last record");
        }
        compare(report.counts(), Tally.count(q, lines));
        return new Verified(q, partial, cp, lines.size(), report.counts().size());
    }

    /** The figures stated against the figures counted: every one, group by group, the same records. */
    private static void compare(List<Count> stated, List<Count> counted) throws ReportException {
        Map<String, Count> want = new LinkedHashMap<>();
        counted.forEach(c -> want.put(c.name(), c));
        Map<String, Count> seen = new HashMap<>();
        for (Count c : stated) {
            if (Figure.byId(c.figure()).isEmpty()) {
                throw new ReportException("figure " + c.figure() + ": not a figure this verifier knows");
            }
            if (seen.put(c.name(), c) != null) throw new ReportException("figure " + c.name() + ": stated twice");
            Count expected = want.get(c.name());
            if (expected == null) {
                if (c.count() == 0) continue;  // an empty group stated explicitly is still true
                throw new ReportException("figure " + c.name() + ": the file says " + c.count()
                        + ", the records give 0");
            }
            if (expected.count() != c.count()) {
                throw new ReportException("figure " + c.name() + ": the file says " + c.count() + ", the records give "
                        + expected.count());
            }
            if (!expected.indices().equals(c.indices())) {
                throw new ReportException("figure " + c.name() + ": the file lists log indices " + c.indices()
                        + ", the records counted are " + expected.indices());
            }
        }
        for (Count c : counted) {
            if (!seen.containsKey(c.name()) && c.count() > 0) {
                throw new ReportException("figure " + c.name() + ": missing from the file, the records give " + c.count());
            }
            if (!seen.containsKey(c.name()) && c.group() == null) {
                throw new ReportException("figure " + c.name() + ": missing from the file");
            }
        }
    }

    private static java.time.Instant time(ReportLine l) throws ReportException {
        try {
            return LogRecord.parse(l.record()).time();
        } catch (IllegalArgumentException e) {
            throw new ReportException(l.where() + ": not a canonical Plumbline record: " + e.getMessage());
        }
    }
}
