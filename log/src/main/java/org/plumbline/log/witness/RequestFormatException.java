package org.plumbline.log.witness;

/** An {@code add-checkpoint} request body that is not well formed (a 400); the message says where. */
public final class RequestFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public RequestFormatException(String message) {
        super(message);
    }
}
