package org.plumbline.log.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.NoteVerificationException;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.policy.Policy;

/**
 * The witness client against real witnesses ({@link WitnessServer}) on loopback, and against
 * impostors: a 2-of-3 quorum with one witness down, catching up from a 409, a fork shown as 422,
 * cosignatures from the wrong key or over the wrong text not counted, and every wait bounded.
 */
class WitnessClientTest {
    static final String ORIGIN = "example.com/test-log";

    @TempDir
    Path dir;

    final SigningKey logKey = SigningKey.generate(ORIGIN, KeyType.ED25519);
    final List<SigningKey> keys = List.of(
            SigningKey.generate("w1.example", KeyType.COSIGNATURE_V1),
            SigningKey.generate("w2.example", KeyType.COSIGNATURE_V1),
            SigningKey.generate("w3.example", KeyType.COSIGNATURE_V1));
    final TestTree tree = TestTree.of(100, -1);
    final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    /** A real witness for the test log with {@code key}, state in its own directory; returns its URL. */
    Witness witness(SigningKey key, String stateName) throws Exception {
        Witness w = Witness.open(key, WitnessedLogs.parse(
                ("logs/v0\nvkey " + logKey.verifierKey().text() + "\n").getBytes(StandardCharsets.UTF_8)),
                dir.resolve(stateName));
        open.add(w);
        return w;
    }

    String serve(Witness w) throws IOException {
        WitnessServer s = WitnessServer.start(w, new InetSocketAddress("127.0.0.1", 0));
        open.add(s);
        return "http://127.0.0.1:" + s.port();
    }

    /** A URL where nothing listens (a port just bound and released). */
    static String nobodyHome() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    /** A 2-of-3 policy over w1..w3 at {@code urls}, listing the test log. */
    Policy policy(String... urls) throws Exception {
        StringBuilder p = new StringBuilder("log " + logKey.verifierKey().text() + "\n");
        for (int i = 0; i < 3; i++) {
            p.append("witness W").append(i + 1).append(' ').append(keys.get(i).verifierKey().text())
                    .append(urls[i] == null ? "" : " " + urls[i]).append('\n');
        }
        return Policy.parse(p.append("group g 2 W1 W2 W3\nquorum g\n").toString());
    }

    WitnessClient client(Policy policy) {
        WitnessClient c = WitnessClient.create(policy, Duration.ofSeconds(2), Duration.ofSeconds(2));
        open.add(c);
        return c;
    }

    SignedNote checkpoint(long size) {
        return Requests.checkpoint(logKey, ORIGIN, tree, size);
    }

    @Test
    void twoOfThreeIsAQuorumWhenOneWitnessIsDownAndTheNextCheckpointStartsFromTheCosignedSize() throws Exception {
        Policy policy = policy(serve(witness(keys.get(0), "w1")), serve(witness(keys.get(1), "w2")), nobodyHome());
        WitnessClient client = client(policy);

        WitnessClient.Result r = client.cosign(checkpoint(10), tree.nodes());
        assertThat(r.quorumMet()).as(r.describe(policy)).isTrue();
        assertThat(r.cosignedBy()).containsExactly("W1", "W2");
        assertThat(r.failures()).containsOnlyKeys("W3");
        assertThat(r.failures().get("W3")).contains("could not connect");
        // The note with its cosignatures passes the policy, as a verifier would check it.
        assertThat(policy.verify(r.note().toBytes()).size()).isEqualTo(10);
        assertThat(r.note().signatures()).hasSize(3); // the log's and two cosignatures

        WitnessClient.Result next = client.cosign(checkpoint(37), tree.nodes());
        assertThat(next.quorumMet()).as(next.describe(policy)).isTrue();
        assertThat(client.knownSize(keys.get(0).verifierKey())).isEqualTo(37);
        assertThat(policy.verify(next.note().toBytes()).size()).isEqualTo(37);
    }

    @Test
    void oneWitnessIsNotAQuorumOfTwoAndTheMessageSaysWhy() throws Exception {
        Policy policy = policy(serve(witness(keys.get(0), "w1")), nobodyHome(), null);
        WitnessClient.Result r = client(policy).cosign(checkpoint(5), tree.nodes());
        assertThat(r.quorumMet()).isFalse();
        assertThat(r.describe(policy)).contains("witness quorum not met (need g = 2 of (W1, W2, W3)); cosigned by W1")
                .contains("W2: could not connect").contains("W3: the policy gives no URL for it");
        assertThatThrownBy(() -> policy.verify(r.note().toBytes())).isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("witness quorum not met");
    }

    @Test
    void aWitnessAheadOfTheClientAnswers409AndTheClientAdoptsItsSize() throws Exception {
        Witness w1 = witness(keys.get(0), "w1");
        // Someone else (another instance of the log's client, before a restart) already got 20 cosigned.
        assertThat(w1.addCheckpoint(Requests.body(0, List.of(), checkpoint(20))).status()).isEqualTo(200);
        Policy policy = policy(serve(w1), serve(witness(keys.get(1), "w2")), null);
        WitnessClient client = client(policy);
        assertThat(client.knownSize(keys.get(0).verifierKey())).isZero();

        WitnessClient.Result r = client.cosign(checkpoint(37), tree.nodes());
        assertThat(r.quorumMet()).as(r.describe(policy)).isTrue();
        assertThat(w1.state().latest(ORIGIN).orElseThrow().size()).isEqualTo(37);
        assertThat(client.knownSize(keys.get(0).verifierKey())).isEqualTo(37);
    }

    @Test
    void aWitnessThatLostItsStateAnswers409WithZeroAndTheClientStartsOverFromThere() throws Exception {
        Witness w2 = Witness.open(keys.get(1), WitnessedLogs.parse(
                ("logs/v0\nvkey " + logKey.verifierKey().text() + "\n").getBytes(StandardCharsets.UTF_8)), dir.resolve("w2"));
        WitnessServer s2 = WitnessServer.start(w2, new InetSocketAddress("127.0.0.1", 0));
        int port = s2.port();
        Policy policy = policy(serve(witness(keys.get(0), "w1")), "http://127.0.0.1:" + port, null);
        WitnessClient client = client(policy);
        assertThat(client.cosign(checkpoint(30), tree.nodes()).quorumMet()).isTrue();
        assertThat(client.knownSize(keys.get(1).verifierKey())).isEqualTo(30);
        // W2 comes back at the same address with the same key and empty state (its operator deleted it).
        s2.close();
        w2.close();
        Witness wiped = witness(keys.get(1), "w2-wiped");
        open.add(WitnessServer.start(wiped, new InetSocketAddress("127.0.0.1", port)));

        WitnessClient.Result r = client.cosign(checkpoint(45), tree.nodes());
        assertThat(r.quorumMet()).as(r.describe(policy)).isTrue();
        assertThat(wiped.state().latest(ORIGIN).orElseThrow().size()).isEqualTo(45);
        assertThat(client.knownSize(keys.get(1).verifierKey())).isEqualTo(45);
    }

    @Test
    void aWitnessShownAForkIsReportedWith422AndNotCounted() throws Exception {
        Witness w1 = witness(keys.get(0), "w1");
        TestTree fork = TestTree.of(100, 3);
        // W1 was shown another history at size 20: a split view.
        assertThat(w1.addCheckpoint(Requests.body(0, List.of(), Requests.checkpoint(logKey, ORIGIN, fork, 20))).status())
                .isEqualTo(200);
        Policy policy = policy(serve(w1), serve(witness(keys.get(1), "w2")), serve(witness(keys.get(2), "w3")));
        WitnessClient.Result r = client(policy).cosign(checkpoint(37), tree.nodes());
        assertThat(r.cosignedBy()).containsExactly("W2", "W3");
        assertThat(r.failures().get("W1")).startsWith("422 ");
        assertThat(r.quorumMet()).isTrue();
    }

    @Test
    void cosignaturesFromTheWrongKeyOrOverAnotherTextAreNotCounted() throws Exception {
        // W1 is genuine; W2's server signs with a key the policy does not list for it.
        SigningKey impostor = SigningKey.generate("w2.example", KeyType.COSIGNATURE_V1);
        String wrongKey = serve(witness(impostor, "impostor"));
        // W3 answers with a real W3 cosignature, but of another checkpoint (a replayed line).
        SignedNote other = checkpoint(9);
        String replay = fake(200, "text/plain; charset=utf-8",
                keys.get(2).sign(other.text()).line().getBytes(StandardCharsets.UTF_8));
        Policy policy = policy(serve(witness(keys.get(0), "w1")), wrongKey, replay);
        WitnessClient.Result r = client(policy).cosign(checkpoint(10), tree.nodes());
        assertThat(r.quorumMet()).isFalse();
        assertThat(r.cosignedBy()).containsExactly("W1");
        assertThat(r.failures().get("W2")).contains("no cosignature from its key");
        assertThat(r.failures().get("W3")).contains("does not verify");
        assertThat(r.note().signatures()).hasSize(2);
    }

    @Test
    void silentServersAndOversizedAnswersAreBounded() throws Exception {
        // Accepts connections and never says a word.
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        open.add(silent);
        List<Socket> held = new ArrayList<>();
        Thread acceptor = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    held.add(silent.accept());
                }
            } catch (IOException e) {
                // closed
            }
        });
        String huge = fake(200, "text/plain", new byte[WitnessClient.MAX_RESPONSE + 1]);
        String badSize = fake(409, "text/plain", "12\n".getBytes(StandardCharsets.US_ASCII));
        Policy policy = policy("http://127.0.0.1:" + silent.getLocalPort(), huge, badSize);
        WitnessClient client = WitnessClient.create(policy, Duration.ofSeconds(1), Duration.ofSeconds(1));
        open.add(client);
        long start = System.nanoTime();
        WitnessClient.Result r = client.cosign(checkpoint(10), tree.nodes());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(ms).as("one round waits about one request timeout, in parallel").isLessThan(4_000);
        assertThat(r.quorumMet()).isFalse();
        assertThat(r.failures().get("W1")).contains("no answer within 1000 ms");
        assertThat(r.failures().get("W2")).contains("larger than " + WitnessClient.MAX_RESPONSE);
        assertThat(r.failures().get("W3")).contains("409 without a text/x.tlog.size body");
        acceptor.interrupt();
        for (Socket s : held) {
            s.close();
        }
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        String target = serve(witness(keys.get(0), "w1"));
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        s.createContext("/", ex -> {
            ex.getResponseHeaders().set("Location", target + "/add-checkpoint");
            ex.sendResponseHeaders(307, -1);
            ex.close();
        });
        s.start();
        open.add(() -> s.stop(0));
        Policy policy = policy("http://127.0.0.1:" + s.getAddress().getPort(), null, null);
        WitnessClient.Result r = client(policy).cosign(checkpoint(10), tree.nodes());
        assertThat(r.failures().get("W1")).startsWith("307");
    }

    /** A server answering every request with a fixed status, content type and body. */
    String fake(int status, String type, byte[] body) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        s.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        s.start();
        open.add(() -> s.stop(0));
        return "http://127.0.0.1:" + s.getAddress().getPort();
    }

    @Test
    void theRequestBodyIsWhatTheWitnessParses() throws Exception {
        SignedNote note = checkpoint(37);
        byte[] body = WitnessClient.body(10, tree.consistency(10, 37), note);
        assertThat(body).isEqualTo(Requests.body(10, tree.consistency(10, 37), note));
        AddCheckpoint parsed = AddCheckpoint.parse(body);
        assertThat(parsed.oldSize()).isEqualTo(10);
        assertThat(parsed.checkpoint()).isEqualTo(new Checkpoint(ORIGIN, 37, tree.root(37)));
    }
}
