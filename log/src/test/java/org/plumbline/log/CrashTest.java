package org.plumbline.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.plumbline.log.merkle.Proofs;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.storage.LogStorage;
import org.plumbline.log.storage.s3.S3TestServer;

/**
 * A child process appends under load and is killed with SIGKILL at random moments, many times.
 * Afterwards every index it acknowledged holds the bytes it acknowledged there, the log verifies,
 * and every checkpoint that was ever visible is consistent with the final one. Over each backend: for S3 the
 * journal stays in the local directory and the tiles go to the in-process S3 server, which outlives the child.
 */
class CrashTest {
    private static final int KILLS = 25;

    @TempDir
    Path dir;

    private LogStorage storage;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void acknowledgedEntriesSurviveSigkillAndNoCheckpointIsEverContradicted(Backend backend) throws Exception {
        SigningKey key = SigningKey.generate("crash.test/log", KeyType.ED25519);
        Backend.Place place = backend.create(dir);
        storage = place.storage;
        DirectoryLog.create(storage, CheckpointSigner.of(key));
        Map<Long, String> acked = new HashMap<>();
        // Written by each run's watcher thread while the test thread reads its size.
        Set<String> checkpoints = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
        Random random = new Random(Long.getLong("crash.seed", System.nanoTime()));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        readCheckpoint().ifPresent(checkpoints::add); // the empty log's, so each run below must add its own
        for (int run = 0; run < KILLS; run++) {
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(S3TestServer.jvmArguments());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                    dir.toString(), key.privateKeyText(), Integer.toString(run), place.description));
            Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(lines.readLine()).as("child %d started", run).isEqualTo("ready");
            // Watch the published checkpoint the way a client would, while the child runs.
            AtomicBoolean running = new AtomicBoolean(true);
            Thread watcher = Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    readCheckpoint().ifPresent(checkpoints::add);
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        String[] parts = line.split(" ", 3);
                        if (parts.length == 3 && parts[0].equals("ack")) {
                            synchronized (acked) {
                                String previous = acked.put(Long.parseLong(parts[1]), parts[2]);
                                assertThat(previous).as("index %s acknowledged twice", parts[1]).isNull();
                            }
                        }
                    }
                } catch (java.io.IOException e) {
                    // the pipe closes when the child dies
                }
            });
            // Each run publishes at least one checkpoint before it is killed (at a random moment after it), so
            // that every run tests recovery from a log that moved, however slowly a loaded machine starts it.
            int before = checkpoints.size();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (checkpoints.size() == before && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(checkpoints.size()).as("run %d published a checkpoint within 60 s", run).isGreaterThan(before);
            Thread.sleep(random.nextInt(700));
            child.destroyForcibly(); // SIGKILL on Unix
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            reader.join();
            running.set(false);
            watcher.join();
        }
        readCheckpoint().ifPresent(checkpoints::add);

        // Recover (as the next writer would), integrate what the journal holds, and check.
        try (DirectoryLog log = place.open(CheckpointSigner.of(key))) {
            assertThat(log.integratedSize()).isGreaterThanOrEqualTo(0);
        }
        Checkpoint last = LogVerifier.verify(storage, key.verifierKey());
        assertThat(acked).isNotEmpty();
        long maxAcked = acked.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(last.size()).isGreaterThan(maxAcked);

        LogReader reader = new LogReader(storage);
        for (Map.Entry<Long, String> a : acked.entrySet()) {
            String actual = new String(reader.entry(a.getKey(), last.size()), StandardCharsets.UTF_8);
            assertThat(actual).as("entry at acknowledged index %d", a.getKey()).isEqualTo(a.getValue());
        }
        List<Checkpoint> seen = new ArrayList<>();
        for (String note : checkpoints) {
            seen.add(Checkpoint.open(note.getBytes(StandardCharsets.UTF_8), key.verifierKey()));
        }
        assertThat(seen.size()).as("distinct checkpoints observed").isGreaterThan(KILLS);
        Map<Long, Checkpoint> bySize = new HashMap<>();
        for (Checkpoint cp : seen) {
            Checkpoint other = bySize.putIfAbsent(cp.size(), cp);
            if (other != null) {
                assertThat(other.rootHash()).as("two roots signed for size %d", cp.size()).isEqualTo(cp.rootHash());
            }
            if (cp.size() > 0) {
                Proofs.verifyConsistency(cp.size(), last.size(), reader.consistencyProof(cp.size(), last.size()),
                        cp.rootHash(), last.rootHash());
            }
        }
        System.out.printf("crash test (" + backend + "): %d kills, %d acknowledged entries, %d checkpoints observed, final size %d%n",
                KILLS, acked.size(), seen.size(), last.size());
    }

    private java.util.Optional<String> readCheckpoint() {
        try {
            return storage.read(LogStorage.CHECKPOINT).map(c -> new String(c, StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
