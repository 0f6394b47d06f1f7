package org.plumbline.signals.cases;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plumbline.signals.AccountSummary;
import org.plumbline.signals.IngestReport;
import org.plumbline.signals.MeterCost;
import org.plumbline.signals.UnplacedUnit;

/**
 * What the latest usage-signals scan did, kept in {@code <data-dir>/signals/last-scan.json} so that the
 * dashboard and the findings page show it after a restart: when and why it ran, the files it ingested,
 * what it found, what went wrong, and the accounts whose usage matches no engagement. Only metering
 * aggregates and file digests: no customer content, no resource names, no tags.
 *
 * @param trigger      {@link #SCHEDULE}, {@link #UPLOAD} or {@link #REQUEST}
 * @param files        the files this scan's ingestion looked at (an upload, or the inbox)
 * @param findings     findings the data supports (including those raised before)
 * @param raised       findings new to the log in this scan
 * @param unattributed findings on accounts in no engagement (not raised: no engagement to hold the case)
 * @param rowsProfiled usage rows in the whole profile, every file ever ingested
 * @param errors       what went wrong (a bad inbox file, a failed scan), in words; empty if nothing did
 * @param unmapped     accounts with usage that match no engagement, with their metering summary: those meeting a
 *                     rule first (most severe first), then by cost, at most {@link UnmappedAccounts#KEPT}
 * @param unmappedTotal how many accounts matched no engagement in all
 * @param flags        by unmapped account, the rules its usage meets (findings that cannot be raised: no engagement)
 * @param unplacedUnits units this scan's ingestion could not read (at most {@link #KEPT_UNPLACED}, largest cost first)
 * @param recognition  what this scan's ingestion recognised each provider's usage cost as, and its largest
 *                     unrecognised meters ({@link IngestReport#recognitionSummary()})
 */
public record ScanReport(String trigger, Instant startedAt, Instant finishedAt, List<IngestedFile> files, int findings, int raised,
                  int unattributed, long rowsProfiled, List<String> errors, List<AccountSummary> unmapped, int unmappedTotal,
                  Map<String, List<Flag>> flags, List<UnplacedUnit> unplacedUnits, List<MeterCost> recognition) {
    /** How many unplaced units a report keeps: enough to act on, bounded whatever an export holds. */
    public static final int KEPT_UNPLACED = 50;

    public static final String SCHEDULE = "schedule";
    public static final String UPLOAD = "upload";
    public static final String REQUEST = "request";

    /** ISO-8601 times; a report written by a newer version with fields this one lacks is not read (a scan writes a new one). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One input file: its name as the uploader gave it (or as it lies in the inbox), digest and what came of it. */
    public record IngestedFile(String name, String sha256, String focusVersion, long rows, boolean skippedDuplicate, long deviations) {}

    /** A rule an unmapped account's usage meets, over which days (the finding it would be, had it an engagement). */
    public record Flag(String rule, String title, String severity, String subject, String windowStart, String windowEnd) {}

    public ScanReport {
        files = List.copyOf(files);
        errors = List.copyOf(errors);
        unmapped = List.copyOf(unmapped);
        flags = flags == null ? Map.of() : Map.copyOf(flags);
        // Reports written before these were kept have neither.
        unplacedUnits = unplacedUnits == null ? List.of() : List.copyOf(unplacedUnits.subList(0, Math.min(KEPT_UNPLACED, unplacedUnits.size())));
        recognition = recognition == null ? List.of() : List.copyOf(recognition);
    }

    /** The recognition lines a person reads (as {@code signals scan} prints them). */
    public List<String> describeRecognition() {
        return MeterCost.describe(recognition, Integer.MAX_VALUE);
    }

    /** Why the scan ran, in words. */
    public String triggerWords() {
        return switch (trigger) {
            case SCHEDULE -> "scheduled";
            case UPLOAD -> "after an upload";
            default -> "on request";
        };
    }

    /** The rules {@code account}'s usage meets (none if it is not unmapped or meets none). */
    public List<Flag> flagsOf(String account) {
        return flags.getOrDefault(account, List.of());
    }

    /** Rows ingested by this scan (files already ingested before count nothing). */
    public long rowsIngested() {
        return files.stream().filter(f -> !f.skippedDuplicate()).mapToLong(IngestedFile::rows).sum();
    }

    public long filesIngested() {
        return files.stream().filter(f -> !f.skippedDuplicate()).count();
    }

    /** Written to a temporary file, forced to disk, then moved into place: a reader sees the old report or the new one. */
    void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        Files.deleteIfExists(tmp);  // left by a crash; made again so that it is 0600 from the start
        OwnerOnly.create(tmp);
        Files.write(tmp, JSON.writeValueAsBytes(this));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The report kept in {@code file}; empty if there is none or it cannot be read (a scan will write a new one). */
    static Optional<ScanReport> read(Path file) {
        if (!Files.exists(file)) return Optional.empty();
        try {
            return Optional.of(JSON.readValue(file.toFile(), ScanReport.class));
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(ScanReport.class).warn("cannot read the last scan report {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }
}
