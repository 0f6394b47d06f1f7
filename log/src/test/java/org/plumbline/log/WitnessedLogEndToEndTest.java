package org.plumbline.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.policy.Policy;
import org.plumbline.log.proof.ProofVerificationException;
import org.plumbline.log.proof.TlogProof;
import org.plumbline.log.storage.DirectoryStorage;
import org.plumbline.log.witness.WitnessClient;
import org.plumbline.log.witness.WitnessCrashChild;

/**
 * End to end with three witnesses in separate processes and a 2-of-3 policy: a growing log gets its
 * checkpoints cosigned in the background, a record's proof verifies under the policy and fails with a
 * single cosignature left; with one witness killed publication goes on, with two it stops and the
 * lag shows, while the log keeps accepting records.
 */
class WitnessedLogEndToEndTest {
    static final String ORIGIN = "example.com/e2e-log";

    @TempDir
    Path dir;

    final SigningKey logKey = SigningKey.generate(ORIGIN, KeyType.ED25519);
    final List<Process> witnesses = new ArrayList<>();

    @AfterEach
    void killWitnesses() throws InterruptedException {
        for (Process p : witnesses) {
            p.destroyForcibly().waitFor();
        }
    }

    /** Starts a witness process with {@code key} (the crash test's child, never held) and returns its URL. */
    String spawn(SigningKey key, String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WitnessCrashChild.class.getName(), dir.resolve(name).toString(), key.privateKeyText(),
                logKey.verifierKey().text(), "0")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        witnesses.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("witness %s did not start", name).startsWith("port ");
        return "http://127.0.0.1:" + line.substring(5);
    }

    @Test
    void threeWitnessProcessesTwoOfThreePolicy() throws Exception {
        List<SigningKey> keys = new ArrayList<>();
        StringBuilder policyText = new StringBuilder("log " + logKey.verifierKey().text() + "\n");
        for (int i = 1; i <= 3; i++) {
            SigningKey k = SigningKey.generate("w" + i + ".example", KeyType.COSIGNATURE_V1);
            keys.add(k);
            policyText.append("witness W").append(i).append(' ').append(k.verifierKey().text()).append(' ')
                    .append(spawn(k, "w" + i)).append('\n');
        }
        Policy policy = Policy.parse(policyText.append("group g 2 W1 W2 W3\nquorum g\n").toString());

        Path logDir = dir.resolve("log");
        DirectoryLog.create(logDir, CheckpointSigner.of(logKey));
        DirectoryStorage storage = DirectoryStorage.open(logDir);
        try (WitnessClient client = WitnessClient.create(policy);
                CosignedCheckpoints cosigned = CosignedCheckpoints.open(storage, client, Duration.ofMillis(50),
                        Duration.ofMillis(500));
                DirectoryLog log = DirectoryLog.open(logDir, CheckpointSigner.of(logKey))) {
            cosigned.start();
            int next = 0;
            for (int batch = 0; batch < 5; batch++) {
                next = append(log, cosigned, next, 40);
            }
            waitFor(() -> cosigned.lag().cosigned() == 200);

            byte[] note = cosigned.latest().orElseThrow();
            TlogProof proof = new LogReader(storage).proof(77, note);
            assertThat(proof.verify(entry(77), policy).size()).isEqualTo(200);
            assertThat(policy.verify(note).size()).isEqualTo(200);
            // All three cosigned; with two lines removed, one cosignature is left: not a quorum.
            String[] lines = new String(proof.toBytes(), StandardCharsets.UTF_8).split("\n", -1);
            assertThat(lines[lines.length - 4]).startsWith("— w1.example ");
            List<String> oneLeft = new ArrayList<>(List.of(lines));
            oneLeft.remove(lines.length - 2);
            oneLeft.remove(lines.length - 3);
            assertThatThrownBy(() -> TlogProof.verify(String.join("\n", oneLeft).getBytes(StandardCharsets.UTF_8),
                    entry(77), policy))
                    .isInstanceOf(ProofVerificationException.class).hasMessageContaining("witness quorum not met");

            // One witness down: two of three still cosign every new checkpoint.
            kill(0);
            next = append(log, cosigned, next, 10);
            waitFor(() -> cosigned.lag().cosigned() == 210);
            // Two down: the log still takes records, the cosigned checkpoint stays behind, and says why.
            kill(1);
            next = append(log, cosigned, next, 10);
            waitFor(() -> cosigned.lag().lastFailure().isPresent() && cosigned.lag().integrated() == 220);
            CosignedCheckpoints.Lag lag = cosigned.lag();
            assertThat(lag.cosigned()).isEqualTo(210);
            assertThat(lag.entries()).isEqualTo(10);
            assertThat(lag.lastFailure().orElseThrow()).contains("cosigned by W3").contains("W1: could not connect");
            assertThat(log.integratedSize()).isEqualTo(220);
        }
    }

    void kill(int i) throws InterruptedException {
        witnesses.get(i).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Appends {@code n} records from {@code from}, waits for their checkpoint and offers it; returns the next index. */
    static int append(DirectoryLog log, CosignedCheckpoints cosigned, int from, int n) throws Exception {
        long last = -1;
        for (int i = from; i < from + n; i++) {
            last = log.add(entry(i)).join();
        }
        log.whenIntegrated(last).join();
        cosigned.offer(log.checkpoint());
        return from + n;
    }

    static byte[] entry(int i) {
        return ("record " + i).getBytes(StandardCharsets.UTF_8);
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting");
            }
            Thread.sleep(20);
        }
    }
}
