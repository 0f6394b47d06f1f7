package org.plumbline.core.record;

/**
 * A record whose canonical form exceeds {@link LogRecord#MAX_BYTES}. The log's entry bundles
 * prefix each entry with a big-endian uint16 length, so bigger entries cannot be logged at all.
 */
public final class RecordTooLargeException extends IllegalArgumentException {
  private final String type;
  private final int size;

  RecordTooLargeException(String type, int size) {
    super("record " + type + " is " + size + " bytes in canonical form; the log accepts at most "
        + LogRecord.MAX_BYTES + " bytes per record (shorten the free-text fields)");
    this.type = type;
    this.size = size;
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
