package org.plumbline.core.domain;

/** The named entity (e.g. {@code case/12}) does not exist. The server maps it to HTTP 404. */
public final class NotFoundException extends RuntimeException {
    private final String entity;

    public NotFoundException(String entity) {
        super(entity + " does not exist");
        this.entity = entity;
    }

    public String entity() {
        return entity;
    }
}
