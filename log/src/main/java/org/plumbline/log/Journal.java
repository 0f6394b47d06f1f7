package org.plumbline.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.plumbline.log.storage.DirectoryStorage;

/**
 * The sequencer's write-ahead journal: where an entry's index becomes durable before the entry is
 * integrated into tiles. Appending a batch is one write and one fsync, which is what makes
 * acknowledging an index cheap.
 *
 * <p>Segments are files named by the index of their first entry. Each record is a uint16 length,
 * the entry, and a CRC-32C over the index, length and entry; a record cut short by a crash fails
 * its check and is cut off on open (it was never acknowledged: acknowledgement follows fsync).
 * Segments whose entries are all integrated are deleted.
 */
final class Journal implements AutoCloseable {
    private static final String SUFFIX = ".journal";
    private static final long SEGMENT_BYTES = 64L << 20;

    private final Path dir;
    /** Segment start index → path, oldest first. */
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    private FileChannel current;
    private long currentBytes;
    private long nextIndex;
    private final List<byte[]> recovered;

    private Journal(Path dir, long nextIndex, List<byte[]> recovered) {
        this.dir = dir;
        this.nextIndex = nextIndex;
        this.recovered = recovered;
    }

    /**
     * Opens the journal in {@code dir}, given that entries below {@code integratedSize} are already
     * in the tree. {@link #recovered()} then holds the journaled entries from {@code integratedSize} on.
     */
    static Journal open(Path dir, long integratedSize) throws IOException {
        Files.createDirectories(dir);
        TreeMap<Long, Path> found = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(SUFFIX)) {
                    found.put(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())), p);
                }
            }
        }
        List<byte[]> pending = new ArrayList<>();
        long next = found.isEmpty() ? integratedSize : found.firstKey();
        if (next > integratedSize) {
            throw new IOException("journal in " + dir + " starts at index " + next
                    + " but the tree holds only " + integratedSize + " entries: entries are missing");
        }
        Path last = null;
        long lastValidBytes = 0;
        for (var seg : found.entrySet()) {
            if (seg.getKey() != next) {
                throw new IOException("journal segment " + seg.getValue() + " starts at index " + seg.getKey()
                        + ", expected " + next);
            }
            byte[] bytes = Files.readAllBytes(seg.getValue());
            int pos = 0;
            while (true) {
                int end = recordEnd(bytes, pos, next);
                if (end < 0) {
                    break;
                }
                if (next >= integratedSize) {
                    int len = ((bytes[pos] & 0xFF) << 8) | (bytes[pos + 1] & 0xFF);
                    byte[] entry = new byte[len];
                    System.arraycopy(bytes, pos + 2, entry, 0, len);
                    pending.add(entry);
                }
                next++;
                pos = end;
            }
            if (pos != bytes.length && !seg.getKey().equals(found.lastKey())) {
                throw new IOException("journal segment " + seg.getValue() + " is damaged at byte " + pos
                        + " and is not the last segment");
            }
            last = seg.getValue();
            lastValidBytes = pos;
        }
        if (next < integratedSize) {
            throw new IOException("journal in " + dir + " ends at index " + next + " but the tree holds "
                    + integratedSize + " entries");
        }
        Journal j = new Journal(dir, next, pending);
        j.segments.putAll(found);
        if (last == null) {
            j.startSegment();
        } else {
            j.current = FileChannel.open(last, StandardOpenOption.WRITE);
            // Cut off a torn tail so the next record follows the last whole one.
            j.current.truncate(lastValidBytes);
            j.current.position(lastValidBytes);
            j.current.force(true);
            j.currentBytes = lastValidBytes;
        }
        return j;
    }

    /** Byte offset just past the record at {@code pos} if it is whole and its check holds, else -1. */
    private static int recordEnd(byte[] bytes, int pos, long index) {
        if (pos + 2 > bytes.length) {
            return -1;
        }
        int len = ((bytes[pos] & 0xFF) << 8) | (bytes[pos + 1] & 0xFF);
        int end = pos + 2 + len + 4;
        if (end > bytes.length) {
            return -1;
        }
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(0, index));
        crc.update(bytes, pos, 2 + len);
        int stored = ByteBuffer.wrap(bytes, end - 4, 4).getInt();
        return stored == (int) crc.getValue() ? end : -1;
    }

    /** Entries that were journaled but not yet integrated when the journal was opened. */
    List<byte[]> recovered() {
        return recovered;
    }

    /** Index the next appended entry gets. */
    long nextIndex() {
        return nextIndex;
    }

    /** Appends {@code entries} and forces them to disk; they get indexes from {@link #nextIndex()} on. */
    void append(List<byte[]> entries) throws IOException {
        int total = 0;
        for (byte[] e : entries) {
            total += 2 + e.length + 4;
        }
        ByteBuffer buf = ByteBuffer.allocate(total);
        long index = nextIndex;
        CRC32C crc = new CRC32C();
        ByteBuffer indexBytes = ByteBuffer.allocate(8);
        for (byte[] e : entries) {
            int start = buf.position();
            buf.putShort((short) e.length).put(e);
            crc.reset();
            crc.update(indexBytes.putLong(0, index).rewind());
            crc.update(buf.array(), start, 2 + e.length);
            buf.putInt((int) crc.getValue());
            index++;
        }
        buf.flip();
        while (buf.hasRemaining()) {
            current.write(buf);
        }
        current.force(false);
        currentBytes += total;
        nextIndex = index;
    }

    /** Deletes segments whose entries are all below {@code integratedSize}, and starts a new one when large. */
    void release(long integratedSize) throws IOException {
        if (currentBytes >= SEGMENT_BYTES) {
            startSegment();
        }
        while (segments.size() > 1) {
            Long first = segments.firstKey();
            Long second = segments.higherKey(first);
            if (second > integratedSize) {
                break;
            }
            Files.delete(segments.remove(first));
            DirectoryStorage.forceDirectory(dir);
        }
    }

    private void startSegment() throws IOException {
        if (current != null) {
            current.close();
        }
        Path p = dir.resolve(String.format("%020d%s", nextIndex, SUFFIX));
        current = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        DirectoryStorage.forceDirectory(dir);
        segments.put(nextIndex, p);
        currentBytes = 0;
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
        }
    }
}
