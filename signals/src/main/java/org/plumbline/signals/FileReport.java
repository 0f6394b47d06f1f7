package org.plumbline.signals;

import java.util.List;
import java.util.Map;

/**
 * What happened to one input file: ingested (with its FOCUS version, row count, counted deviations
 * and unrecognised columns) or skipped because a file with the same SHA-256 was already ingested.
 *
 * @param deviations known deviations from FOCUS that were accepted, by kind, with how many cells or rows
 */
public record FileReport(String path, String sha256, String format, String focusVersion, String versionEvidence,
                         boolean skippedDuplicate, long rows, Map<String, Long> deviations,
                         List<String> unrecognisedColumns) {
    public FileReport {
        deviations = Map.copyOf(deviations);
        unrecognisedColumns = List.copyOf(unrecognisedColumns);
    }
}
