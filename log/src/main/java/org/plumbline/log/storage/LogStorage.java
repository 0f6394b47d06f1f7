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
 * {@link #replaceCheckpoint}: a compare-and-swap against the checkpoint the writer last knew. A writer that
 * loses learns it from a {@link WriteConflictException} and has published nothing. Full tiles and full entry
 * bundles are immutable: a backend that can write them create-only does, and one that finds different bytes
 * already there throws {@link WriteConflictException} naming the path (the same bytes are success: a writer
 * repeating an integration cut short writes the same bytes). Partial tiles and other files are replaced.
 */
public interface LogStorage {
    /** Where the signed checkpoint lives. */
    String CHECKPOINT = "checkpoint";

    /** The bytes at {@code path}, or empty if nothing is there. */
    Optional<byte[]> read(String path) throws IOException;

    /**
     * Writes every file, each atomically (a reader sees the old bytes or the new, never a mix), and
     * returns only once all of them are durable. Not for the {@link #CHECKPOINT}: that changes only by
     * {@link #replaceCheckpoint}.
     *
     * @throws WriteConflictException if a full tile or bundle is already there with different bytes
     */
    void write(Map<String, byte[]> files) throws IOException;

    /**
     * Publishes {@code next} as the checkpoint if, and only if, the checkpoint is still {@code expected}
     * (empty: there is none yet), atomically with respect to every other writer using this method.
     *
     * @throws WriteConflictException if the checkpoint is not {@code expected}: another writer published
     *     since; nothing was written
     */
    void replaceCheckpoint(Optional<byte[]> expected, byte[] next) throws IOException;

    /**
     * Removes every file under the directory {@code dir} (a path prefix followed by {@code /}), and the
     * directory; nothing if there is none. Used only for the partial versions of a tile that is now full
     * ({@code tile/0/000.p}): one listing rather than one delete per possible width.
     */
    void deleteAll(String dir) throws IOException;
}
