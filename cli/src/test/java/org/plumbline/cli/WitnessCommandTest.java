package org.plumbline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.log.KeyFiles;
import org.plumbline.log.merkle.Hashes;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.NoteSignature;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.note.VerifierKey;
import picocli.CommandLine;

/** {@code plumbline witness serve} with a key from {@code keygen --witness}: it cosigns, and wrong arguments get one line. */
class WitnessCommandTest {
    @TempDir
    Path tmp;

    private int run(StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void servesAndCosignsWithAKeyFromKeygenWitness() throws Exception {
        Path witnessKey = tmp.resolve("witness.key");
        assertThat(run(new StringWriter(), "keygen", "--witness", "--name", "witness.example/w1", "--out", witnessKey.toString()))
                .isZero();
        SigningKey logKey = SigningKey.generate("example.org/log", KeyType.ED25519);
        Path logs = tmp.resolve("logs");
        Files.writeString(logs, "logs/v0\nvkey " + logKey.verifierKey().text() + "\norigin none\n");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AtomicInteger exit = new AtomicInteger(-1);
        Thread serve = Thread.ofPlatform().start(() -> exit.set(run(new StringWriter(), "witness", "serve", "--key",
                witnessKey.toString(), "--logs", logs.toString(), "--data", tmp.resolve("state").toString(),
                "--port", Integer.toString(port))));
        try {
            SignedNote note = SignedNote.sign(new Checkpoint("example.org/log", 1, Hashes.leaf(new byte[] {1})).text(), logKey);
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/add-checkpoint"))
                    .POST(HttpRequest.BodyPublishers.ofString("old 0\n\n" + note)).build();
            HttpResponse<String> r = null;
            for (int i = 0; i < 200 && r == null; i++) {
                try {
                    r = http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (java.net.ConnectException e) {
                    Thread.sleep(50);
                }
            }
            assertThat(r).isNotNull();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            VerifierKey vkey = KeyFiles.read(witnessKey).verifierKey();
            note.withSignatures(NoteSignature.parseLines(r.body().getBytes(StandardCharsets.UTF_8))).verify(List.of(vkey));
        } finally {
            serve.interrupt();
            serve.join(10_000);
        }
    }

    @Test
    void wrongArgumentsAreNamed() throws Exception {
        Path logKey = tmp.resolve("log.key");
        assertThat(run(new StringWriter(), "keygen", "--name", "example.org/log", "--out", logKey.toString())).isZero();
        Path logs = tmp.resolve("logs");
        Files.writeString(logs, "logs/v0\n");
        StringWriter err = new StringWriter();
        assertThat(run(err, "witness", "serve", "--key", logKey.toString(), "--logs", logs.toString(), "--data", tmp.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("keygen --witness");

        Path witnessKey = tmp.resolve("witness.key");
        assertThat(run(new StringWriter(), "keygen", "--witness", "--name", "w", "--out", witnessKey.toString())).isZero();
        Files.writeString(logs, "logs/v0\nvkey nonsense\n");
        err = new StringWriter();
        assertThat(run(err, "witness", "serve", "--key", witnessKey.toString(), "--logs", logs.toString(), "--data", tmp.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--logs").contains("line 2");
    }
}
