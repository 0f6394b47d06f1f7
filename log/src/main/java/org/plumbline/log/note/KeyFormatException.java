package org.plumbline.log.note;

/** Text that should be a verifier key or a private key is malformed or inconsistent; the message says how. */
public final class KeyFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    KeyFormatException(String message) {
        super(message);
    }
}
