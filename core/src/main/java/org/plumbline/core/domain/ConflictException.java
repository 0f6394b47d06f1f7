package org.plumbline.core.domain;

/**
 * A concurrent edit won: the caller's expected version of an entity is no longer current (optimistic
 * locking). Nothing was written. The server maps it to HTTP 409; the client reloads and retries.
 */
public final class ConflictException extends RuntimeException {
    private final String entity;
    private final long expectedVersion;
    private final long actualVersion;

    public ConflictException(String entity, long expectedVersion, long actualVersion) {
        super(entity + " was changed by someone else: you edited version " + expectedVersion
                + " but it is now at version " + actualVersion + "; reload and try again");
        this.entity = entity;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /** A conflict that is not about versions, e.g. a directive acknowledged twice. */
    public ConflictException(String entity, String message) {
        super(entity + ": " + message);
        this.entity = entity;
        this.expectedVersion = -1;
        this.actualVersion = -1;
    }

    /** Which entity, e.g. {@code case/12}. */
    public String entity() {
        return entity;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public long actualVersion() {
        return actualVersion;
    }
}
