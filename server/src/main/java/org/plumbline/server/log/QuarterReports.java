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
 * (an hour or more after the quarter's end) and kept (it stays verifiable against the checkpoint it was built
 * on), the current quarter's once per
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

    /** How long after a quarter's end its report is still rebuilt for newer checkpoints (see {@link #closed}). */
    static final java.time.Duration SETTLED = java.time.Duration.ofHours(1);

    /** A report built (or refused, with why) against a checkpoint, when (nanoTime, and wall clock) and how fast. */
    private record Cached(byte[] checkpoint, Optional<TransparencyReport> report, String failure, long builtAt, long took,
                          Instant builtAtInstant) {}

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
        if (cached != null && (java.util.Arrays.equals(cached.checkpoint(), published) || closed(cached, quarter)
                || now - cached.builtAt() < REBUILD_FACTOR * cached.took())) {
            return Optional.of(cached.report().orElseThrow(() -> new ReportException(cached.failure())));
        }
        Optional<TransparencyReport> report;
        String failure = null;
        try {
            report = Optional.of(build(quarter, published));
        } catch (ReportException e) {
            // Kept too, so that a quarter too large to build costs its range queries once per checkpoint, not per request.
            report = Optional.empty();
            failure = e.getMessage();
        }
        Cached built = new Cached(published, report, failure, System.nanoTime(), System.nanoTime() - now, clock.instant());
        cache.put(quarter, built);
        return Optional.of(built.report().orElseThrow(() -> new ReportException(built.failure())));
    }

    /**
     * Whether a report is final: it reaches past the quarter's end (so it is not partial), and the quarter ended
     * more than {@link #SETTLED} before it was built, so that no transaction that took its time in the quarter
     * can still commit after it.
     */
    private boolean closed(Cached cached, Quarter quarter) {
        return cached.report().isPresent() && !cached.report().get().partial()
                && cached.builtAtInstant().isAfter(quarter.end().plus(SETTLED));
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

    /**
     * Up to {@code limit} records of a report at {@code indices} below index {@code before}, newest first, that
     * {@code filter} keeps, as the record browser lists them. Reads only as far as it needs: the lines are
     * found by binary search and parsed one by one, so a page costs at most one pass over the figure's records.
     */
    public static List<LoggedRecord> listed(TransparencyReport report, List<Long> indices, long before, int limit,
                                            java.util.function.Predicate<LoggedRecord> filter) {
        List<ReportLine> lines = report.lines();
        List<LoggedRecord> out = new ArrayList<>();
        for (int i = indices.size() - 1; i >= 0 && out.size() < limit; i--) {
            long index = indices.get(i);
            if (index >= before) continue;
            int at = find(lines, index);
            if (at < 0) continue;
            LogRecord r = LogRecord.parse(lines.get(at).record());
            LoggedRecord listed = new LoggedRecord(index, r.type(), r.subject(), r.actor(), r.time());
            if (filter.test(listed)) out.add(listed);
        }
        return out;
    }

    /** The position of the line with log index {@code index} in lines sorted by index, or -1. */
    private static int find(List<ReportLine> lines, long index) {
        int lo = 0;
        int hi = lines.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long at = lines.get(mid).index();
            if (at == index) return mid;
            if (at < index) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
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
