package org.plumbline.server.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
import org.plumbline.log.storage.DirectoryStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's transparency log: tiles and checkpoints under {@code dataDir/log}, signed with the key in
 * {@code dataDir/keys/log.key} (made on first start). The database is the sequencer — a record gets its
 * log index in the same transaction as its domain rows — and this class integrates whatever has been
 * sequenced but not yet integrated, in the background and on demand. After a crash it simply catches up:
 * the database says what the log must contain, and integration is deterministic.
 */
public final class TransparencyLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransparencyLog.class);
    public static final String DEFAULT_ORIGIN = "plumbline.example/log";
    private static final int BATCH = 4096;

    private final SequencedEntries source;
    private final Integrator integrator;
    private final DirectoryStorage storage;
    private final LogReader reader;
    private final SigningKey key;
    /** Present when a witness policy is configured: publishes the checkpoint once a quorum cosigned it. */
    private final Optional<CosignedCheckpoints> cosigned;
    private final Thread worker;
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
     * run is the only way it can stop being current while the server runs.
     */
    public record Integration(int failures, Instant lastIntegrated) {
        public boolean healthy() {
            return failures == 0;
        }
    }

    private TransparencyLog(SequencedEntries source, Integrator integrator, DirectoryStorage storage, SigningKey key,
                            Optional<CosignedCheckpoints> cosigned, Duration interval) {
        this.cosigned = cosigned;
        this.source = source;
        this.integrator = integrator;
        this.storage = storage;
        this.reader = new LogReader(storage);
        this.key = key;
        this.worker = Thread.ofPlatform().daemon().name("plumbline-log-integrator").start(() -> loop(interval));
    }

    public static TransparencyLog open(Path dataDir, SequencedEntries source, Duration interval) {
        return open(dataDir, source, interval, Optional.empty());
    }

    /**
     * Opens the log; with {@code witnesses}, every checkpoint is also sent to the policy's witnesses in the
     * background (see the log module's {@link CosignedCheckpoints}), and {@link #publishedCheckpoint()} is
     * the newest one a quorum cosigned. Records are accepted whether or not the witnesses answer.
     */
    public static TransparencyLog open(Path dataDir, SequencedEntries source, Duration interval, Optional<Policy> witnesses) {
        try {
            SigningKey key = loadOrCreateKey(dataDir.resolve("keys").resolve("log.key"));
            DirectoryStorage storage = DirectoryStorage.open(dataDir.resolve("log"));
            CheckpointSigner signer = CheckpointSigner.of(key);
            boolean exists = storage.read("checkpoint").isPresent();
            if (exists) {
                checkAgreesWithDatabase(storage, key, source, dataDir.resolve("log"));
            }
            Integrator integrator = exists ? Integrator.open(storage, signer) : Integrator.create(storage, signer);
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
            TransparencyLog log = new TransparencyLog(source, integrator, storage, key, cosigned, interval);
            log.catchUp();
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the transparency log under " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The log may lag the database (integration is asynchronous) but never lead it, and every entry it
     * holds must be what the database sequenced: the tiles are served publicly as stored, so the whole
     * log is checked (signature, tiles, root, and each entry against the database), not just its last
     * entry. Runs before the integrator opens, so that its message names the first entry that differs.
     */
    private static void checkAgreesWithDatabase(DirectoryStorage storage, SigningKey key, SequencedEntries source,
                                                Path logDir) throws IOException {
        long started = System.nanoTime();
        LogAgreement.check(storage, key.verifierKey(), source, logDir.toString());
        LOG.info("the log agrees with the database, checked in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private static SigningKey loadOrCreateKey(Path file) throws IOException {
        try {
            return KeyFiles.loadOrCreate(file, DEFAULT_ORIGIN);
        } catch (KeyFormatException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Integrates everything the database has sequenced so far; returns the new log size. */
    public synchronized long catchUp() throws IOException {
        try {
            long size = integrator.size();
            while (true) {
                List<byte[]> entries = source.read(size, BATCH);
                if (entries.isEmpty()) {
                    failures = 0;
                    lastIntegrated = Instant.now();
                    if (cosigned.isPresent()) {
                        cosigned.get().offer(integrator.checkpoint());  // never waits for a witness
                    }
                    return size;
                }
                integrator.integrate(entries);
                size = integrator.size();
            }
        } catch (IOException | RuntimeException e) {
            failures++;
            throw e;
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
        return integrator.checkpoint();
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
            synchronized (wake) {
                try {
                    wake.wait(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    public long size() {
        return integrator.size();
    }

    public byte[] checkpoint() {
        return integrator.checkpoint();
    }

    public LogReader reader() {
        return reader;
    }

    public DirectoryStorage storage() {
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
            return;
        }
        if (worker.isAlive()) {
            LOG.warn("log integration did not finish within 30 s of the stop; the next start integrates the rest");
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
    }
}
