package org.plumbline.log.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A log in a directory on local disk, laid out exactly as its URL space so any static web server
 * can serve it.
 *
 * <p>Crash safety: each file is written to a hidden temporary name in its final directory, forced
 * to disk, renamed over its final name, and then every directory touched (including ones created)
 * is forced, so after a crash each file is either its old or its new complete self.
 */
public final class DirectoryStorage implements LogStorage {
    private final Path root;

    private DirectoryStorage(Path root) {
        this.root = root;
    }

    /** Opens (creating if needed) the directory at {@code root}. */
    public static DirectoryStorage open(Path root) throws IOException {
        Path abs = root.toAbsolutePath().normalize();
        Files.createDirectories(abs);
        return new DirectoryStorage(abs);
    }

    public Path root() {
        return root;
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(resolve(path)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void write(Map<String, byte[]> files) throws IOException {
        Set<Path> dirsToSync = new LinkedHashSet<>();
        List<Path[]> renames = new ArrayList<>(files.size());
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path target = resolve(f.getKey());
                Path dir = target.getParent();
                createDirectories(dir, dirsToSync);
                Path tmp = dir.resolve("." + target.getFileName() + ".tmp-"
                        + Long.toHexString(ThreadLocalRandom.current().nextLong()));
                writeAndForce(tmp, f.getValue());
                renames.add(new Path[] {tmp, target});
                dirsToSync.add(dir);
            }
        } catch (IOException | RuntimeException e) {
            for (Path[] r : renames) {
                Files.deleteIfExists(r[0]);
            }
            throw e;
        }
        for (Path[] r : renames) {
            try {
                Files.move(r[0], r[1], StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("file system at " + root + " cannot rename atomically", e);
            }
        }
        for (Path dir : dirsToSync) {
            forceDirectory(dir);
        }
    }

    @Override
    public void delete(String path) throws IOException {
        Path p = resolve(path);
        if (Files.deleteIfExists(p)) {
            forceDirectory(p.getParent());
        }
    }

    private Path resolve(String path) {
        Path p = root.resolve(path).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException("path '" + path + "' is outside the log directory");
        }
        return p;
    }

    /** Creates missing directories, remembering each new one's parent: its entry must be forced too. */
    private void createDirectories(Path dir, Set<Path> dirsToSync) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        createDirectories(dir.getParent(), dirsToSync);
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            // made concurrently: fine
        }
        dirsToSync.add(dir.getParent());
    }

    static void writeAndForce(Path file, byte[] data) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
        }
    }

    /** Forces a directory's entries to disk (Linux allows fsync on a directory opened for reading). */
    public static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
