package org.plumbline.core.intake;

/**
 * A ciphertext that does not open: the wrong key (a wrong receipt, a wrong password, a report not sealed to
 * this recipient), another binding, or bytes that were altered. Carries no detail on purpose: which of these
 * it was is nothing a caller should be told.
 */
public final class CryptoFailure extends RuntimeException {
    public CryptoFailure(String message) {
        super(message, null, false, false);
    }
}
