package org.plumbline.log.storage;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Where a log keeps its public resources, named by their tlog-tiles paths relative to the log
 * prefix ({@code checkpoint}, {@code tile/0/000.p/5}, ...). Kept this small so that a backend for
 * object storage needs only these three operations.
 */
public interface LogStorage {
    /** The bytes at {@code path}, or empty if nothing is there. */
    Optional<byte[]> read(String path) throws IOException;

    /**
     * Writes every file, each atomically (a reader sees the old bytes or the new, never a mix), and
     * returns only once all of them are durable.
     */
    void write(Map<String, byte[]> files) throws IOException;

    /**
     * Removes every file under the directory {@code dir} (a path prefix followed by {@code /}), and the
     * directory; nothing if there is none. Used only for the partial versions of a tile that is now full
     * ({@code tile/0/000.p}): one listing rather than one delete per possible width.
     */
    void deleteAll(String dir) throws IOException;
}
