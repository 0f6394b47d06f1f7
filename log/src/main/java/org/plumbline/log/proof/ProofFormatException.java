package org.plumbline.log.proof;

/** A tlog-proof file is malformed; the message names the line and what is wrong with it. */
public final class ProofFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    ProofFormatException(String message) {
        super(message);
    }
}
