package org.plumbline.log.note;

/** Text that should be a verifier key or a private key is malformed or inconsistent; the message says how. */
public final class KeyFormatException extends Exception {
    public KeyFormatException(String message) {
        super(message);
    }
}
