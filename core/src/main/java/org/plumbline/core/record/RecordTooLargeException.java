package org.plumbline.core.record;

/**
 * A record whose canonical form exceeds {@link LogRecord#MAX_BYTES}. The log's entry bundles
 * prefix each entry with a big-endian uint16 length, so bigger entries cannot be logged at all.
 */
public final class RecordTooLargeException extends IllegalArgumentException {
    private final String type;
    private final int size;
    private final String largestField;

    RecordTooLargeException(String type, int size, String largestField) {
        super("record " + type + " is " + size + " bytes in canonical form; the log accepts at most "
                + LogRecord.MAX_BYTES + " bytes per record (the largest field is " + largestField + "; shorten it)");
        this.type = type;
        this.size = size;
        this.largestField = largestField;
    }

    /** The record field with the largest canonical value: the one to shorten. */
    public String largestField() {
        return largestField;
    }

    /** The record type that was refused. */
    public String type() {
        return type;
    }

    /** Its canonical size in bytes. */
    public int size() {
        return size;
    }
}
