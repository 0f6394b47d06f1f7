package org.plumbline.core.domain;

import java.time.Instant;

/**
 * A file attached to a case, stored content-addressed by its SHA-256 (hex) with its size and media
 * type. The description and file name are confidential; the hash, size and type are public.
 */
public record Evidence(long id, long caseId, String sha256, long size, String mediaType, String fileName,
        String description, String attachedBy, Instant at, long logIndex) {}
