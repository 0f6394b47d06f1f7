package org.plumbline.log.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.NoteSignature;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.note.VerifiedNote;

/**
 * The witness over HTTP: one test per status code tlog-witness v1.0.0 gives (200, 400, 403, 404,
 * 409 with {@code text/x.tlog.size}, 422), plus the body limit, racing requests and restarts.
 */
class WitnessServerTest {
    static final String ORIGIN = "example.com/test-log";

    @TempDir
    Path dir;

    final SigningKey logKey = SigningKey.generate(ORIGIN, KeyType.ED25519);
    final SigningKey witnessKey = SigningKey.generate("witness.example/w1", KeyType.COSIGNATURE_V1);
    final TestTree tree = TestTree.of(100, -1);
    final HttpClient http = HttpClient.newHttpClient();
    Witness witness;
    WitnessServer server;

    @BeforeEach
    void start() throws Exception {
        witness = Witness.open(witnessKey, logs(), dir.resolve("state"));
        server = WitnessServer.start(witness, new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        witness.close();
    }

    WitnessedLogs logs() throws LogListFormatException {
        return WitnessedLogs.parse(("logs/v0\nvkey " + logKey.verifierKey().text() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/add-checkpoint"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> add(long old, long size) throws Exception {
        return post(Requests.body(old, old == 0 ? List.of() : tree.consistency(old, size),
                Requests.checkpoint(logKey, ORIGIN, tree, size)));
    }

    /** The cosignature in a 200 verifies under the witness's vkey as a type 0x04 cosignature of this note. */
    VerifiedNote cosigned(SignedNote note, HttpResponse<String> response) throws Exception {
        List<NoteSignature> lines = NoteSignature.parseLines(response.body().getBytes(StandardCharsets.UTF_8));
        SignedNote withCosignature = SignedNote.parse(note.toBytes()).withSignatures(lines);
        return withCosignature.verify(List.of(witnessKey.verifierKey()));
    }

    @Test
    void status200CosignsTheFirstCheckpointAndEachConsistentExtension() throws Exception {
        SignedNote first = Requests.checkpoint(logKey, ORIGIN, tree, 10);
        HttpResponse<String> r = post(Requests.body(0, List.of(), first));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        VerifiedNote v = cosigned(first, r);
        assertThat(v.signers()).hasSize(1);
        long t = v.signers().get(0).timestamp().orElseThrow();
        assertThat(t).isBetween(System.currentTimeMillis() / 1000 - 60, System.currentTimeMillis() / 1000 + 1);
        assertThat(r.body()).startsWith("— witness.example/w1 ").endsWith("\n");

        SignedNote second = Requests.checkpoint(logKey, ORIGIN, tree, 37);
        r = post(Requests.body(10, tree.consistency(10, 37), second));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        cosigned(second, r);
        // The same checkpoint again (old = size = stored, same root) is cosigned again.
        r = post(Requests.body(37, List.of(), second));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(witness.state().latest(ORIGIN).orElseThrow().size()).isEqualTo(37);
    }

    @Test
    void status200AcceptsCheckpointsWithExtraSignaturesAndIgnoresUnknownKeys() throws Exception {
        SigningKey other = SigningKey.generate("someone.else", KeyType.ED25519);
        SignedNote note = SignedNote.sign(new Checkpoint(ORIGIN, 5, tree.root(5)).text(), other, logKey);
        HttpResponse<String> r = post(Requests.body(0, List.of(), note));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void status400ForMalformedBodiesAndAnOldSizeAboveTheCheckpoints() throws Exception {
        SignedNote note = Requests.checkpoint(logKey, ORIGIN, tree, 5);
        String n = note.toString();
        List<String> bad = List.of(
                "",
                n,                                            // no old line
                "old 0\n" + n,                                // no blank line before the checkpoint
                "old 00\n\n" + n,                             // leading zero
                "old -1\n\n" + n,
                "old 99999999999999999999\n\n" + n,
                "new 0\n\n" + n,
                "old 0\nnot base64!\n\n" + n,
                "old 0\n" + Base64.getEncoder().encodeToString(new byte[31]) + "\n\n" + n,
                "old 0\n\nnot a checkpoint\n\n— x AAAAAAAA\n",
                "old 0\r\n\r\n" + n);
        for (String body : bad) {
            HttpResponse<String> r = post(body.getBytes(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as("%s -> %s", body, r.body()).isEqualTo(400);
        }
        StringBuilder tooManyLines = new StringBuilder("old 0\n");
        for (int i = 0; i < 64; i++) {
            tooManyLines.append(Base64.getEncoder().encodeToString(new byte[32])).append('\n');
        }
        assertThat(post((tooManyLines + "\n" + n).getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        // old > size: the spec's explicit 400.
        HttpResponse<String> r = post(Requests.body(6, List.of(), note));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("larger than the checkpoint's size");
        assertThat(witness.state().latest(ORIGIN)).isEmpty();
    }

    @Test
    void status413ForABodyOver64KiBDeclaredOrChunked() throws Exception {
        byte[] big = new byte[WitnessServer.MAX_BODY + 1];
        assertThat(post(big).statusCode()).isEqualTo(413);
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/add-checkpoint"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        assertThat(http.send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
    }

    @Test
    void status403WhenNoSignatureVerifiesAgainstTheLogsKey() throws Exception {
        // A key with the log's name but another secret: its line does not match the trusted key ID, so
        // it is ignored, and no trusted signature remains.
        SigningKey impostor = SigningKey.generate(ORIGIN, KeyType.ED25519);
        HttpResponse<String> r = post(Requests.body(0, List.of(), Requests.checkpoint(impostor, ORIGIN, tree, 5)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        // The log's own key line over other text (a bad signature from a trusted key) is refused too.
        SignedNote good = Requests.checkpoint(logKey, ORIGIN, tree, 5);
        SignedNote other = Requests.checkpoint(logKey, ORIGIN, tree, 6);
        byte[] spliced = (good.text() + "\n" + other.signatures().get(0).line()).getBytes(StandardCharsets.UTF_8);
        r = post(Requests.body(0, List.of(), spliced));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(witness.state().latest(ORIGIN)).isEmpty();
    }

    @Test
    void status404ForAnOriginThisWitnessDoesNotWitness() throws Exception {
        SigningKey stranger = SigningKey.generate("example.com/other-log", KeyType.ED25519);
        HttpResponse<String> r = post(Requests.body(0, List.of(), Requests.checkpoint(stranger, "example.com/other-log", tree, 5)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
        // The origin is what counts: a known key signing under an unknown origin is still a 404.
        r = post(Requests.body(0, List.of(), Requests.checkpoint(logKey, "example.com/other-log", tree, 5)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
    }

    @Test
    void status409WithTheLatestSizeWhenTheOldSizeIsNotTheCosignedOne() throws Exception {
        assertThat(add(0, 20).statusCode()).isEqualTo(200);
        for (long old : new long[] {0, 10, 19, 21}) {
            long size = Math.max(old, 30);
            HttpResponse<String> r = post(Requests.body(old, old == 0 ? List.of() : tree.consistency(old, size),
                    Requests.checkpoint(logKey, ORIGIN, tree, size)));
            assertThat(r.statusCode()).as("old %d", old).isEqualTo(409);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/x.tlog.size");
            assertThat(r.body()).isEqualTo("20\n");
        }
        // A smaller tree can never be cosigned: from the stored size it is old > size (400), from its own
        // predecessor a 409.
        assertThat(post(Requests.body(20, List.of(), Requests.checkpoint(logKey, ORIGIN, tree, 15))).statusCode()).isEqualTo(400);
        assertThat(add(10, 15).statusCode()).isEqualTo(409);
        assertThat(witness.state().latest(ORIGIN).orElseThrow().size()).isEqualTo(20);
    }

    @Test
    void status409ForAnotherRootAtTheCosignedSize() throws Exception {
        assertThat(add(0, 20).statusCode()).isEqualTo(200);
        TestTree fork = TestTree.of(100, 7);
        HttpResponse<String> r = post(Requests.body(20, List.of(), Requests.checkpoint(logKey, ORIGIN, fork, 20)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/x.tlog.size");
        assertThat(r.body()).isEqualTo("20\n");
    }

    @Test
    void status422WhenTheConsistencyProofDoesNotVerifyFromTheStoredRoot() throws Exception {
        assertThat(add(0, 20).statusCode()).isEqualTo(200);
        // A fork that rewrote entry 7 proves consistency with its own size-20 root, not the cosigned one.
        TestTree fork = TestTree.of(100, 7);
        HttpResponse<String> r = post(Requests.body(20, fork.consistency(20, 40), Requests.checkpoint(logKey, ORIGIN, fork, 40)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        // The right proof for another checkpoint, a truncated proof, a proof with a flipped bit.
        List<byte[]> proof = tree.consistency(20, 40);
        assertThat(post(Requests.body(20, tree.consistency(20, 41), Requests.checkpoint(logKey, ORIGIN, tree, 40))).statusCode())
                .isEqualTo(422);
        assertThat(post(Requests.body(20, proof.subList(0, proof.size() - 1), Requests.checkpoint(logKey, ORIGIN, tree, 40)))
                .statusCode()).isEqualTo(422);
        List<byte[]> flipped = new ArrayList<>(proof);
        byte[] h = flipped.get(0).clone();
        h[0] ^= 1;
        flipped.set(0, h);
        assertThat(post(Requests.body(20, flipped, Requests.checkpoint(logKey, ORIGIN, tree, 40))).statusCode()).isEqualTo(422);
        // A proof between equal sizes must be empty.
        assertThat(post(Requests.body(20, proof.subList(0, 1), Requests.checkpoint(logKey, ORIGIN, tree, 20))).statusCode())
                .isEqualTo(422);
        assertThat(witness.state().latest(ORIGIN).orElseThrow().size()).isEqualTo(20);
        assertThat(add(20, 40).statusCode()).isEqualTo(200);
    }

    @Test
    void status422ForAProofWithOldSizeZero() throws Exception {
        HttpResponse<String> r = post(Requests.body(0, tree.consistency(5, 10), Requests.checkpoint(logKey, ORIGIN, tree, 10)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(witness.state().latest(ORIGIN)).isEmpty();
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/add-checkpoint")).GET().build();
        assertThat(http.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        HttpRequest other = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/add-tree")).POST(
                HttpRequest.BodyPublishers.ofString("x")).build();
        assertThat(http.send(other, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void twoCheckpointsRacingAtOneSizeGetAtMostOneCosignature() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            long stored = 0;
            for (int round = 1; round <= 20; round++) {
                long size = stored + round;
                TestTree fork = TestTree.of(300, (int) size - 1); // differs only in the newest entry
                List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    TestTree t = i % 2 == 0 ? tree : fork;
                    long old = stored;
                    calls.add(() -> post(Requests.body(old, old == 0 ? List.of() : t.consistency(old, size),
                            Requests.checkpoint(logKey, ORIGIN, t, size))));
                }
                List<byte[]> roots = new ArrayList<>();
                List<Future<HttpResponse<String>>> results = pool.invokeAll(calls);
                for (int i = 0; i < results.size(); i++) {
                    HttpResponse<String> r = results.get(i).get();
                    assertThat(r.statusCode()).as(r.body()).isIn(200, 409);
                    if (r.statusCode() == 200) {
                        roots.add((i % 2 == 0 ? tree : fork).root(size));
                    }
                }
                assertThat(roots).as("round %d", round).isNotEmpty();
                assertThat(roots).as("round %d: one root cosigned for size %d", round, size)
                        .allSatisfy(root -> assertThat(root).isEqualTo(roots.get(0)));
                assertThat(witness.state().latest(ORIGIN).orElseThrow().rootHash()).isEqualTo(roots.get(0));
                stored = size;
                if (!java.util.Arrays.equals(roots.get(0), tree.root(size))) {
                    return; // the fork won; the honest tree can never be cosigned from here, as it should be
                }
            }
        }
    }

    @Test
    void theStateSurvivesARestartAndALogIsNeverDroppedSilently() throws Exception {
        assertThat(add(0, 20).statusCode()).isEqualTo(200);
        stop();
        witness = Witness.open(witnessKey, logs(), dir.resolve("state"));
        server = WitnessServer.start(witness, new InetSocketAddress("127.0.0.1", 0));
        assertThat(add(0, 30).body()).isEqualTo("20\n");
        assertThat(add(20, 30).statusCode()).isEqualTo(200);
        stop();

        WitnessedLogs withoutIt = WitnessedLogs.parse("logs/v0\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Witness.open(witnessKey, withoutIt, dir.resolve("state")))
                .isInstanceOf(IOException.class).hasMessageContaining(ORIGIN).hasMessageContaining("no longer names");
        // Deleting the state file is how an operator forgets a log on purpose.
        Files.delete(dir.resolve("state").resolve(WitnessState.fileName(ORIGIN)));
        Witness.open(witnessKey, withoutIt, dir.resolve("state")).close();
        start();
    }

    @Test
    void oneProcessPerStateDirectoryAndOnlyACosignatureKeyCosigns() throws Exception {
        assertThatThrownBy(() -> WitnessState.open(dir.resolve("state"))).hasMessageContaining("another witness");
        assertThatThrownBy(() -> Witness.open(logKey, logs(), dir.resolve("other")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keygen --witness");
    }
}
