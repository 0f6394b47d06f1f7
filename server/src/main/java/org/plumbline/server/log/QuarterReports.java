package org.plumbline.server.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.plumbline.core.Records;
import org.plumbline.core.record.LogRecord;
import org.plumbline.core.record.LoggedRecord;
import org.plumbline.core.report.Quarter;
import org.plumbline.core.report.ReportException;
import org.plumbline.core.report.ReportLine;
import org.plumbline.core.report.ReportSource;
import org.plumbline.core.report.TransparencyReport;
import org.plumbline.log.LogReader;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.NoteFormatException;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.tiles.TileMath;
import java.time.Instant;

/**
 * The quarters' transparency reports, built from the public log and cached, because anyone may ask for them.
 *
 * <p>A report is built against the checkpoint the log publishes ({@link TransparencyLog#publishedCheckpoint()},
 * with witnesses the newest one a quorum cosigned), from the entries in the public tiles, never from the
 * domain's tables: the database only says where the quarter's index range starts and ends (by the records'
 * logged times) and where a referenced record is. Every record of the range, the two just outside it and
 * the referenced ones are read from the tiles with their inclusion proofs.
 *
 * <p>Bounded work for anonymous requests: only quarters from the log's first record to now exist; one
 * report is built at a time (others wait for it and share it); a closed quarter's report is built once
 * and kept (it stays verifiable against the checkpoint it was built on), the current quarter's once per
 * published checkpoint, and not more often than {@link #REBUILD_FACTOR} allows; and a quarter with more than {@link #MAX_RECORDS} records in its range is refused
 * rather than built.
 */
public final class QuarterReports {
    /** Most records one report file holds (its range plus boundary and referenced records). */
    public static final int MAX_RECORDS = 100_000;

    private final TransparencyLog log;
    private final Records records;
    private final Clock clock;
    private final Map<Quarter, Cached> cache = new HashMap<>();

    /**
     * A partial report is rebuilt for a newer checkpoint only once this many times its last build's duration
     * has passed since that build, so that however often the checkpoint moves and anonymous requests come,
     * building reports takes at most about a tenth of one thread; meanwhile the last one is served (it still
     * verifies: its checkpoint was published).
     */
    static final long REBUILD_FACTOR = 10;

    private record Cached(TransparencyReport report, long builtAt, long took) {}

    public QuarterReports(TransparencyLog log, Records records, Clock clock) {
        this.log = log;
        this.records = records;
        this.clock = clock;
    }

    /** The quarters a report exists for, newest first: from the quarter of the log's first record to now. */
    public List<Quarter> quarters() {
        Quarter now = Quarter.of(clock.instant());
        Quarter first = records.record(0).map(b -> Quarter.of(LogRecord.parse(b).time())).orElse(now);
        List<Quarter> out = new ArrayList<>();
        for (Quarter q = now; q.compareTo(first) >= 0 && out.size() < 400; q = q.previous()) {
            out.add(q);
        }
        return out;
    }

    /** The current quarter (UTC). */
    public Quarter current() {
        return Quarter.of(clock.instant());
    }

    /**
     * The report for {@code quarter}, if it is one of {@link #quarters()}.
     *
     * @throws ReportException if its range holds more than {@link #MAX_RECORDS} records
     */
    public synchronized Optional<TransparencyReport> report(Quarter quarter) throws ReportException {
        if (!quarters().contains(quarter)) return Optional.empty();
        byte[] published = log.publishedCheckpoint();
        Cached cached = cache.get(quarter);
        long now = System.nanoTime();
        if (cached != null && (!cached.report().partial() || java.util.Arrays.equals(cached.report().checkpoint(), published)
                || now - cached.builtAt() < REBUILD_FACTOR * cached.took())) {
            return Optional.of(cached.report());
        }
        TransparencyReport built = build(quarter, published);
        cache.put(quarter, new Cached(built, System.nanoTime(), System.nanoTime() - now));
        return Optional.of(built);
    }

    private TransparencyReport build(Quarter quarter, byte[] checkpoint) throws ReportException {
        long size;
        try {
            size = Checkpoint.parse(SignedNote.parse(checkpoint).text()).size();
        } catch (NoteFormatException e) {
            throw new ReportException("the published checkpoint is malformed: " + e.getMessage(), e);
        }
        try {
            return new Tiles(log.reader(), records, size).assemble(quarter, checkpoint, MAX_RECORDS);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the log's tiles for the " + quarter + " report: " + e.getMessage(), e);
        }
    }

    /** The records of a report at {@code indices}, newest first, as the record browser lists them. */
    public static List<LoggedRecord> listed(TransparencyReport report, List<Long> indices) {
        Map<Long, ReportLine> byIndex = new HashMap<>();
        report.lines().forEach(l -> byIndex.put(l.index(), l));
        List<LoggedRecord> out = new ArrayList<>(indices.size());
        for (int i = indices.size() - 1; i >= 0; i--) {
            ReportLine l = byIndex.get(indices.get(i));
            if (l == null) continue;
            LogRecord r = LogRecord.parse(l.record());
            out.add(new LoggedRecord(l.index(), r.type(), r.subject(), r.actor(), r.time()));
        }
        return out;
    }

    /**
     * The public log at one checkpoint: entries and proofs from its tiles (a bundle of 256 entries read once),
     * the database only for where a period starts and ends and where a subject's record is.
     */
    private static final class Tiles implements ReportSource {
        private final LogReader reader;
        private final Records records;
        private final long size;
        private long bundle = -1;
        private List<byte[]> entries = List.of();

        Tiles(LogReader reader, Records records, long size) {
            this.reader = reader;
            this.records = records;
            this.size = size;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public byte[] entry(long index) throws IOException {
            long n = index >>> 8;
            if (n != bundle) {
                entries = reader.entries(TileMath.entryBundleAt(n, size));
                bundle = n;
            }
            return entries.get((int) (index & 0xFF));
        }

        @Override
        public List<byte[]> inclusionProof(long index) throws IOException {
            return reader.inclusionProof(index, size);
        }

        @Override
        public long firstLoggedAtOrAfter(Instant t) {
            return records.firstLoggedAtOrAfter(t, size);
        }

        @Override
        public long lastLoggedBefore(Instant t) {
            return records.lastLoggedBefore(t, size);
        }

        @Override
        public OptionalLong indexOf(String type, String subject) {
            return records.forSubject(subject).stream().filter(r -> r.type().equals(type) && r.index() < size)
                    .mapToLong(LoggedRecord::index).findFirst();
        }
    }
}
