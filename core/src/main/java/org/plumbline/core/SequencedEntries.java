package org.plumbline.core;

import java.util.List;

/**
 * The log entries that have durable indices, in index order, as the integrator sees them. Entry
 * {@code i} is the canonical bytes of the record with log index {@code i}. Indices are dense and
 * commit in order, so {@code read(count(), n)} never skips an entry that commits later.
 */
public interface SequencedEntries {
    /** Up to {@code max} entries starting at {@code fromIndex}; fewer (or none) at the end. */
    List<byte[]> read(long fromIndex, int max);

    /** How many entries have durable indices (the next index to be assigned). */
    long count();
}
