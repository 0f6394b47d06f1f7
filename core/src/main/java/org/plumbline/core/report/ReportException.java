package org.plumbline.core.report;

/**
 * A transparency report file that is malformed or does not verify. The message is one line naming what is
 * wrong and where: the file line and log index of a record, or the figure and group of a count.
 */
public final class ReportException extends Exception {
    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
