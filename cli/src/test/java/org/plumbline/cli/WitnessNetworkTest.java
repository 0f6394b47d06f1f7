package org.plumbline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.log.KeyFiles;
import org.plumbline.log.note.SigningKey;
import org.plumbline.server.log.TransparencyLog;

/**
 * End to end with three witnesses, each a {@code plumbline witness serve} process with a key from
 * {@code plumbline keygen --witness}, and {@code plumbline demo} in a fourth process with a 2-of-3
 * tlog-policy: the server publishes a checkpoint they
 * cosigned; after one witness is killed (-9) the other two still make the quorum; a record's proof
 * verifies with {@code plumbline proof verify --policy}, and fails once only one cosignature is left.
 */
class WitnessNetworkTest {
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void threeWitnessProcessesCosignAndTwoOfThreeIsTheQuorum() throws Exception {
        Path data = dir.resolve("data");
        SigningKey logKey = KeyFiles.loadOrCreate(data.resolve("keys").resolve("log.key"), TransparencyLog.DEFAULT_ORIGIN);
        Path logs = dir.resolve("logs");
        Files.writeString(logs, "logs/v0\nvkey " + logKey.verifierKey().text() + "\n");
        StringBuilder policy = new StringBuilder("log " + logKey.verifierKey().text() + "\n");
        List<Child> witnesses = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Path key = dir.resolve("w" + i + ".key");
                Child keygen = Child.start(dir, "keygen", "--witness", "--name", "w" + i + ".example/witness", "--out", key.toString());
                String vkey = keygen.waitFor("^(w" + i + "\\.example/witness\\+\\S+)$").group(1);
                assertThat(keygen.process.waitFor()).isZero();
                int port = freePort();
                Child w = Child.start(dir, "witness", "serve", "--key", key.toString(), "--logs", logs.toString(),
                        "--data", dir.resolve("w" + i).toString(), "--port", Integer.toString(port));
                witnesses.add(w);
                w.waitFor("at http://127\\.0\\.0\\.1:" + port + "/add-checkpoint");
                policy.append("witness W").append(i).append(' ').append(vkey).append(" http://127.0.0.1:").append(port).append('\n');
            }
            Path policyFile = dir.resolve("policy");
            Files.writeString(policyFile, policy.append("group two-of-three 2 W0 W1 W2\nquorum two-of-three\n").toString());

            int port = freePort();
            Child demo = Child.start(dir, "demo", "--data-dir", data.toString(), "--port", Integer.toString(port),
                    "--witness-policy", policyFile.toString());
            witnesses.add(demo);
            String base = demo.waitFor("Plumbline is running at (http://[^ ]+)/").group(1);
            String password = demo.waitFor("rasmus\\.lindqvist\\s+password (\\S+)").group(1);
            long first = size(base) - 1;
            assertThat(cosignatures(publishedBeyond(base, first))).as("all three witnesses up").isEqualTo(3);

            witnesses.getFirst().kill();
            witnesses.getFirst().process.waitFor();
            // A reviewer reads a case: the read is logged, so the log grows and a new checkpoint goes to the witnesses.
            String cookie = signIn(base, "rasmus.lindqvist", password);
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(base + "/api/cases/1")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            long second = first + 1;
            String checkpoint = publishedBeyond(base, second);
            assertThat(cosignatures(checkpoint)).as("W0 is down: W1 and W2 make the quorum").isEqualTo(2);
            assertThat(checkpoint).doesNotContain("\u2014 w0.example/witness");

            Path entry = dir.resolve("entry");
            Path proof = dir.resolve("proof");
            Files.write(entry, get(base + "/api/records/" + second));
            byte[] proofBytes = get(base + "/api/records/" + second + "/proof");
            Files.write(proof, proofBytes);
            assertThat(new String(proofBytes, StandardCharsets.UTF_8)).doesNotContain("\u2014 w0.example/witness");
            assertThat(verify(policyFile, entry, proof)).startsWith("ok index=" + second);

            // One cosignature left: below the 2-of-3 quorum.
            String text = new String(proofBytes, StandardCharsets.UTF_8);
            String w1 = text.lines().filter(l -> l.startsWith("\u2014 w1.example/witness ")).findFirst().orElseThrow();
            Files.writeString(proof, text.replace(w1 + "\n", ""));
            assertThat(verify(policyFile, entry, proof)).startsWith("FAIL").contains("quorum");
        } finally {
            witnesses.forEach(Child::kill);
        }
    }

    /** The size of the log's latest checkpoint (published or not: the log's own at /log/checkpoint lags it). */
    private long size(String base) throws Exception {
        String checkpoint = new String(get(base + "/log/checkpoint"), StandardCharsets.UTF_8);
        return Long.parseLong(checkpoint.lines().skip(1).findFirst().orElseThrow());
    }

    private String signIn(String base, String user, String password) throws Exception {
        HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
        // The session cookie is Secure, which Java's cookie store keeps off plain http: send it by hand.
        return session.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    /** Waits for /log/checkpoint to cover {@code index} with at least two cosignatures, and returns it. */
    private String publishedBeyond(String base, long index) throws Exception {
        String checkpoint = "";
        for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); System.nanoTime() < deadline; ) {
            checkpoint = new String(get(base + "/log/checkpoint"), StandardCharsets.UTF_8);
            if (cosignatures(checkpoint) >= 2 && Long.parseLong(checkpoint.lines().skip(1).findFirst().orElse("0")) > index) {
                // All witnesses that are up have had their turn once the size is covered; give stragglers a moment.
                Thread.sleep(500);
                return new String(get(base + "/log/checkpoint"), StandardCharsets.UTF_8);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no checkpoint beyond " + index + " with a quorum of cosignatures; last:\n" + checkpoint);
    }

    private String verify(Path policy, Path entry, Path proof) throws Exception {
        Child v = Child.start(dir, "proof", "verify", "--policy", policy.toString(), "--entry", entry.toString(), proof.toString());
        String out = v.stdout();
        v.process.waitFor();
        return out.strip();
    }

    private byte[] get(String url) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }

    private static long cosignatures(String note) {
        return note.lines().filter(l -> l.startsWith("\u2014 w")).count();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
