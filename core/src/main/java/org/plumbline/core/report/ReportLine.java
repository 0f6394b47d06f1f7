package org.plumbline.core.report;

import java.util.List;
import java.util.Objects;

/**
 * One record of a report file: its log index, the exact bytes logged there (its canonical JSON), and the
 * RFC 6962 inclusion proof of those bytes at that index in the tree of the report's checkpoint.
 *
 * @param role why the record is in the file (see {@link Role})
 * @param fileLine the line of the file it was read from (1-based), or 0 for a report built in memory
 */
public record ReportLine(long index, Role role, byte[] record, List<byte[]> proof, int fileLine) {

    /** Why a record is in the file. */
    public enum Role {
        /** in the index range the report covers: every record of that range is in the file */
        RANGE,
        /** the record just before the range, which shows the range starts at the quarter */
        BEFORE,
        /** the record just after the range, which shows the range reaches the quarter's end */
        AFTER,
        /** a record a counted one refers to (a customer's registration, for its country) */
        REFERENCE;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Role ofWire(String s) {
            for (Role r : values()) {
                if (r.wire().equals(s)) return r;
            }
            return null;
        }
    }

    public ReportLine {
        Objects.requireNonNull(role, "role");
        record = record.clone();
        proof = proof.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] record() {
        return record.clone();
    }

    /** Where the line is, for messages: {@code line 17 (log index 123)} or {@code log index 123}. */
    String where() {
        return (fileLine > 0 ? "line " + fileLine + " (log index " + index + ")" : "log index " + index);
    }
}
