package org.plumbline.core.record;

import java.time.Instant;

/**
 * A record as the log holds it, by headline: its durable log index and the public fields every
 * record has. Enough to list a subject's history and to ask for a record's proof; the canonical
 * bytes are read separately, by index.
 */
public record LoggedRecord(long index, String type, String subject, String actor, Instant time) {}
