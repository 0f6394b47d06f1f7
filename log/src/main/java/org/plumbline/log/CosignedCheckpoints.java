package org.plumbline.log;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.NoteFormatException;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.storage.LogStorage;
import org.plumbline.log.witness.WitnessClient;

/**
 * Gets the log's checkpoints cosigned by the witnesses of a tlog-policy and publishes each one whose
 * cosignatures meet the policy's quorum, as {@value #PATH} next to the log's own {@code checkpoint}.
 *
 * <p><b>Two files, on purpose.</b> {@code checkpoint} stays what {@link Integrator} writes: the
 * latest checkpoint, signed by the log alone, the point a restart recovers from, never waiting on
 * anyone outside. {@value #PATH} is the latest checkpoint that also carries a quorum of verified
 * cosignatures; it is the one to serve as the log's public checkpoint ({@code /log/checkpoint})
 * and to put in proofs when witnesses are configured. Writing cosignatures into {@code checkpoint}
 * instead would race with integration (a cosigned size 10 written after the log's size 20 moves the
 * checkpoint backwards), and under steady load the checkpoint would almost never carry them. Tiles
 * are append-only, so every tile a smaller cosigned checkpoint names stays readable (a pruned
 * partial tile is a prefix of its full one, as tlog-tiles lets clients assume).
 *
 * <p><b>Never backwards.</b> {@value #PATH} is only ever replaced by a larger tree (the log never
 * signs two roots for one size, so a larger size extends it).
 *
 * <p><b>Witnesses down.</b> The log keeps accepting and integrating records; {@link #offer} only
 * records the newest checkpoint. A background thread ({@link #start}) asks the witnesses about the
 * newest one offered, and after a round without quorum waits before the next, doubling the wait from
 * 1 s up to 60 s, so a dead witness is not hammered and a recovered one is caught up within a
 * minute (a 409 tells the client its size). Meanwhile {@link #lag} says how far behind the
 * cosigned checkpoint is and why.
 */
public final class CosignedCheckpoints implements AutoCloseable {
    /** Where the latest cosigned checkpoint is published, relative to the log's prefix. */
    public static final String PATH = "checkpoint.cosigned";
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final LogStorage storage;
    private final WitnessClient client;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    /** Guarded by this: the cosigned checkpoint's size (-1 if none), the newest offered, the last failure. */
    private long cosignedSize;
    private byte[] offered;
    private long offeredSize = -1;
    private String lastFailure;
    private boolean closed;
    private Thread thread;

    /**
     * How far the published cosigned checkpoint is behind the log.
     *
     * @param integrated the size of the newest checkpoint offered (the log's latest), -1 if none
     * @param cosigned the size of the published cosigned checkpoint, -1 if none
     * @param lastFailure why the last round did not meet the quorum, if it did not
     */
    public record Lag(long integrated, long cosigned, Optional<String> lastFailure) {
        /** Entries integrated but not yet covered by a cosigned checkpoint. */
        public long entries() {
            return Math.max(0, integrated - Math.max(cosigned, 0));
        }
    }

    private CosignedCheckpoints(LogStorage storage, WitnessClient client, Duration firstBackoff, Duration maxBackoff,
            long cosignedSize) {
        this.storage = storage;
        this.client = client;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.cosignedSize = cosignedSize;
    }

    /** Opens the publisher of the log in {@code storage}; {@link #start} sets it going in the background. */
    public static CosignedCheckpoints open(LogStorage storage, WitnessClient client) throws IOException {
        return open(storage, client, FIRST_BACKOFF, MAX_BACKOFF);
    }

    static CosignedCheckpoints open(LogStorage storage, WitnessClient client, Duration firstBackoff, Duration maxBackoff)
            throws IOException {
        Objects.requireNonNull(client, "client");
        Optional<byte[]> existing = storage.read(PATH);
        long size = existing.isEmpty() ? -1 : Integrator.parseCheckpoint(existing.get()).size();
        return new CosignedCheckpoints(storage, client, firstBackoff, maxBackoff, size);
    }

    /** The published cosigned checkpoint, if any. */
    public Optional<byte[]> latest() throws IOException {
        return storage.read(PATH);
    }

    /**
     * Asks the witnesses to cosign {@code signedCheckpoint} now, and publishes it if the quorum is met
     * and it is larger than the one published. The caller waits (at most about one request timeout).
     */
    public WitnessClient.Result publish(byte[] signedCheckpoint) throws IOException {
        SignedNote note;
        Checkpoint checkpoint;
        try {
            note = SignedNote.parse(signedCheckpoint);
            checkpoint = Checkpoint.parse(note.text());
        } catch (NoteFormatException e) {
            throw new IOException("not a signed checkpoint: " + e.getMessage(), e);
        }
        WitnessClient.Result result;
        try {
            result = client.cosign(note, new LogReader(storage).nodes(checkpoint.size()));
        } catch (NoteFormatException e) {
            throw new AssertionError(e); // parsed above
        }
        synchronized (this) {
            if (checkpoint.size() > cosignedSize) {
                if (result.quorumMet()) {
                    storage.write(Map.of(PATH, result.note().toBytes()));
                    cosignedSize = checkpoint.size();
                }
                lastFailure = result.quorumMet() ? null : result.describe(client.policy());
            }
        }
        return result;
    }

    /**
     * Records {@code signedCheckpoint} as the log's newest (call after each integration); the
     * background thread gets it cosigned. Never blocks on witnesses.
     */
    public synchronized void offer(byte[] signedCheckpoint) throws IOException {
        long size = Integrator.parseCheckpoint(signedCheckpoint).size();
        if (size > offeredSize) {
            offered = signedCheckpoint.clone();
            offeredSize = size;
            notifyAll();
        }
    }

    public synchronized Lag lag() {
        return new Lag(offeredSize, cosignedSize, Optional.ofNullable(lastFailure));
    }

    /** Starts the background thread that gets each newest offered checkpoint cosigned. */
    public synchronized void start() {
        if (thread != null || closed) {
            throw new IllegalStateException("already started or closed");
        }
        thread = Thread.ofPlatform().daemon().name("cosigned-checkpoints").start(this::run);
    }

    private void run() {
        Duration backoff = firstBackoff;
        while (true) {
            byte[] next;
            synchronized (this) {
                while (!closed && offeredSize <= cosignedSize) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                next = offered;
            }
            boolean met;
            try {
                met = publish(next).quorumMet();
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    lastFailure = "publishing the cosigned checkpoint failed: " + e.getMessage();
                }
                met = false;
            }
            if (met) {
                backoff = firstBackoff;
                continue;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }

    /** Stops the background thread (an unfinished round is abandoned; nothing half-written). */
    @Override
    public void close() throws InterruptedException {
        Thread t;
        synchronized (this) {
            closed = true;
            notifyAll();
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            t.join();
        }
    }
}
