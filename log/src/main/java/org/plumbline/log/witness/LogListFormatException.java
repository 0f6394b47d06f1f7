package org.plumbline.log.witness;

/** A log list that is not in the {@code logs/v0} format; the message names the line. */
public final class LogListFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public LogListFormatException(String message) {
        super(message);
    }
}
