package org.plumbline.log;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.plumbline.log.storage.LogStorage;

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
    public void deleteAll(String dir) {
        files.keySet().removeIf(path -> path.startsWith(dir + "/"));
    }
}
