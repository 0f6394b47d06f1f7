package org.plumbline.signals;

import java.util.List;

/** The outcome of one ingestion call: one report per input file, in the order ingested. */
public record IngestReport(List<FileReport> files) {
    public IngestReport {
        files = List.copyOf(files);
    }

    public long rowsIngested() {
        return files.stream().filter(f -> !f.skippedDuplicate()).mapToLong(FileReport::rows).sum();
    }

    public long filesSkipped() {
        return files.stream().filter(FileReport::skippedDuplicate).count();
    }
}
