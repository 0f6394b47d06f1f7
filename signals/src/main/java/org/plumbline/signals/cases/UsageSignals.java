package org.plumbline.signals.cases;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.plumbline.core.Core;
import org.plumbline.core.Findings;
import org.plumbline.core.domain.ValidationException;
import org.plumbline.signals.Declarations;
import org.plumbline.signals.FocusFormatException;
import org.plumbline.signals.IngestReport;
import org.plumbline.signals.Progress;
import org.plumbline.signals.ScanResult;
import org.plumbline.signals.SeriesPoint;
import org.plumbline.signals.SignalsEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage signals in the product: FOCUS usage uploaded (or dropped into {@code <data-dir>/signals/inbox}) is
 * kept by SHA-256 under {@code <data-dir>/signals/uploads} ({@link Uploads}) and ingested into one DuckDB
 * database ({@code <data-dir>/signals/signals.duckdb}); scans compare it with core's engagements and
 * directives ({@link CoreDeclarations}) and hand each new finding to core ({@link FindingRaiser}), which
 * logs {@code finding.raised} and opens or updates a case in one transaction. What the latest scan did is
 * kept as a {@link ScanReport}.
 *
 * <p>DuckDB allows one writer per database file and a {@link SignalsEngine} is for one thread at a
 * time, so every use of the engine holds one lock. A finding is never raised twice: the signals ledger
 * skips findings it has handed on, and core refuses a key it has already recorded (which holds even if
 * the process died between the two).
 */
public final class UsageSignals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageSignals.class);

    private final Core core;
    private final Uploads uploads;
    private final Path inbox;
    private final SignalsEngine engine;
    private final ReentrantLock lock = new ReentrantLock();
    private final ScheduledExecutorService timer;
    private final Path lastScan;
    private final Path lastReport;
    /** The latest scan's report (null before the first scan); read without the lock by pages. */
    private volatile ScanReport latest;
    /** Scans run, scans failed and findings raised since this process opened the signals database (for metrics). */
    private final AtomicLong scans = new AtomicLong();
    private final AtomicLong failedScans = new AtomicLong();
    private final AtomicLong raisedFindings = new AtomicLong();

    /**
     * What scans did since this process started: how many ran (failed ones included), how many failed, and how
     * many findings they raised into cases. Monotonic counters, for monitoring; {@link #latest()} says what
     * the last scan found.
     */
    public record ScanCounts(long scans, long failed, long raised) {}

    /** What one upload did. */
    public record UploadOutcome(String sha256, long size, String format, boolean alreadyUploaded, IngestReport ingest,
                                ScanOutcome scan) {}

    /** What one scan did: findings the data supports, those new to the log, and those no engagement owns. */
    public record ScanOutcome(int findings, List<Findings.Outcome> raised, int unattributed, long rows) {}

    /** When the last scan finished, so that a server restarted more often than the interval still scans. */
    private static final String LAST_SCAN = "last-scan";
    /** What the last scan did ({@link ScanReport}). */
    private static final String LAST_REPORT = "last-scan.json";

    private UsageSignals(Core core, Path dir, SignalsEngine engine, Duration interval) {
        this.core = core;
        this.lastScan = dir.resolve(LAST_SCAN);
        this.lastReport = dir.resolve(LAST_REPORT);
        this.latest = ScanReport.read(lastReport).orElse(null);
        this.uploads = new Uploads(dir.resolve("uploads"));
        this.inbox = dir.resolve("inbox");
        this.engine = engine;
        if (interval.isZero()) {
            this.timer = null;
        } else {
            this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "signals-scan");
                t.setDaemon(true);
                return t;
            });
            long ms = interval.toMillis();
            timer.scheduleWithFixedDelay(this::scheduledScan, firstDelay(dir.resolve(LAST_SCAN), interval).toMillis(), ms,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** One interval after the last scan (at once if that has passed); one interval from now if none ran yet. */
    static Duration firstDelay(Path lastScanFile, Duration interval) {
        try {
            Instant last = Instant.parse(Files.readString(lastScanFile).strip());
            Duration left = Duration.between(Instant.now(), last.plus(interval));
            return left.isNegative() ? Duration.ZERO : left;
        } catch (IOException | DateTimeParseException e) {
            return interval;
        }
    }

    /**
     * Opens the signals database under {@code dataDir/signals} and schedules a scan every {@code interval}
     * (zero: never; scans then run only on upload or on request).
     */
    public static UsageSignals open(Core core, Path dataDir, Duration interval) {
        Path dir = dataDir.resolve("signals");
        try {
            OwnerOnly.directory(dir);
            Files.createDirectories(dir.resolve("uploads"));
            Files.createDirectories(dir.resolve("inbox"));
            SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.at(dir.resolve("signals.duckdb")));
            // DuckDB creates its files under the umask; the directory already shuts others out, and these
            // modes keep them out should the files be copied or the directory opened up.
            try {
                for (String file : List.of("signals.duckdb", "signals.duckdb.wal", LAST_SCAN, LAST_REPORT)) {
                    OwnerOnly.file(dir.resolve(file));
                }
            } catch (IOException e) {
                engine.close();
                throw e;
            }
            return new UsageSignals(core, dir, engine, interval);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot open the signals database under " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Keeps an uploaded FOCUS file under its SHA-256 and scans. The same bytes uploaded again change
     * nothing: the file is already kept, DuckDB has already ingested it, the scan raises nothing new.
     *
     * @throws ValidationException naming {@code file} (with line and column) if the file is empty or not valid
     *     FOCUS; nothing of it is kept
     */
    public UploadOutcome upload(InputStream content, String fileName) throws IOException {
        Uploads.Received received = uploads.receive(content);
        try {
            lock.lock();
            try {
                boolean already = uploads.keep(received);
                IngestReport report;
                try {
                    report = engine.ingest(List.of(received.kept().toString()), Progress.NONE);
                } catch (FocusFormatException e) {
                    if (!already) Files.deleteIfExists(received.kept());
                    // The whole story (our path, DuckDB's text) for the operator; the uploader hears it in
                    // their file's terms. Control characters are masked: the message quotes the file's values.
                    LOG.warn("usage upload {} ({} bytes) rejected: {}", received.sha256(), received.size(),
                            e.getMessage().replaceAll("\\p{Cntrl}", "?"));
                    throw ValidationException.of("file", Uploads.where(e, fileName, received.format()));
                }
                LOG.info("usage upload {} ({} bytes, {}){}", received.sha256(), received.size(), received.format(),
                        already ? " already uploaded" : "");
                return new UploadOutcome(received.sha256(), received.size(), received.format(), already, report,
                        scanLocked(ScanReport.UPLOAD, report, fileName, List.of()));
            } finally {
                lock.unlock();
            }
        } finally {
            Files.deleteIfExists(received.temporary());
        }
    }

    /** Ingests anything new in the inbox directory, then scans (on request: someone pressed Scan now or called the API). */
    public ScanOutcome scan() throws IOException {
        return scan(ScanReport.REQUEST);
    }

    private ScanOutcome scan(String trigger) throws IOException {
        lock.lock();
        try {
            IngestReport ingested = null;
            List<String> errors = new ArrayList<>();
            try (var files = Files.list(inbox)) {
                if (files.anyMatch(Files::isRegularFile)) {
                    try {
                        ingested = engine.ingest(List.of(inbox.toString()), Progress.NONE);
                    } catch (FocusFormatException e) {
                        // One bad export must not stop scans of what is already ingested.
                        LOG.error("signals inbox: {}", e.getMessage());
                        errors.add("inbox: " + e.getMessage().replace(inbox.toString() + java.io.File.separator, ""));
                    }
                }
            }
            return scanLocked(trigger, ingested, null, errors);
        } finally {
            lock.unlock();
        }
    }

    /** The files of an ingestion as a scan report lists them: by the uploader's name if given, else the file's own. */
    private static List<ScanReport.IngestedFile> files(IngestReport report, String uploadedName) {
        return report.files().stream().map(f -> new ScanReport.IngestedFile(
                uploadedName != null && !uploadedName.isBlank() ? uploadedName : Path.of(f.path()).getFileName().toString(),
                f.sha256(), f.focusVersion(), f.rows(), f.skippedDuplicate(),
                f.deviations().values().stream().mapToLong(Long::longValue).sum())).toList();
    }

    /** The latest scan's report, if any scan ran (on this data directory, also before a restart). */
    public Optional<ScanReport> latest() {
        return Optional.ofNullable(latest);
    }

    private void scheduledScan() {
        try {
            ScanOutcome o = scan(ScanReport.SCHEDULE);
            LOG.info("scheduled signals scan: {} findings, {} new, {} rows", o.findings(), o.raised().size(), o.rows());
        } catch (Exception | Error e) {
            LOG.error("scheduled signals scan failed", e);
        }
    }

    /** Scans; {@code report} is what this scan ingested first (null: nothing), {@code uploadedName} its uploader's name. */
    private ScanOutcome scanLocked(String trigger, IngestReport report, String uploadedName, List<String> errors) {
        Instant started = Instant.now();
        IngestReport read = report == null ? new IngestReport(List.of()) : report;
        List<ScanReport.IngestedFile> ingested = files(read, uploadedName);
        Declarations declarations = CoreDeclarations.of(core);
        FindingRaiser raiser = new FindingRaiser(core);
        try {
            ScanResult result = raiser.scan(engine, declarations);
            UnmappedAccounts unmapped = UnmappedAccounts.rank(result, engine);
            Instant finished = Instant.now();
            try {
                if (!Files.exists(lastScan)) {
                    OwnerOnly.create(lastScan);
                }
                Files.writeString(lastScan, finished.toString());
            } catch (IOException e) {
                LOG.warn("cannot record the time of the last signals scan in {}: {}", lastScan, e.getMessage());
            }
            keep(new ScanReport(trigger, started, finished, ingested, result.findings().size(), raiser.raised().size(),
                    raiser.unattributed(), result.rows(), errors, unmapped.accounts(), unmapped.total(), unmapped.flags(),
                    read.unplacedUnits(), read.recognitionSummary()));
            return new ScanOutcome(result.findings().size(), raiser.raised(), raiser.unattributed(), result.rows());
        } catch (Exception e) {
            // The failure is what the dashboard shows until the next scan; findings raised before it stay raised.
            List<String> all = new ArrayList<>(errors);
            all.add("scan failed: " + e.getMessage());
            failedScans.incrementAndGet();
            keep(new ScanReport(trigger, started, Instant.now(), ingested, 0, raiser.raised().size(), raiser.unattributed(), 0,
                    all, List.of(), 0, Map.of(), read.unplacedUnits(), read.recognitionSummary()));
            if (e instanceof RuntimeException r) throw r;
            throw new IllegalStateException("signals scan failed: " + e.getMessage(), e);
        }
    }

    private void keep(ScanReport report) {
        latest = report;
        // Every scan ends here exactly once, whether it succeeded or failed.
        scans.incrementAndGet();
        raisedFindings.addAndGet(report.raised());
        try {
            report.write(lastReport);
        } catch (IOException e) {
            LOG.warn("cannot keep the last signals scan report in {}: {}", lastReport, e.getMessage());
        }
    }

    /** What scans did since this process started (see {@link ScanCounts}). */
    public ScanCounts counts() {
        return new ScanCounts(scans.get(), failedScans.get(), raisedFindings.get());
    }

    /** The account's daily profile between two days, for a finding's chart. */
    public List<SeriesPoint> series(String account, LocalDate from, LocalDate to) {
        lock.lock();
        try {
            return engine.series(account, from, to);
        } catch (SQLException e) {
            throw new IllegalStateException("signals series: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Where uploads are kept (for docs and tests). */
    public Path uploadsDirectory() {
        return uploads.directory();
    }

    @Override
    public void close() {
        if (timer != null) timer.shutdownNow();
        lock.lock();
        try {
            engine.close();
        } catch (SQLException e) {
            LOG.warn("closing the signals database: {}", e.getMessage());
        } finally {
            lock.unlock();
        }
    }
}
