package org.plumbline.log.tiles;

/** A tile or entry bundle whose bytes do not match its path. */
public final class MalformedTileException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedTileException(String message) {
        super(message);
    }
}
