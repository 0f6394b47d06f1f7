package org.plumbline.log.proof;

/**
 * A tlog-proof does not prove that the entry is in a log the policy trusts. The message gives the
 * reason (malformed file, checkpoint not trusted by the policy, or inclusion proof that fails);
 * the cause, if any, is the underlying format or verification exception.
 */
public final class ProofVerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    ProofVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
