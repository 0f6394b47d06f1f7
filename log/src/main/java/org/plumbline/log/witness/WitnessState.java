package org.plumbline.log.witness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.plumbline.log.hash.Sha256;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.NoteFormatException;
import org.plumbline.log.storage.DirectoryStorage;

/**
 * The latest checkpoint this witness cosigned for each origin, kept in a directory: one file per
 * origin, named by the hex SHA-256 of the origin (origins are free text) and holding the
 * checkpoint's text.
 *
 * <p>tlog-witness: "checking the old size against the latest checkpoint and persisting the new
 * checkpoint must be performed atomically". {@link #apply} is that step: under the origin's lock it
 * reads the stored checkpoint, asks the decision, and, if the decision is to cosign, makes the new
 * checkpoint durable before it returns, so nobody is answered 200 for a checkpoint a crash could
 * forget. Requests for different origins do not wait for each other.
 *
 * <p>Crash safety: the new file is written to a hidden temporary name, {@code fsync}ed, renamed
 * over the old one and the directory is {@code fsync}ed, so after a {@code kill -9} or power loss
 * the file is the old checkpoint or the new one, never a mix. A crash after the check and before
 * the rename leaves the old one, and the cosignature that decision would have made was never sent.
 * A crash after the rename and before the answer leaves the new one, which was never seen: the
 * client's retry gets a 409 naming it, and the witness still never cosigns a smaller tree or
 * another root for a size it cosigned.
 *
 * <p>Whatever the decision says, {@link #apply} refuses to store a checkpoint smaller than the
 * stored one or with another root at the same size: a second line of defence, so a mistake in a
 * decision fails loudly instead of rolling the witness back.
 *
 * <p>One process per directory: {@link #open} takes an exclusive lock on {@code .lock}.
 */
public final class WitnessState implements AutoCloseable {
    private static final String LOCK = ".lock";

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Runnable afterCheck;
    private final Map<String, Checkpoint> latest = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    private WitnessState(Path dir, FileChannel lockChannel, FileLock lock, Runnable afterCheck) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.afterCheck = afterCheck;
    }

    /** Opens (creating if need be) the state kept in {@code dir}. */
    public static WitnessState open(Path dir) throws IOException {
        return open(dir, () -> { });
    }

    /**
     * As {@link #open(Path)}, running {@code afterCheck} after a decision to cosign and before it is
     * stored: the crash test stops a witness there to kill it.
     */
    static WitnessState open(Path dir, Runnable afterCheck) throws IOException {
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IOException("another witness is using " + dir + " (" + dir.resolve(LOCK) + " is locked)");
        }
        WitnessState state = new WitnessState(dir, ch, lock, afterCheck);
        try {
            state.load();
        } catch (IOException | RuntimeException e) {
            state.close();
            throw e;
        }
        return state;
    }

    /** The origins this witness has cosigned for. */
    public Set<String> origins() {
        return Set.copyOf(latest.keySet());
    }

    /** The latest checkpoint cosigned for {@code origin}, if any. */
    public Optional<Checkpoint> latest(String origin) {
        return Optional.ofNullable(latest.get(origin));
    }

    /**
     * Decides on a checkpoint for {@code origin} and stores it if the decision is to cosign, as one
     * step: no other {@code apply} for that origin runs in between.
     */
    AddCheckpoint.Outcome apply(String origin, Function<Optional<Checkpoint>, AddCheckpoint.Outcome> decide)
            throws IOException {
        ReentrantLock l = locks.computeIfAbsent(origin, o -> new ReentrantLock());
        l.lock();
        try {
            Optional<Checkpoint> current = latest(origin);
            AddCheckpoint.Outcome outcome = decide.apply(current);
            if (outcome instanceof AddCheckpoint.Outcome.Cosign c) {
                Checkpoint next = c.checkpoint();
                checkNeverBackwards(origin, current, next);
                afterCheck.run();
                if (current.isEmpty() || !current.get().equals(next)) {
                    write(next);
                    latest.put(origin, next);
                }
            }
            return outcome;
        } finally {
            l.unlock();
        }
    }

    private static void checkNeverBackwards(String origin, Optional<Checkpoint> current, Checkpoint next) {
        if (!next.origin().equals(origin)) {
            throw new IllegalStateException("decision for " + origin + " returned a checkpoint of " + next.origin());
        }
        if (current.isEmpty()) {
            return;
        }
        Checkpoint c = current.get();
        if (next.size() < c.size()
                || next.size() == c.size() && !MessageDigest.isEqual(next.rootHash(), c.rootHash())) {
            throw new IllegalStateException("refusing to roll the witness back for " + origin + ": cosigned "
                    + c.size() + ", asked to store " + next.size() + " with another root");
        }
    }

    private void write(Checkpoint checkpoint) throws IOException {
        String name = fileName(checkpoint.origin());
        Path tmp = dir.resolve("." + name + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(checkpoint.text().getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DirectoryStorage.forceDirectory(dir);
    }

    private void load() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.startsWith(".")) {
                    if (name.endsWith(".tmp")) {
                        Files.delete(f); // a write cut short: never renamed, so never in force
                    }
                    continue;
                }
                Checkpoint cp;
                try {
                    cp = Checkpoint.parse(Files.readString(f, StandardCharsets.UTF_8));
                } catch (NoteFormatException | IOException e) {
                    throw new IOException("witness state " + f + " is not a checkpoint: " + e.getMessage(), e);
                }
                if (!name.equals(fileName(cp.origin()))) {
                    throw new IOException("witness state " + f + " holds a checkpoint of " + cp.origin()
                            + ", whose file is " + fileName(cp.origin()));
                }
                latest.put(cp.origin(), cp);
            }
        }
    }

    static String fileName(String origin) {
        return Sha256.hex(Sha256.digest(origin.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
