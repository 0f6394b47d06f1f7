package org.plumbline.log.policy;

/** A policy file is malformed; the message names the line and what is wrong with it. */
public final class PolicyFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;

    PolicyFormatException(int line, String message) {
        super("policy line " + line + ": " + message);
        this.line = line;
    }

    /** The 1-based line number the problem is on. */
    public int line() {
        return line;
    }
}
