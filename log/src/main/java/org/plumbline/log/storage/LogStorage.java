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

    /** Removes {@code path} if present; used only for partial tiles a full tile has superseded. */
    void delete(String path) throws IOException;
}
