package org.plumbline.log.storage;

import java.io.IOException;

/**
 * Another writer got to a path first: the checkpoint is no longer the one this writer last knew, or an
 * immutable tile holds other bytes than this writer's. Whoever throws it wrote nothing at that path.
 */
public final class WriteConflictException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public WriteConflictException(String path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    /** The path, relative to the log, that another writer holds. */
    public String path() {
        return path;
    }
}
