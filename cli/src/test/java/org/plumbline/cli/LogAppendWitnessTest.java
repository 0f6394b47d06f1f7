package org.plumbline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.log.CosignedCheckpoints;
import org.plumbline.log.KeyFiles;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.witness.Witness;
import org.plumbline.log.witness.WitnessServer;
import org.plumbline.log.witness.WitnessedLogs;
import picocli.CommandLine;

/**
 * {@code plumbline log append --witness-policy}: with two of three witnesses up the checkpoint is
 * published cosigned, {@code log prove} carries it and {@code proof verify --policy} passes, and
 * fails once a cosignature is taken out; with one up, append says the quorum was not met and exits 1.
 */
class LogAppendWitnessTest {
    @TempDir
    Path tmp;

    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private record Run(int exit, String out, String err) {}

    private Run run(String stdin, String... args) {
        InputStream in = System.in;
        PrintStream out = System.out;
        PrintStream errStream = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(args);
            return new Run(exit, captured.toString(StandardCharsets.UTF_8), err + capturedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(in);
            System.setOut(out);
            System.setErr(errStream);
        }
    }

    String witness(SigningKey key, String logVkey, String name) throws Exception {
        Witness w = Witness.open(key, WitnessedLogs.parse(("logs/v0\nvkey " + logVkey + "\n").getBytes(StandardCharsets.UTF_8)),
                tmp.resolve(name));
        open.add(w);
        WitnessServer s = WitnessServer.start(w, new InetSocketAddress("127.0.0.1", 0));
        open.add(s);
        return "http://127.0.0.1:" + s.port();
    }

    static String nobodyHome() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void appendGetsTheCheckpointCosignedAndTheProofMeetsTheWitnessPolicy() throws Exception {
        Path key = tmp.resolve("log.key");
        Path dir = tmp.resolve("log");
        assertThat(run("", "keygen", "--name", "example.org/log", "--out", key.toString()).exit).isZero();
        String logVkey = KeyFiles.read(key).verifierKey().text();
        assertThat(run("", "log", "init", "--dir", dir.toString(), "--origin", "example.org/log", "--key", key.toString()).exit)
                .isZero();
        List<SigningKey> w = List.of(SigningKey.generate("w1.example", KeyType.COSIGNATURE_V1),
                SigningKey.generate("w2.example", KeyType.COSIGNATURE_V1),
                SigningKey.generate("w3.example", KeyType.COSIGNATURE_V1));
        String[] urls = {witness(w.get(0), logVkey, "w1"), nobodyHome(), witness(w.get(2), logVkey, "w3")};
        Path policy = tmp.resolve("policy");
        Files.writeString(policy, "log " + logVkey + "\n"
                + "witness W1 " + w.get(0).verifierKey().text() + " " + urls[0] + "\n"
                + "witness W2 " + w.get(1).verifierKey().text() + " " + urls[1] + "\n"
                + "witness W3 " + w.get(2).verifierKey().text() + " " + urls[2] + "\n"
                + "group g 2 W1 W2 W3\nquorum g\n");

        Run append = run("alpha\nbeta\ngamma\n", "log", "append", "--dir", dir.toString(), "--key", key.toString(),
                "--witness-policy", policy.toString());
        assertThat(append.exit).as(append.err).isZero();
        assertThat(append.out).isEqualTo("0\n1\n2\n");
        assertThat(append.err).contains("witness quorum met").contains("cosigned by W1, W3").contains("W2: could not connect");
        assertThat(dir.resolve(CosignedCheckpoints.PATH)).exists();

        // A second append catches the witnesses up from what they cosigned (a new client: 409, then a proof).
        Run more = run("delta\n", "log", "append", "--dir", dir.toString(), "--key", key.toString(),
                "--witness-policy", policy.toString());
        assertThat(more.exit).as(more.err).isZero();

        Run prove = run("", "log", "prove", "--dir", dir.toString(), "--index", "1");
        assertThat(prove.exit).as(prove.err).isZero();
        Path proof = tmp.resolve("proof");
        Files.writeString(proof, prove.out);
        Path entry = tmp.resolve("entry");
        Files.writeString(entry, "beta");
        Run verify = run("", "proof", "verify", "--policy", policy.toString(), "--entry", entry.toString(), proof.toString());
        assertThat(verify.out).as(verify.err).startsWith("ok index=1 origin=example.org/log size=4");

        List<String> lines = new ArrayList<>(List.of(prove.out.split("\n", -1)));
        lines.remove(lines.size() - 2); // the last cosignature line
        Files.writeString(proof, String.join("\n", lines));
        Run oneLeft = run("", "proof", "verify", "--policy", policy.toString(), "--entry", entry.toString(), proof.toString());
        assertThat(oneLeft.exit).isEqualTo(1);
        assertThat(oneLeft.out).startsWith("FAIL").contains("witness quorum not met");
    }

    @Test
    void withoutAQuorumAppendSaysSoAndExits1ButTheEntriesAreIn() throws Exception {
        Path key = tmp.resolve("log.key");
        Path dir = tmp.resolve("log");
        run("", "keygen", "--name", "example.org/log", "--out", key.toString());
        String logVkey = KeyFiles.read(key).verifierKey().text();
        run("", "log", "init", "--dir", dir.toString(), "--origin", "example.org/log", "--key", key.toString());
        SigningKey w1 = SigningKey.generate("w1.example", KeyType.COSIGNATURE_V1);
        SigningKey w2 = SigningKey.generate("w2.example", KeyType.COSIGNATURE_V1);
        Path policy = tmp.resolve("policy");
        Files.writeString(policy, "log " + logVkey + "\nwitness W1 " + w1.verifierKey().text() + " "
                + witness(w1, logVkey, "w1") + "\nwitness W2 " + w2.verifierKey().text() + " " + nobodyHome()
                + "\ngroup g all W1 W2\nquorum g\n");
        Run append = run("alpha\n", "log", "append", "--dir", dir.toString(), "--key", key.toString(),
                "--witness-policy", policy.toString());
        assertThat(append.exit).isEqualTo(1);
        assertThat(append.out).isEqualTo("0\n");
        assertThat(append.err).contains("the entries are appended, but the checkpoint was not published cosigned")
                .contains("witness quorum not met (need g = 2 of (W1, W2)); cosigned by W1; W2: could not connect");
        assertThat(dir.resolve(CosignedCheckpoints.PATH)).doesNotExist();

        Files.writeString(policy, "witness W1 nonsense\nquorum none\n");
        Run bad = run("beta\n", "log", "append", "--dir", dir.toString(), "--key", key.toString(),
                "--witness-policy", policy.toString());
        assertThat(bad.exit).isEqualTo(2);
        assertThat(bad.err).contains("--witness-policy " + policy + ": policy line 1").contains("nothing appended");
    }
}
