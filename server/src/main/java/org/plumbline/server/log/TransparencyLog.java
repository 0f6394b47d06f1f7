package org.plumbline.server.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.plumbline.core.Database;
import org.plumbline.core.SequencedEntries;
import java.util.Optional;
import org.plumbline.log.CheckpointSigner;
import org.plumbline.log.CosignedCheckpoints;
import org.plumbline.log.Integrator;
import org.plumbline.log.KeyFiles;
import org.plumbline.log.LogReader;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.KeyFormatException;
import org.plumbline.log.note.NoteFormatException;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.policy.Policy;
import org.plumbline.log.proof.TlogProof;
import org.plumbline.log.witness.WitnessClient;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.storage.LogStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's transparency log: tiles and checkpoints in a {@link LogStorage} (a directory, by default
 * {@code dataDir/log}, or a bucket), signed with the log's key. The database is the sequencer — a record gets
 * its log index in the same transaction as its domain rows — and this class integrates whatever has been
 * sequenced but not yet integrated, in the background and on demand. After a crash it simply catches up:
 * the database says what the log must contain, and integration is deterministic.
 *
 * <p>Several server instances may share one database and one storage. Exactly one of them integrates: the one
 * holding the {@link IntegrationLock}; the others follow, reading the checkpoint it publishes, and each tries the
 * lock at every tick, so that one of them takes over within a tick of the holder's death. An instance that takes
 * over opens the tree as storage holds it and integrates from there; because integration is deterministic, it
 * writes the same tiles its predecessor would have (docs/architecture.md, "Who integrates").
 */
public final class TransparencyLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransparencyLog.class);
    public static final String DEFAULT_ORIGIN = "plumbline.example/log";
    private static final int BATCH = 4096;

    /** How long a start waits for another instance to create the log in an empty storage. */
    private static final Duration FIRST_CHECKPOINT_WAIT = Duration.ofSeconds(60);

    private final SequencedEntries source;
    private final LogStorage storage;
    private final CheckpointSigner signer;
    private final LogReader reader;
    private final SigningKey key;
    private final IntegrationLock lock;
    /** Present when a witness policy is configured: publishes the checkpoint once a quorum cosigned it. */
    private final Optional<CosignedCheckpoints> cosigned;
    private final Duration interval;
    private Thread worker;
    /** Present while this instance holds the lock and integrates; guarded by {@code this}. */
    private Integrator integrator;
    /** The newest checkpoint this instance knows: the one it published, or (following) the one storage holds. */
    private volatile byte[] latest;
    private volatile long latestSize;
    private final Object wake = new Object();
    private volatile boolean running = true;
    /** Failed integration runs in a row (0 after a run that succeeded); read by readiness and metrics. */
    private volatile int failures;
    /** When a run last succeeded (it integrated everything the database had sequenced then). */
    private volatile Instant lastIntegrated = Instant.now();

    /** How often integration is retried while the database cannot be reached (see {@link #loop}). */
    private static final long DATABASE_RETRY_MS = 1_000;

    /**
     * Whether the integrator is keeping up: the failed runs in a row (0 when the last run succeeded) and when
     * a run last succeeded. The whole log was checked against the database when it was opened, so a failing
     * run is the only way it can stop being current while the server runs. On an instance that follows another,
     * a run is a read of the checkpoint the other published.
     */
    public record Integration(int failures, Instant lastIntegrated) {
        public boolean healthy() {
            return failures == 0;
        }
    }

    private TransparencyLog(SequencedEntries source, LogStorage storage, SigningKey key, IntegrationLock lock,
                            Optional<CosignedCheckpoints> cosigned, Duration interval) {
        this.cosigned = cosigned;
        this.source = source;
        this.storage = storage;
        this.reader = new LogReader(storage);
        this.key = key;
        this.signer = CheckpointSigner.of(key);
        this.lock = lock;
        this.interval = interval;
    }

    /**
     * Opens the log in {@code storage}, signed with {@code key}, integrated by whichever instance holds
     * {@code lock}. With {@code witnesses}, every checkpoint is also sent to the policy's witnesses in the
     * background (see the log module's {@link CosignedCheckpoints}), and {@link #publishedCheckpoint()} is the
     * newest one a quorum cosigned. Records are accepted whether or not the witnesses answer. The storage and
     * the lock are this log's from here on: {@link #close} closes them.
     *
     * @param where how to name the storage in messages
     */
    public static TransparencyLog open(LogStorage storage, String where, SigningKey key, SequencedEntries source,
                                       Duration interval, Optional<Policy> witnesses, IntegrationLock lock) {
        try {
            if (storage.read(LogStorage.CHECKPOINT).isPresent()) {
                checkAgreesWithDatabase(storage, key, source, where);
            }
            Optional<CosignedCheckpoints> cosigned = Optional.empty();
            if (witnesses.isPresent()) {
                if (witnesses.get().logs().stream().noneMatch(k -> k.text().equals(key.verifierKey().text()))) {
                    throw new IOException("the witness policy does not name this log's key (" + key.verifierKey().text()
                            + ") in a log line");
                }
                CosignedCheckpoints c = CosignedCheckpoints.open(storage, WitnessClient.create(witnesses.get()));
                c.start();
                cosigned = Optional.of(c);
            }
            TransparencyLog log = new TransparencyLog(source, storage, key, lock, cosigned, interval);
            log.firstCatchUp();
            log.worker = Thread.ofPlatform().daemon().name("plumbline-log-integrator").start(() -> log.loop(interval));
            return log;
        } catch (IOException | SQLException e) {
            lock.close();
            closeStorage(storage);
            throw new UncheckedIOException("cannot open the transparency log in " + where + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        } catch (RuntimeException e) {
            lock.close();
            closeStorage(storage);
            throw e;
        }
    }

    /**
     * The first run, before the server serves: integrates (holding the lock), or reads the checkpoint another
     * instance published. A storage without a log is created only by the lock's holder; another instance starting
     * beside it waits (a bounded time) for the checkpoint to appear, trying the lock meanwhile in case the holder died.
     */
    private void firstCatchUp() throws IOException, SQLException {
        long deadline = System.nanoTime() + FIRST_CHECKPOINT_WAIT.toNanos();
        while (true) {
            if (lock.tryHold() || storage.read(LogStorage.CHECKPOINT).isPresent()) {
                catchUp();
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the storage holds no log yet, and the instance that holds the integration lock"
                        + " did not create one within " + FIRST_CHECKPOINT_WAIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(Math.max(50, interval.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for the log to be created");
            }
        }
    }

    /**
     * The log may lag the database (integration is asynchronous) but never lead it, and every entry it
     * holds must be what the database sequenced: the tiles are served publicly as stored, so the whole
     * log is checked (signature, tiles, root, and each entry against the database), not just its last
     * entry. Runs before the integrator opens, so that its message names the first entry that differs.
     */
    private static void checkAgreesWithDatabase(LogStorage storage, SigningKey key, SequencedEntries source,
                                                String where) throws IOException {
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            Optional<byte[]> before = storage.read(LogStorage.CHECKPOINT);
            try {
                LogAgreement.check(storage, key.verifierKey(), source, where);
                break;
            } catch (IOException e) {
                // Another instance integrating meanwhile replaces partial tiles and prunes those of tiles it fills:
                // a check that read the checkpoint before may find one gone. Only a check of a checkpoint that
                // stood still for all of it says the log is damaged.
                boolean moved = !java.util.Arrays.equals(before.orElse(null), storage.read(LogStorage.CHECKPOINT).orElse(null));
                if (!moved || attempt == 5) {
                    throw e;
                }
            }
        }
        LOG.info("the log agrees with the database, checked in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** Loads the log's signing key from {@code file}, making one if there is none. */
    public static SigningKey loadOrCreateKey(Path file) {
        try {
            return KeyFiles.loadOrCreate(file, DEFAULT_ORIGIN);
        } catch (KeyFormatException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Brings this instance's view of the log up to date: holding the integration lock, integrates everything the
     * database has sequenced so far; otherwise reads the checkpoint the holder published. Returns the log's size.
     */
    public synchronized long catchUp() throws IOException {
        try {
            boolean holds;
            try {
                holds = lock.tryHold();
            } catch (SQLException e) {
                holds = false;
                integrator = null;
                throw new IOException("cannot reach the database for the integration lock: " + e.getMessage(), e);
            }
            if (!holds) {
                if (integrator != null) {
                    integrator = null;
                    LOG.warn("this instance no longer holds the log's integration lock; it follows the instance that does");
                }
                follow();
            } else {
                integrate();
            }
            failures = 0;
            lastIntegrated = Instant.now();
            return latestSize;
        } catch (IOException | RuntimeException e) {
            failures++;
            throw e;
        }
    }

    private void integrate() throws IOException {
        if (integrator == null) {
            // Taken over (or the first start): the tree as storage holds it, whoever wrote it.
            boolean exists = storage.read(LogStorage.CHECKPOINT).isPresent();
            integrator = exists ? Integrator.open(storage, signer) : Integrator.create(storage, signer);
            LOG.info("this instance holds the log's integration lock and integrates the log (size {})", integrator.size());
        }
        long size = integrator.size();
        while (true) {
            List<byte[]> entries = source.read(size, BATCH);
            if (entries.isEmpty()) {
                see(integrator.checkpoint());
                if (cosigned.isPresent()) {
                    cosigned.get().offer(integrator.checkpoint());  // never waits for a witness
                }
                return;
            }
            integrator.integrate(entries);
            size = integrator.size();
        }
    }

    /** Takes up the checkpoint the integrating instance published. */
    private void follow() throws IOException {
        Optional<byte[]> published = storage.read(LogStorage.CHECKPOINT);
        if (published.isEmpty()) {
            throw new IOException("the log's storage has no checkpoint");
        }
        see(published.get());
    }

    private void see(byte[] checkpoint) throws IOException {
        long size = parseSize(checkpoint);
        if (latest == null || size >= latestSize) {
            latest = checkpoint;
            latestSize = size;
        }
    }

    private static long parseSize(byte[] checkpoint) throws IOException {
        try {
            return Checkpoint.parse(SignedNote.parse(checkpoint).text()).size();
        } catch (NoteFormatException e) {
            throw new IOException("the log's checkpoint is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * The checkpoint to publish at {@code /log/checkpoint}: with witnesses, the newest one a quorum of them
     * cosigned (until there is one, the log's own); without, the log's own.
     */
    public byte[] publishedCheckpoint() {
        if (cosigned.isPresent()) {
            try {
                Optional<byte[]> latest = cosigned.get().latest();
                if (latest.isPresent()) return latest.get();
            } catch (IOException e) {
                LOG.warn("reading the cosigned checkpoint failed ({}); serving the log's own", e.toString());
            }
        }
        return checkpoint();
    }

    /**
     * The record at {@code index}'s proof against the published checkpoint when it covers the record (so that
     * a policy requiring witnesses verifies it), otherwise against the log's own newest checkpoint.
     */
    public TlogProof proof(long index) throws IOException {
        byte[] published = publishedCheckpoint();
        long size;
        try {
            size = Checkpoint.parse(SignedNote.parse(published).text()).size();
        } catch (NoteFormatException e) {
            throw new IOException("the published checkpoint is malformed: " + e.getMessage(), e);
        }
        return index < size ? reader.proof(index, published) : reader.proof(index);
    }

    /** How far the cosigned checkpoint trails the log, when witnesses are configured. */
    public Optional<CosignedCheckpoints.Lag> witnessLag() {
        return cosigned.map(CosignedCheckpoints::lag);
    }

    /** Whether integration is keeping up (see {@link Integration}). */
    public Integration integration() {
        return new Integration(failures, lastIntegrated);
    }

    /** Asks the background integrator to run now rather than at its next tick. */
    public void nudge() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void loop(Duration interval) {
        long wait = interval.toMillis();
        while (running) {
            // Waits first: the log was brought up to date when it was opened.
            synchronized (wake) {
                try {
                    wake.wait(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (!running) {
                return;
            }
            boolean wasFailing = failures > 0;
            try {
                catchUp();
                if (wasFailing) {
                    LOG.info("log integration resumed; the log has {} entries", size());
                }
                wait = interval.toMillis();
            } catch (IOException | RuntimeException e) {
                if (running && Database.unavailable(e)) {
                    // Expected while PostgreSQL restarts: one line when it starts, no stack trace, and a short
                    // retry, so that the log is current again within a second of the database's return.
                    if (!wasFailing) {
                        LOG.warn("log integration paused: the database is unavailable ({}); retrying every {} ms",
                                e.getMessage(), DATABASE_RETRY_MS);
                    }
                    wait = DATABASE_RETRY_MS;
                } else {
                    if (running) {
                        LOG.error("log integration failed; retrying in {} ms", wait * 2, e);
                    }
                    // Back off (up to a minute) so that a persistent fault does not flood the log.
                    wait = Math.min(wait * 2, 60_000);
                }
            }
        }
    }

    /** The size of the newest checkpoint this instance knows (its own, or the integrating instance's). */
    public long size() {
        return latestSize;
    }

    /** The newest checkpoint this instance knows (its own, or the integrating instance's). */
    public byte[] checkpoint() {
        return latest.clone();
    }

    /** Whether this instance integrates the log (holds the integration lock), as of its last run. */
    public boolean integrates() {
        return lock.held();
    }

    public LogReader reader() {
        return reader;
    }

    public LogStorage storage() {
        return storage;
    }

    /** The log's public key in vkey form ({@code name+keyid+base64}). */
    public String verifierKey() {
        return key.verifierKey().text();
    }

    String origin() {
        return key.name();
    }

    @Override
    public void close() {
        // No interrupt: an integration under way finishes (an interrupted file channel would close under
        // it), and then everything committed before the stop is integrated and signed once more, so that a
        // graceful stop leaves no acknowledged record outside the published checkpoint.
        running = false;
        nudge();
        try {
            worker.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lock.close();
            return;
        }
        if (worker.isAlive()) {
            LOG.warn("log integration did not finish within 30 s of the stop; the next start integrates the rest");
            lock.close();
            return;
        }
        try {
            catchUp();
        } catch (IOException | RuntimeException e) {
            LOG.warn("integrating the last entries at stop failed ({}); the next start integrates them", e.toString());
        }
        if (cosigned.isPresent()) {
            try {
                cosigned.get().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lock.close();  // last: another instance takes over only once this one has stopped writing
        closeStorage(storage);
    }

    private static void closeStorage(LogStorage storage) {
        if (storage instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing the log's storage failed ({})", e.toString());
            }
        }
    }
}
