package org.plumbline.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.plumbline.log.witness.Witness;
import org.plumbline.log.witness.WitnessClient;
import org.plumbline.log.witness.WitnessServer;
import org.plumbline.log.witness.WitnessedLogs;

/**
 * A real log, real witnesses on loopback and a 2-of-3 policy: the cosigned checkpoint is published
 * beside the log's own, a proof carrying it verifies under the policy and stops verifying when a
 * cosignature is removed or altered, and while witnesses are down the log keeps growing and the
 * lag shows.
 */
class CosignedCheckpointsTest {
    static final String ORIGIN = "example.com/cosigned-log";

    @TempDir
    Path dir;

    final SigningKey logKey = SigningKey.generate(ORIGIN, KeyType.ED25519);
    final List<SigningKey> witnessKeys = List.of(
            SigningKey.generate("w1.example", KeyType.COSIGNATURE_V1),
            SigningKey.generate("w2.example", KeyType.COSIGNATURE_V1),
            SigningKey.generate("w3.example", KeyType.COSIGNATURE_V1));
    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    /** Starts witness {@code i} on {@code port} (0: any) and returns its URL. */
    String startWitness(int i, int port) throws Exception {
        Witness w = Witness.open(witnessKeys.get(i), WitnessedLogs.parse(
                ("logs/v0\nvkey " + logKey.verifierKey().text() + "\n").getBytes(StandardCharsets.UTF_8)),
                dir.resolve("witness" + i));
        open.add(w);
        WitnessServer s = WitnessServer.start(w, new InetSocketAddress("127.0.0.1", port));
        open.add(s);
        return "http://127.0.0.1:" + s.port();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    Policy policy(String... urls) throws Exception {
        StringBuilder p = new StringBuilder("log " + logKey.verifierKey().text() + "\n");
        for (int i = 0; i < 3; i++) {
            p.append("witness W").append(i + 1).append(' ').append(witnessKeys.get(i).verifierKey().text())
                    .append(' ').append(urls[i]).append('\n');
        }
        return Policy.parse(p.append("group g 2 W1 W2 W3\nquorum g\n").toString());
    }

    Path logWith(int entries) throws IOException {
        Path logDir = dir.resolve("log");
        DirectoryLog.create(logDir, CheckpointSigner.of(logKey));
        try (DirectoryLog log = DirectoryLog.open(logDir, CheckpointSigner.of(logKey))) {
            for (int i = 0; i < entries; i++) {
                log.add(entry(i));
            }
        }
        return logDir;
    }

    static byte[] entry(int i) {
        return ("record " + i).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aProofCarryingTheCosignedCheckpointMeetsATwoOfThreePolicyAndFailsWithACosignatureRemovedOrAltered()
            throws Exception {
        Policy policy = policy(startWitness(0, 0), startWitness(1, 0), "http://127.0.0.1:" + freePort());
        DirectoryStorage storage = DirectoryStorage.open(logWith(300));
        WitnessClient client = WitnessClient.create(policy);
        open.add(client);
        CosignedCheckpoints cosigned = CosignedCheckpoints.open(storage, client);

        WitnessClient.Result r = cosigned.publish(new LogReader(storage).checkpoint());
        assertThat(r.quorumMet()).as(r.describe(policy)).isTrue();
        byte[] note = cosigned.latest().orElseThrow();
        assertThat(note).isEqualTo(r.note().toBytes());
        // The log's own checkpoint is untouched: signed by the log alone.
        assertThat(new LogReader(storage).checkpoint()).isNotEqualTo(note);

        TlogProof proof = new LogReader(storage).proof(123, note);
        assertThat(TlogProof.verify(proof.toBytes(), entry(123), policy).size()).isEqualTo(300);
        // Without witnesses' cosignatures the same proof does not meet the policy.
        assertThatThrownBy(() -> new LogReader(storage).proof(123).verify(entry(123), policy))
                .isInstanceOf(ProofVerificationException.class).hasMessageContaining("witness quorum not met");

        String text = new String(proof.toBytes(), StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        int last = lines.length - 2; // the last cosignature line (the text ends in a newline)
        assertThat(lines[last]).startsWith("— w");
        List<String> removed = new ArrayList<>(List.of(lines));
        removed.remove(last);
        assertThatThrownBy(() -> TlogProof.verify(String.join("\n", removed).getBytes(StandardCharsets.UTF_8),
                entry(123), policy))
                .isInstanceOf(ProofVerificationException.class).hasMessageContaining("witness quorum not met");
        String line = lines[last];
        char c = line.charAt(line.length() - 5);
        lines[last] = line.substring(0, line.length() - 5) + (c == 'A' ? 'B' : 'A') + line.substring(line.length() - 4);
        assertThatThrownBy(() -> TlogProof.verify(String.join("\n", lines).getBytes(StandardCharsets.UTF_8),
                entry(123), policy))
                .isInstanceOf(ProofVerificationException.class).hasMessageContaining("does not verify");
    }

    @Test
    void whileWitnessesAreDownTheLogGrowsTheLagShowsAndOnceTheyAreBackTheNewestIsPublished() throws Exception {
        int[] ports = {freePort(), freePort(), freePort()};
        Policy policy = policy("http://127.0.0.1:" + ports[0], "http://127.0.0.1:" + ports[1],
                "http://127.0.0.1:" + ports[2]);
        Path logDir = logWith(5);
        DirectoryStorage storage = DirectoryStorage.open(logDir);
        WitnessClient client = WitnessClient.create(policy);
        open.add(client);
        CosignedCheckpoints cosigned = CosignedCheckpoints.open(storage, client, Duration.ofMillis(20),
                Duration.ofMillis(200));
        open.add(cosigned);
        cosigned.start();

        byte[] five;
        try (DirectoryLog log = DirectoryLog.open(logDir, CheckpointSigner.of(logKey))) {
            five = log.checkpoint();
            cosigned.offer(five);
            waitFor(() -> cosigned.lag().lastFailure().isPresent());
            // The log keeps accepting records with every witness down.
            long index = log.add(entry(5)).join();
            log.whenIntegrated(index).join();
            cosigned.offer(log.checkpoint());
        }
        CosignedCheckpoints.Lag lag = cosigned.lag();
        assertThat(lag.integrated()).isEqualTo(6);
        assertThat(lag.cosigned()).isEqualTo(-1);
        assertThat(lag.entries()).isEqualTo(6);
        assertThat(lag.lastFailure().orElseThrow()).contains("witness quorum not met").contains("could not connect");
        assertThat(cosigned.latest()).isEmpty();

        startWitness(0, ports[0]);
        startWitness(2, ports[2]);
        waitFor(() -> cosigned.lag().cosigned() == 6);
        assertThat(cosigned.lag().lastFailure()).isEmpty();
        assertThat(cosigned.lag().entries()).isZero();
        assertThat(policy.verify(cosigned.latest().orElseThrow()).size()).isEqualTo(6);

        // Never backwards: the witnesses refuse an older checkpoint, and it would not replace the newer anyway.
        byte[] newest = cosigned.latest().orElseThrow();
        WitnessClient.Result old = cosigned.publish(five);
        assertThat(old.quorumMet()).isFalse();
        assertThat(old.failures().get("W1")).contains("it has cosigned a tree of size 6, larger than this checkpoint's 5");
        assertThat(cosigned.lag().lastFailure()).as("an old checkpoint is no failure to publish").isEmpty();
        assertThat(cosigned.latest().orElseThrow()).isEqualTo(newest);
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting");
            }
            Thread.sleep(20);
        }
    }
}
