package org.plumbline.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.plumbline.log.storage.DirectoryStorage;
import org.plumbline.log.storage.LogStorage;

/**
 * A writable log in a local directory: the embedded default. The directory holds the public
 * tlog-tiles resources ({@code checkpoint}, {@code tile/...}) and, in {@code .sequencer/}, the
 * journal and the lock that keeps a second writer out. The public resources may live elsewhere instead
 * ({@link #open(Path, LogStorage, CheckpointSigner, int, Duration, int)}, e.g. in a bucket); the journal
 * and the lock stay in the local directory. The lock keeps out a second writer on this machine only: a
 * writer elsewhere on the same storage is kept from publishing a fork by the checkpoint's compare-and-swap,
 * and whichever loses that race fails (its acknowledged indexes may now be taken) without publishing.
 *
 * <p>{@link #add} returns a future that completes with the entry's index once that index is durable;
 * integration into tiles and a signed checkpoint follows asynchronously ({@link #whenIntegrated}).
 * Opening recovers: journaled entries that a crash kept out of the tree are integrated first.
 */
public final class DirectoryLog implements AutoCloseable {
    /** Default batching: large batches, and a short wait for company once an append arrives. */
    public static final int DEFAULT_MAX_BATCH = 4096;
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(1);
    /** Most journaled entries waiting for integration before appends are pushed back. */
    public static final int DEFAULT_MAX_PENDING = 16_384;

    private final FileChannel lockFile;
    private final FileLock lock;
    private final Integrator integrator;
    private final Sequencer sequencer;

    private DirectoryLog(FileChannel lockFile, FileLock lock, Integrator integrator, Sequencer sequencer) {
        this.lockFile = lockFile;
        this.lock = lock;
        this.integrator = integrator;
        this.sequencer = sequencer;
    }

    /** Creates an empty log in {@code dir} and publishes its size-0 checkpoint. */
    public static void create(Path dir, CheckpointSigner signer) throws IOException {
        Integrator.create(DirectoryStorage.open(dir), signer);
    }

    /** Creates an empty log in {@code storage} and publishes its size-0 checkpoint. */
    public static void create(LogStorage storage, CheckpointSigner signer) throws IOException {
        Integrator.create(storage, signer);
    }

    public static DirectoryLog open(Path dir, CheckpointSigner signer) throws IOException {
        return open(dir, signer, DEFAULT_MAX_BATCH, DEFAULT_MAX_DELAY, DEFAULT_MAX_PENDING);
    }

    /**
     * Opens the log in {@code dir} for appending.
     *
     * @param maxBatchEntries most entries journaled with one fsync
     * @param maxBatchDelay longest an append waits for others to share its fsync
     * @param maxPendingEntries most entries journaled but not integrated before appends wait
     */
    public static DirectoryLog open(Path dir, CheckpointSigner signer, int maxBatchEntries, Duration maxBatchDelay,
            int maxPendingEntries)
            throws IOException {
        return open(dir, DirectoryStorage.open(dir), signer, maxBatchEntries, maxBatchDelay, maxPendingEntries);
    }

    /**
     * Opens the log whose public resources are in {@code storage} for appending, with its journal and lock in
     * {@code dir/.sequencer}.
     */
    public static DirectoryLog open(Path dir, LogStorage storage, CheckpointSigner signer, int maxBatchEntries,
            Duration maxBatchDelay, int maxPendingEntries)
            throws IOException {
        Path state = dir.toAbsolutePath().normalize().resolve(".sequencer");
        Files.createDirectories(state);
        FileChannel lockFile = FileChannel.open(state.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this same process
        }
        if (lock == null) {
            lockFile.close();
            throw new IOException("the log in " + dir + " is open for writing by another process");
        }
        try {
            Integrator integrator = Integrator.open(storage, signer);
            Journal journal = Journal.open(state.resolve("journal"), integrator.size());
            Sequencer sequencer = new Sequencer(journal, integrator,
                    new Sequencer.Options(maxBatchEntries, maxBatchDelay, maxPendingEntries));
            return new DirectoryLog(lockFile, lock, integrator, sequencer);
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockFile.close();
            throw e;
        }
    }

    /**
     * Appends an entry (at most 65,535 bytes). The future completes with its index once the index is
     * durable, or exceptionally if the entry could not be made durable.
     *
     * @throws IllegalArgumentException if the entry is too large for a tlog-tiles entry bundle
     */
    public CompletableFuture<Long> add(byte[] entry) {
        return sequencer.add(entry);
    }

    /** Completes once the entry at {@code index} is covered by a published checkpoint. */
    public CompletableFuture<Void> whenIntegrated(long index) {
        return sequencer.whenIntegrated(index);
    }

    /** The latest published signed checkpoint. */
    public byte[] checkpoint() {
        return integrator.checkpoint();
    }

    /** Number of entries covered by the latest checkpoint. */
    public long integratedSize() {
        return sequencer.integratedSize();
    }

    /** Integrates every acknowledged entry, publishes the final checkpoint, and releases the directory. */
    @Override
    public void close() throws IOException {
        try {
            sequencer.close();
        } finally {
            lock.release();
            lockFile.close();
        }
    }
}
