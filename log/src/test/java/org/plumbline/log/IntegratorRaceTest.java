package org.plumbline.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.log.merkle.Proofs;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.storage.LogStorage;
import org.plumbline.log.storage.WriteConflictException;
import org.plumbline.log.storage.s3.S3Location;
import org.plumbline.log.storage.s3.S3Storage;
import org.plumbline.log.storage.s3.S3TestServer;

/**
 * Two integrators on one bucket, each with its own S3 client (as two machines would be), appending at the same
 * time: the compare-and-swap on the checkpoint lets one publish per round and sends the other back to the
 * winner's tree. No fork, and every entry either acknowledged is in the log at the index it was given.
 */
class IntegratorRaceTest {
    private static final int PER_WRITER = 1200;

    @TempDir
    Path dir;

    private final SigningKey key = SigningKey.generate("race.test/log", KeyType.ED25519);
    private final CheckpointSigner signer = CheckpointSigner.of(key);
    private final S3TestServer server = S3TestServer.get();

    @Test
    void twoIntegratorsOnOneBucketNeverForkAndLoseNoAcknowledgedEntry() throws Exception {
        S3Location location = server.newLocation("race");
        AtomicInteger lostRaces = new AtomicInteger();
        try (S3Storage first = S3Storage.open(location); S3Storage second = S3Storage.open(location);
                S3Storage watcherStorage = S3Storage.open(location)) {
            Integrator.create(first, signer);
            Integrator a = Integrator.open(new CountingConflicts(first, lostRaces), signer);
            Integrator b = Integrator.open(new CountingConflicts(second, lostRaces), signer);
            Map<Long, String> acked = new ConcurrentHashMap<>();
            Set<String> checkpoints = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
            AtomicBoolean running = new AtomicBoolean(true);
            Thread watcher = Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    try {
                        watcherStorage.read("checkpoint").ifPresent(c -> checkpoints.add(new String(c, StandardCharsets.UTF_8)));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (Integrator integrator : List.of(a, b)) {
                String name = integrator == a ? "a" : "b";
                writers.add(CompletableFuture.runAsync(() -> {
                    Random random = new Random(name.hashCode());
                    int seq = 0;
                    try {
                        while (seq < PER_WRITER) {
                            List<byte[]> batch = new ArrayList<>();
                            List<String> texts = new ArrayList<>();
                            for (int n = 1 + random.nextInt(12); n > 0 && seq < PER_WRITER; n--) {
                                String e = name + " " + seq++;
                                texts.add(e);
                                batch.add(e.getBytes(StandardCharsets.UTF_8));
                            }
                            long index = integrator.append(batch);
                            for (int i = 0; i < texts.size(); i++) {
                                String previous = acked.put(index + i, texts.get(i));
                                assertThat(previous).as("index %d acknowledged twice", index + i).isNull();
                            }
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
            }
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join();
            running.set(false);
            watcher.join();

            Checkpoint last = LogVerifier.verify(first, key.verifierKey());
            assertThat(last.size()).isEqualTo(2L * PER_WRITER);
            assertThat(acked).hasSize(2 * PER_WRITER);
            LogReader reader = new LogReader(first);
            for (Map.Entry<Long, String> e : acked.entrySet()) {
                assertThat(new String(reader.entry(e.getKey(), last.size()), StandardCharsets.UTF_8))
                        .as("entry at acknowledged index %d", e.getKey()).isEqualTo(e.getValue());
            }
            // No fork: one root per size among every checkpoint seen, each consistent with the last.
            Map<Long, byte[]> rootBySize = new HashMap<>();
            for (String note : checkpoints) {
                Checkpoint cp = Checkpoint.open(note.getBytes(StandardCharsets.UTF_8), key.verifierKey());
                byte[] other = rootBySize.putIfAbsent(cp.size(), cp.rootHash());
                if (other != null) {
                    assertThat(other).as("two roots published for size %d", cp.size()).isEqualTo(cp.rootHash());
                }
                if (cp.size() > 0) {
                    Proofs.verifyConsistency(cp.size(), last.size(), reader.consistencyProof(cp.size(), last.size()),
                            cp.rootHash(), last.rootHash());
                }
            }
            assertThat(checkpoints.size()).as("checkpoints observed").isGreaterThan(10);
            assertThat(lostRaces.get()).as("races lost (the test must make them happen)").isPositive();
            System.out.printf("race test: %d entries, %d lost races, %d checkpoints observed%n",
                    last.size(), lostRaces.get(), checkpoints.size());
        }
    }

    @Test
    void aJournaledLogThatLosesTheRaceFailsWithoutPublishing() throws Exception {
        S3Location location = server.newLocation("journaled");
        try (S3Storage one = S3Storage.open(location); S3Storage two = S3Storage.open(location)) {
            DirectoryLog.create(one, signer);
            Duration delay = DirectoryLog.DEFAULT_MAX_DELAY;
            try (DirectoryLog first = DirectoryLog.open(dir.resolve("one"), one, signer, 16, delay, 64)) {
                DirectoryLog second = DirectoryLog.open(dir.resolve("two"), two, signer, 16, delay, 64);
                assertThat(first.add("from one".getBytes(StandardCharsets.UTF_8)).join()).isZero();
                first.whenIntegrated(0).join();
                byte[] published = one.read("checkpoint").orElseThrow();
                // The second promised index 0 too: it must not publish, and says why.
                assertThat(second.add("from two".getBytes(StandardCharsets.UTF_8)).join()).isZero();
                assertThatThrownBy(() -> second.whenIntegrated(0).join())
                        .hasCauseInstanceOf(WriteConflictException.class).hasMessageContaining("checkpoint");
                assertThatThrownBy(() -> second.add(new byte[1]).join()).hasMessageContaining("failed earlier");
                assertThatThrownBy(second::close).isInstanceOf(IOException.class);
                assertThat(one.read("checkpoint")).contains(published);
                assertThat(new LogReader(one).entry(0, 1)).isEqualTo("from one".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Passes everything through, counting the lost races it sees. */
    private record CountingConflicts(LogStorage storage, AtomicInteger conflicts) implements LogStorage {
        @Override
        public Optional<byte[]> read(String path) throws IOException {
            return storage.read(path);
        }

        @Override
        public void write(Map<String, byte[]> files) throws IOException {
            try {
                storage.write(files);
            } catch (WriteConflictException e) {
                conflicts.incrementAndGet();
                throw e;
            }
        }

        @Override
        public void replace(String path, Optional<byte[]> expected, byte[] next) throws IOException {
            try {
                storage.replace(path, expected, next);
            } catch (WriteConflictException e) {
                conflicts.incrementAndGet();
                throw e;
            }
        }

        @Override
        public boolean sharedByWriters() {
            return storage.sharedByWriters();
        }

        @Override
        public void deleteAll(String dir) throws IOException {
            storage.deleteAll(dir);
        }
    }
}
