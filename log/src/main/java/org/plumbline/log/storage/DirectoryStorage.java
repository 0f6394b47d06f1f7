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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A log in a directory on local disk, laid out exactly as its URL space so any static web server
 * can serve it.
 *
 * <p>Crash safety: each file is written to a hidden temporary name in its final directory, forced
 * to disk, renamed over its final name, and then every directory touched (including ones created)
 * is forced, so after a crash each file is either its old or its new complete self.
 *
 * <p>One writer: {@link #replace} compares and swaps under a lock per path, which is atomic within one
 * process (for one {@code DirectoryStorage} object); across processes the log's lock ({@code DirectoryLog})
 * keeps a second writer out. Full tiles are not checked here (the integrator compares an existing one
 * before writing it).
 */
public final class DirectoryStorage implements LogStorage {
    private static final ExecutorService IO = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "plumbline-storage-io");
        t.setDaemon(true);
        return t;
    });

    private final Path root;
    private final Object[] stripes = new Object[64];

    private DirectoryStorage(Path root) {
        this.root = root;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
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
        List<Callable<Void>> writes = new ArrayList<>(files.size());
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path target = resolve(f.getKey());
            Path dir = target.getParent();
            createDirectories(dir, dirsToSync);
            Path tmp = dir.resolve("." + target.getFileName() + ".tmp-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            byte[] data = f.getValue();
            writes.add(() -> {
                writeAndForce(tmp, data);
                return null;
            });
            renames.add(new Path[] {tmp, target});
            dirsToSync.add(dir);
        }
        try {
            runAll(writes);
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
        List<Callable<Void>> syncs = new ArrayList<>(dirsToSync.size());
        for (Path dir : dirsToSync) {
            syncs.add(() -> {
                forceDirectory(dir);
                return null;
            });
        }
        runAll(syncs);
    }

    /**
     * Runs file writes and fsyncs side by side: a disk completes concurrent flushes far faster than
     * the same flushes one after another (measured here: about 2.5 times), and an integration writes
     * two files per 256 entries.
     */
    private static void runAll(List<Callable<Void>> tasks) throws IOException {
        if (tasks.size() == 1) {
            try {
                tasks.get(0).call();
                return;
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
        List<Future<Void>> futures = new ArrayList<>(tasks.size());
        for (Callable<Void> t : tasks) {
            futures.add(IO.submit(t));
        }
        IOException first = null;
        for (Future<Void> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while writing", e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void replace(String path, Optional<byte[]> expected, byte[] next) throws IOException {
        // One lock per path (striped), so that swaps of different tiles write and fsync side by side.
        synchronized (stripes[Math.floorMod(resolve(path).hashCode(), stripes.length)]) {
            Optional<byte[]> current = read(path);
            boolean same = expected.isPresent()
                    ? current.isPresent() && java.util.Arrays.equals(current.get(), expected.get())
                    : current.isEmpty();
            if (!same) {
                throw new WriteConflictException(path, "it is not what this writer last saw there");
            }
            write(Map.of(path, next));
        }
    }

    @Override
    public void deleteAll(String dir) throws IOException {
        Path d = resolve(dir);
        if (!Files.isDirectory(d)) {
            return;
        }
        try (var files = Files.list(d)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
        try {
            Files.delete(d);
        } catch (java.nio.file.NoSuchFileException e) {
            return;  // removed meanwhile
        }
        forceDirectory(d.getParent());
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
