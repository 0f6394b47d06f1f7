package org.plumbline.core.report;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.plumbline.core.record.LogRecord;

/**
 * Where a report's records come from: a log of {@code size()} entries (one checkpoint's tree), with an index
 * of the records' logged times and subjects. {@link #assemble} picks the records a report file holds, by the
 * rule the file format states; the server reads them from its public tiles, a test from a log of its own.
 */
public interface ReportSource {
    /** The entries of the checkpoint's tree. */
    long size();

    /** The entry's bytes at {@code index} (below {@link #size()}). */
    byte[] entry(long index) throws IOException;

    /** The entry's RFC 6962 inclusion proof in the tree of {@link #size()} leaves. */
    List<byte[]> inclusionProof(long index) throws IOException;

    /** The lowest index of a record logged at or after {@code t}, or {@link #size()} if none. */
    long firstLoggedAtOrAfter(Instant t);

    /** The highest index of a record logged before {@code t}, or -1 if none. */
    long lastLoggedBefore(Instant t);

    /** The index of the (first) record of {@code type} about {@code subject}, if the tree holds one. */
    OptionalLong indexOf(String type, String subject);

    /**
     * The report of {@code quarter} against {@code signedCheckpoint} (whose tree this source reads): the range
     * runs from the first record logged in the quarter to the last one (so that every record whose time is
     * in the quarter is in it, even one that committed after a later one), and the file holds every record
     * of the range, the record just before and just after it, and the records counted ones refer to.
     *
     * @param maxRecords a bound on the range, for servers that build reports for anonymous requests
     * @throws ReportException if the range holds more than {@code maxRecords} records
     */
    default TransparencyReport assemble(Quarter quarter, byte[] signedCheckpoint, int maxRecords)
            throws ReportException, IOException {
        long size = size();
        if (TransparencyReport.checkpointOf(signedCheckpoint).size() != size) {
            throw new IllegalArgumentException("the checkpoint is not of this source's tree of " + size + " entries");
        }
        long start = firstLoggedAtOrAfter(quarter.start());
        long end = Math.max(start, lastLoggedBefore(quarter.end()) + 1);
        if (end - start > maxRecords) {
            throw new ReportException(quarter + " has " + (end - start) + " records, more than a report holds ("
                    + maxRecords + ")");
        }
        Map<Long, ReportLine.Role> wanted = new LinkedHashMap<>();
        if (start > 0) wanted.put(start - 1, ReportLine.Role.BEFORE);
        if (end < size) wanted.put(end, ReportLine.Role.AFTER);
        Map<Long, byte[]> bytes = new LinkedHashMap<>();
        for (long i = start; i < end; i++) {
            wanted.put(i, ReportLine.Role.RANGE);
            byte[] entry = entry(i);
            bytes.put(i, entry);
            LogRecord r = LogRecord.parse(entry);
            for (Figure f : Figure.ALL) {
                if (f.by() instanceof Figure.ByReference b && f.type().equals(r.type()) && quarter.contains(r.time())
                        && r.fields().path(b.field()).isTextual()) {
                    indexOf(b.type(), r.fields().get(b.field()).textValue())
                            .ifPresent(at -> wanted.putIfAbsent(at, ReportLine.Role.REFERENCE));
                }
            }
        }
        List<ReportLine> lines = new ArrayList<>(wanted.size());
        for (long i : new TreeSet<>(wanted.keySet())) {
            byte[] entry = bytes.containsKey(i) ? bytes.get(i) : entry(i);
            lines.add(new ReportLine(i, wanted.get(i), entry, inclusionProof(i), 0));
        }
        return TransparencyReport.build(quarter, signedCheckpoint, start, end, lines);
    }
}
