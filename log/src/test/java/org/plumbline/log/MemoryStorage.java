package org.plumbline.log;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.plumbline.log.storage.LogStorage;
import org.plumbline.log.storage.WriteConflictException;

/** Log storage in a map, for tests that need many trees quickly. */
final class MemoryStorage implements LogStorage {
    final Map<String, byte[]> files = new ConcurrentHashMap<>();

    @Override
    public Optional<byte[]> read(String path) {
        return Optional.ofNullable(files.get(path)).map(byte[]::clone);
    }

    @Override
    public void write(Map<String, byte[]> batch) {
        batch.forEach((k, v) -> files.put(k, v.clone()));
    }

    @Override
    public synchronized void replace(String path, Optional<byte[]> expected, byte[] next) throws WriteConflictException {
        byte[] current = files.get(path);
        if (expected.isPresent() ? current == null || !Arrays.equals(current, expected.get()) : current != null) {
            throw new WriteConflictException(path, "another writer wrote it");
        }
        files.put(path, next.clone());
    }

    @Override
    public void deleteAll(String dir) {
        files.keySet().removeIf(path -> path.startsWith(dir + "/"));
    }
}
