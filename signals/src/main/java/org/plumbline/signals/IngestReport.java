package org.plumbline.signals;

import java.util.List;

/**
 * The outcome of one ingestion call: one report per input file, in the order ingested, and every unit that
 * could not be read, by provider, unit and meter, with its rows and cost, largest cost first; and what each
 * provider's meters cost and were recognised as ({@link MeterCost}).
 */
public record IngestReport(List<FileReport> files, List<UnplacedUnit> unplacedUnits, List<MeterCost> meterCosts) {
    /** How many unrecognised meters per provider {@link #describeRecognition()} lists. */
    static final int TOP_UNRECOGNISED = 10;

    public IngestReport {
        files = List.copyOf(files);
        unplacedUnits = UnplacedUnit.merge(unplacedUnits);
        meterCosts = MeterCost.merge(meterCosts);
    }

    public IngestReport(List<FileReport> files) {
        this(files, List.of(), List.of());
    }

    /**
     * Per provider, how much usage cost was recognised as each metric, and the largest meters that were not
     * (for the ingestion report; empty when nothing was ingested).
     */
    public List<String> describeRecognition() {
        return MeterCost.describe(meterCosts, TOP_UNRECOGNISED);
    }

    /**
     * What {@link #describeRecognition()} says, as few entries as it needs: per provider the cost of each
     * recognised metric (meter and unit null), and its largest unrecognised meters. Bounded whatever the
     * export (a file with a million distinct meters gives at most 7 + 10 entries per provider), so a
     * server can keep it with its scan report.
     */
    public List<MeterCost> recognitionSummary() {
        return MeterCost.summary(meterCosts, TOP_UNRECOGNISED);
    }

    public long rowsIngested() {
        return files.stream().filter(f -> !f.skippedDuplicate()).mapToLong(FileReport::rows).sum();
    }

    public long filesSkipped() {
        return files.stream().filter(FileReport::skippedDuplicate).count();
    }

    /** Lines saying which units were not read (none when every unit was), for the ingestion report. */
    public List<String> describeUnplaced() {
        if (unplacedUnits.isEmpty()) return List.of();
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add(String.format("warning: %d unit(s) not understood; their rows count under \"other\" with their cost"
                + " (teach them in unit-conventions.tsv):", unplacedUnits.size()));
        for (UnplacedUnit u : unplacedUnits) lines.add("  " + u.describe());
        return lines;
    }
}
