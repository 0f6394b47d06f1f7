package org.plumbline.log.merkle;

/** A Merkle proof that does not prove what it claims; the message says which check failed. */
public final class ProofException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProofException(String message) {
        super(message);
    }
}
