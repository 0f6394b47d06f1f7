package org.plumbline.server.signals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.plumbline.core.Core;
import org.plumbline.core.Findings;
import org.plumbline.core.domain.Declaration;
import org.plumbline.core.domain.Engagement;
import org.plumbline.core.domain.UsageFinding;
import org.plumbline.server.http.ApiException;
import org.plumbline.log.hash.Sha256;
import org.plumbline.signals.Declarations;
import org.plumbline.signals.Directive;
import org.plumbline.signals.Finding;
import org.plumbline.signals.FocusFormatException;
import org.plumbline.signals.IngestReport;
import org.plumbline.signals.Progress;
import org.plumbline.signals.ScanResult;
import org.plumbline.signals.SeriesPoint;
import org.plumbline.signals.SignalsEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the signals module to the product: FOCUS usage uploaded through the API or UI (or dropped into
 * {@code <data-dir>/signals/inbox}) is kept by SHA-256 under {@code <data-dir>/signals/uploads} and
 * ingested into one DuckDB database ({@code <data-dir>/signals/signals.duckdb}); scans compare it with
 * core's engagements and directives and hand each new finding to core ({@link Findings#raise}), which
 * logs {@code finding.raised} and opens or updates a case in one transaction.
 *
 * <p>DuckDB allows one writer per database file and a {@link SignalsEngine} is for one thread at a
 * time, so every use of the engine holds one lock. A finding is never raised twice: the signals ledger
 * skips findings it has handed on, and core refuses a key it has already recorded (which holds even if
 * the process died between the two).
 */
public final class UsageSignals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageSignals.class);
    /** Who raises findings: the scan, not the person who uploaded the data. */
    static final String ACTOR = "system/signals";

    private final Core core;
    private final Path uploads;
    private final Path inbox;
    private final SignalsEngine engine;
    private final ReentrantLock lock = new ReentrantLock();
    private final ScheduledExecutorService timer;
    private final Path lastScan;
    private final Path lastReport;
    /** The latest scan's report (null before the first scan); read without the lock by pages. */
    private volatile ScanReport latest;

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
        this.uploads = dir.resolve("uploads");
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
            java.time.Instant last = java.time.Instant.parse(Files.readString(lastScanFile).strip());
            Duration left = Duration.between(java.time.Instant.now(), last.plus(interval));
            return left.isNegative() ? Duration.ZERO : left;
        } catch (IOException | java.time.format.DateTimeParseException e) {
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
            Files.createDirectories(dir.resolve("uploads"));
            Files.createDirectories(dir.resolve("inbox"));
            return new UsageSignals(core, dir, SignalsEngine.open(SignalsEngine.Options.at(dir.resolve("signals.duckdb"))),
                    interval);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot open the signals database under " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Keeps an uploaded FOCUS file under its SHA-256 and scans. The same bytes uploaded again change
     * nothing: the file is already kept, DuckDB has already ingested it, the scan raises nothing new.
     *
     * @throws ApiException 400 naming file, line and column if the file is not valid FOCUS (nothing of it is kept)
     */
    public UploadOutcome upload(InputStream content, String fileName) throws IOException {
        Files.createDirectories(uploads);
        Path tmp = Files.createTempFile(uploads, "upload-", ".part");
        try {
            MessageDigest sha = Sha256.newDigest();
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
                size = content.transferTo(out);
            }
            if (size == 0) {
                throw ApiException.badRequest("file", "the file is empty");
            }
            String hex = Sha256.hex(sha.digest());
            String format = format(tmp);
            Path kept = uploads.resolve(hex + "." + format);
            lock.lock();
            try {
                boolean already = Files.exists(kept);
                if (!already) {
                    // Named by content, so a half-written file never has a final name.
                    Files.move(tmp, kept, StandardCopyOption.ATOMIC_MOVE);
                }
                IngestReport report;
                try {
                    report = engine.ingest(List.of(kept.toString()), Progress.NONE);
                } catch (FocusFormatException e) {
                    if (!already) Files.deleteIfExists(kept);
                    throw ApiException.badRequest("file", where(e, fileName, format));
                }
                LOG.info("usage upload {} ({} bytes, {}){}", hex, size, format, already ? " already uploaded" : "");
                return new UploadOutcome(hex, size, format, already, report,
                        scanLocked(ScanReport.UPLOAD, files(report, fileName), List.of()));
            } finally {
                lock.unlock();
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** "name.csv, line 4, column BilledCost: not a decimal …": where, in the uploader's terms (not our path). */
    private static String where(FocusFormatException e, String fileName, String format) {
        String name = fileName == null || fileName.isBlank() ? "the uploaded file" : fileName;
        String message = e.getMessage();
        String prefix = e.file() + (e.line() > 0 ? ":" + e.line() : "") + (e.column() != null ? ": column " + e.column() : "") + ": ";
        String problem = message.startsWith(prefix) ? message.substring(prefix.length()) : message.replace(e.file(), name);
        return name + (e.line() > 0 ? (format.equals("parquet") ? ", row " : ", line ") + e.line() : "")
                + (e.column() != null ? ", column " + e.column() : "") + ": " + problem;
    }

    /** CSV, gzip'd CSV or Parquet, from the first bytes (the name a browser sends is not to be trusted). */
    private static String format(Path file) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return "csv.gz";
        if (n == 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') return "parquet";
        return "csv";
    }

    /** Ingests anything new in the inbox directory, then scans (on request: someone pressed Scan now or called the API). */
    public ScanOutcome scan() throws IOException {
        return scan(ScanReport.REQUEST);
    }

    private ScanOutcome scan(String trigger) throws IOException {
        lock.lock();
        try {
            List<ScanReport.IngestedFile> ingested = List.of();
            List<String> errors = new ArrayList<>();
            try (var files = Files.list(inbox)) {
                if (files.anyMatch(Files::isRegularFile)) {
                    try {
                        ingested = files(engine.ingest(List.of(inbox.toString()), Progress.NONE), null);
                    } catch (FocusFormatException e) {
                        // One bad export must not stop scans of what is already ingested.
                        LOG.error("signals inbox: {}", e.getMessage());
                        errors.add("inbox: " + e.getMessage().replace(inbox.toString() + java.io.File.separator, ""));
                    }
                }
            }
            return scanLocked(trigger, ingested, errors);
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

    private ScanOutcome scanLocked(String trigger, List<ScanReport.IngestedFile> ingested, List<String> errors) {
        java.time.Instant started = java.time.Instant.now();
        Map<String, Long> engagementIds = new java.util.HashMap<>();
        Declarations declarations = declarations(engagementIds);
        List<Findings.Outcome> raised = new ArrayList<>();
        int[] unattributed = {0};
        try {
            ScanResult result = engine.scan(declarations, f -> {
                Long engagementId = f.engagement() == null ? null : engagementIds.get(f.engagement());
                if (engagementId == null) {
                    unattributed[0]++;
                    LOG.warn("finding {} on account {} belongs to no engagement; not raised", f.rule(), f.account());
                    return;
                }
                Findings.Outcome o = core.findings().raise(toCore(f, engagementId), ACTOR);
                if (o.isNew()) raised.add(o);
            });
            // The signals ledger also records findings handed over while their account was in no engagement,
            // which were not raised. Once an engagement declares the account, such a finding must open its case
            // now, not only when new data moves the window: offer core every supported finding the ledger
            // had seen; core's check by key makes this a read for those it already holds.
            java.util.Set<String> handed = new java.util.HashSet<>();
            result.raised().forEach(f -> handed.add(f.key()));
            for (Finding f : result.findings()) {
                Long engagementId = f.engagement() == null ? null : engagementIds.get(f.engagement());
                if (engagementId == null || handed.contains(f.key())) continue;
                Findings.Outcome o = core.findings().raise(toCore(f, engagementId), ACTOR);
                if (o.isNew()) raised.add(o);
            }
            Unmapped unmapped = unmapped(result);
            java.time.Instant finished = java.time.Instant.now();
            try {
                Files.writeString(lastScan, finished.toString());
            } catch (IOException e) {
                LOG.warn("cannot record the time of the last signals scan in {}: {}", lastScan, e.getMessage());
            }
            keep(new ScanReport(trigger, started, finished, ingested, result.findings().size(), raised.size(), unattributed[0],
                    result.rows(), errors, unmapped.accounts(), unmapped.total(), unmapped.flags()));
            return new ScanOutcome(result.findings().size(), raised, unattributed[0], result.rows());
        } catch (Exception e) {
            // The failure is what the dashboard shows until the next scan; findings raised before it stay raised.
            List<String> all = new ArrayList<>(errors);
            all.add("scan failed: " + e.getMessage());
            keep(new ScanReport(trigger, started, java.time.Instant.now(), ingested, 0, raised.size(), unattributed[0], 0, all,
                    List.of(), 0, Map.of()));
            if (e instanceof RuntimeException r) throw r;
            throw new IllegalStateException("signals scan failed: " + e.getMessage(), e);
        }
    }

    /** How many accounts in no engagement a scan report keeps (a provider's whole export may have millions). */
    static final int UNMAPPED_KEPT = 10_000;
    private static final List<String> SEVERITY_ORDER = List.of("critical", "high", "medium", "low");

    /** The accounts in no engagement a report keeps, the rules each meets, and how many there were in all. */
    private record Unmapped(List<org.plumbline.signals.AccountSummary> accounts, Map<String, List<ScanReport.Flag>> flags,
                            int total) {}

    /**
     * Accounts in no engagement, those a reviewer should look at first: the ones whose usage meets a rule
     * (most severe first), then by cost, at most {@link #UNMAPPED_KEPT}; each summarised from its metering.
     */
    private Unmapped unmapped(ScanResult result) throws SQLException {
        Map<String, List<ScanReport.Flag>> flags = new java.util.HashMap<>();
        for (Finding f : result.findings()) {
            if (f.engagement() != null) continue;
            flags.computeIfAbsent(f.account(), k -> new ArrayList<>()).add(new ScanReport.Flag(f.rule(), f.title(), f.severity(),
                    f.subject(), f.windowStart().toString(), f.windowEnd().toString()));
        }
        java.util.function.ToIntFunction<String> rank = account -> flags.getOrDefault(account, List.of()).stream()
                .mapToInt(f -> SEVERITY_ORDER.indexOf(f.severity()) < 0 ? SEVERITY_ORDER.size() : SEVERITY_ORDER.indexOf(f.severity()))
                .min().orElse(SEVERITY_ORDER.size() + 1);
        List<String> kept = result.unmapped().stream()
                .sorted(java.util.Comparator.comparingInt((ScanResult.AccountUsage a) -> rank.applyAsInt(a.account()))
                        .thenComparing(ScanResult.AccountUsage::cost, java.util.Comparator.reverseOrder())
                        .thenComparing(ScanResult.AccountUsage::account))
                .limit(UNMAPPED_KEPT).map(ScanResult.AccountUsage::account).toList();
        Map<String, Integer> order = new java.util.HashMap<>();
        kept.forEach(a -> order.put(a, order.size()));
        List<org.plumbline.signals.AccountSummary> accounts = engine.summaries(kept).stream()
                .sorted(java.util.Comparator.comparingInt(a -> order.get(a.account()))).toList();
        flags.keySet().retainAll(order.keySet());
        return new Unmapped(accounts, flags, result.unmapped().size());
    }

    private void keep(ScanReport report) {
        latest = report;
        try {
            report.write(lastReport);
        } catch (IOException e) {
            LOG.warn("cannot keep the last signals scan report in {}: {}", lastReport, e.getMessage());
        }
    }

    /** Core's engagements (current declarations, by reference) and directives, as the signals module reads them. */
    private Declarations declarations(Map<String, Long> idsByReference) {
        List<org.plumbline.signals.Engagement> engagements = new ArrayList<>();
        List<Directive> directives = new ArrayList<>();
        for (Engagement e : core.engagements().list()) {
            Declaration d = core.engagements().current(e.id()).declaration();
            idsByReference.put(e.reference(), e.id());
            List<org.plumbline.signals.Engagement.Account> accounts = d.accounts().stream()
                    .map(a -> new org.plumbline.signals.Engagement.Account(a, d.billingAccount())).toList();
            if (accounts.isEmpty() || d.purposes().isEmpty()) continue;
            engagements.add(new org.plumbline.signals.Engagement(e.reference(), e.reference(), d.purposes(), accounts,
                    d.regions()));
            for (var dir : core.directives().forEngagement(e.id())) {
                for (String account : dir.accounts()) {
                    directives.add(new Directive(dir.subject(), account, dir.services(), dir.effectiveAt()));
                }
            }
        }
        return new Declarations(engagements, directives);
    }

    private static UsageFinding toCore(Finding f, long engagementId) {
        return new UsageFinding(f.key(), engagementId, f.account(), f.rule(), f.title(), f.severity(), f.subject(),
                f.windowStart(), f.windowEnd(), f.figures(), f.evidence());
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
    Path uploadsDirectory() {
        return uploads;
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
