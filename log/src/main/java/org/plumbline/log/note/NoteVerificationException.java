package org.plumbline.log.note;

/**
 * A well-formed signed note failed verification: a signature from a known key is invalid, no
 * known key signed it, the trusted keys are ambiguous, or (for policies) the required log
 * signature or witness quorum is missing. The message says which.
 */
public final class NoteVerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    public NoteVerificationException(String message) {
        super(message);
    }
}
