package org.plumbline.log.storage;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Where a log keeps its public resources, named by their tlog-tiles paths relative to the log
 * prefix ({@code checkpoint}, {@code tile/0/000.p/5}, ...). Kept this small so that a backend for
 * object storage needs only these four operations.
 *
 * <p>What keeps two writers of one log from publishing a fork is the checkpoint, which changes only by
 * {@link #replace}: a compare-and-swap against the checkpoint the writer last knew. A writer that loses learns
 * it from a {@link WriteConflictException} and has published nothing. Full tiles and full entry bundles are
 * immutable: a backend that can write them create-only does, and one that finds different bytes already there
 * throws {@link WriteConflictException} naming the path (the same bytes are success: a writer repeating an
 * integration cut short writes the same bytes). Partial tiles are replaced; a writer that may share the
 * storage replaces them by {@link #replace} too, so that it never overwrites what it has not seen.
 */
public interface LogStorage {
    /** Where the signed checkpoint lives. */
    String CHECKPOINT = "checkpoint";

    /** The bytes at {@code path}, or empty if nothing is there. */
    Optional<byte[]> read(String path) throws IOException;

    /**
     * Writes every file, each atomically (a reader sees the old bytes or the new, never a mix), and
     * returns only once all of them are durable. Not for the {@link #CHECKPOINT}: that changes only by
     * {@link #replace}.
     *
     * @throws WriteConflictException if a full tile or bundle is already there with different bytes
     */
    void write(Map<String, byte[]> files) throws IOException;

    /**
     * Writes {@code next} at {@code path} if, and only if, it still holds {@code expected} (empty: nothing),
     * atomically with respect to every other writer using this method, and durably.
     *
     * @throws WriteConflictException if {@code path} does not hold {@code expected}: another writer wrote it
     *     since; nothing was written
     */
    void replace(String path, Optional<byte[]> expected, byte[] next) throws IOException;

    /**
     * Whether writers elsewhere may write this storage at the same time (a bucket), so that a writer must
     * swap partial tiles rather than overwrite them and check its tree is still the published one. False for
     * storage one writer holds (a directory under the log's lock): the checkpoint is still swapped, and
     * nothing else pays for the race.
     */
    default boolean sharedByWriters() {
        return false;
    }

    /**
     * Removes every file under the directory {@code dir} (a path prefix followed by {@code /}), and the
     * directory; nothing if there is none. Used only for the partial versions of a tile that is now full
     * ({@code tile/0/000.p}): one listing rather than one delete per possible width.
     */
    void deleteAll(String dir) throws IOException;
}
