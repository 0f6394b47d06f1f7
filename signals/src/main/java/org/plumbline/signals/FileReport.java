package org.plumbline.signals;

import java.util.List;
import java.util.Map;

/**
 * What happened to one input file: ingested (with its FOCUS version, row count, counted deviations
 * and unrecognised columns) or skipped because a file with the same SHA-256 was already ingested.
 *
 * @param sha256     the file's SHA-256: DuckDB ingestion's ledger key, and on Spark what finds a file
 *                   given twice in one run
 * @param deviations known deviations from FOCUS that were accepted, by kind, with how many cells or rows
 */
public record FileReport(String path, String sha256, String format, String focusVersion, String versionEvidence,
                         boolean skippedDuplicate, long rows, Map<String, Long> deviations,
                         List<String> unrecognisedColumns) {
    public FileReport {
        deviations = Map.copyOf(deviations);
        unrecognisedColumns = List.copyOf(unrecognisedColumns);
    }

    /** One line for the file, then one warning line per deviation kind and for unrecognised columns. */
    public String describe() {
        if (skippedDuplicate) return path + ": skipped, " + versionEvidence + " (same SHA-256)";
        StringBuilder b = new StringBuilder(path).append(": ").append(versionEvidence)
                .append(String.format(", %s, %,d rows", format, rows));
        deviations.forEach((k, v) -> b.append(String.format("%n  warning: %s: %,d", k, v)));
        if (!unrecognisedColumns.isEmpty()) {
            b.append(String.format("%n  warning: unrecognised columns (not FOCUS, no x_ prefix; not read): %s",
                    String.join(", ", unrecognisedColumns)));
        }
        return b.toString();
    }
}
