package org.plumbline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The log commands exactly as the README gives them, run in-process. */
class LogCommandsTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {}

    private Run run(String stdin, String... args) {
        InputStream in = System.in;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(args);
            return new Run(exit, captured.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setIn(in);
            System.setOut(out);
        }
    }

    @Test
    void keygenInitAppendVerifyProveAndVerifyTheProof() throws Exception {
        Path key = tmp.resolve("log.key");
        Path dir = tmp.resolve("log");
        Run keygen = run("", "keygen", "--name", "example.org/log", "--out", key.toString());
        assertThat(keygen.exit).isZero();
        String vkey = keygen.out.strip();
        assertThat(vkey).matches("example\\.org/log\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]+=*");
        assertThat(Files.readString(key)).startsWith("PRIVATE+KEY+example.org/log+");
        assertThat(Files.getPosixFilePermissions(key))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        assertThat(run("", "log", "init", "--dir", dir.toString(), "--origin", "example.org/log", "--key", key.toString()).exit)
                .isZero();
        Run append = run("alpha\nbeta\n\ngamma", "log", "append", "--dir", dir.toString(), "--key", key.toString());
        assertThat(append.exit).isZero();
        assertThat(append.out).isEqualTo("0\n1\n2\n3\n");
        Path f = tmp.resolve("doc.json");
        Files.writeString(f, "{\"type\":\"decision.made\"}\n");
        assertThat(run("", "log", "append", "--dir", dir.toString(), "--key", key.toString(), "--file", f.toString()).out)
                .isEqualTo("4\n");

        Run verify = run("", "log", "verify", "--dir", dir.toString(), "--vkey", vkey);
        assertThat(verify.exit).isZero();
        assertThat(verify.out).startsWith("ok size=5 root=");

        Run prove = run("", "log", "prove", "--dir", dir.toString(), "--index", "4");
        assertThat(prove.exit).isZero();
        assertThat(prove.out).startsWith("c2sp.org/tlog-proof@v1\nindex 4\n");
        Path proof = tmp.resolve("p");
        Files.writeString(proof, prove.out);
        Path policy = tmp.resolve("policy");
        Files.writeString(policy, "log " + vkey + "\nquorum none\n");

        Run ok = run("", "proof", "verify", "--policy", policy.toString(), "--entry", f.toString(), proof.toString());
        assertThat(ok.exit).isZero();
        assertThat(ok.out).startsWith("ok index=4 origin=example.org/log size=5");

        Path wrong = tmp.resolve("wrong");
        Files.writeString(wrong, "{\"type\":\"decision.made\"}");
        Run bad = run("", "proof", "verify", "--policy", policy.toString(), "--entry", wrong.toString(), proof.toString());
        assertThat(bad.exit).isEqualTo(1);
        assertThat(bad.out).startsWith("FAIL ");

        // Damage one entry: verify names the first problem and exits 1.
        Path bundle = dir.resolve("tile/entries/000.p/5");
        byte[] bytes = Files.readAllBytes(bundle);
        bytes[3] ^= 1;
        Files.write(bundle, bytes);
        Run damaged = run("", "log", "verify", "--dir", dir.toString(), "--vkey", vkey);
        assertThat(damaged.exit).isEqualTo(1);
        assertThat(damaged.out).startsWith("FAIL ");
    }

    @Test
    void badInputGetsOneLineNamingIt() throws Exception {
        Path key = tmp.resolve("k");
        run("", "keygen", "--name", "o", "--out", key.toString());
        Run again = run("", "keygen", "--name", "o", "--out", key.toString());
        assertThat(again.exit).isEqualTo(2);
        assertThat(again.err).contains("already exists");

        Run mismatch = run("", "log", "init", "--dir", tmp.resolve("l").toString(), "--origin", "other", "--key", key.toString());
        assertThat(mismatch.exit).isEqualTo(2);
        assertThat(mismatch.err).contains("differs from the key's name");

        run("", "log", "init", "--dir", tmp.resolve("l").toString(), "--origin", "o", "--key", key.toString());
        String huge = "ok\n" + "x".repeat(70_000) + "\n";
        Run tooBig = run(huge, "log", "append", "--dir", tmp.resolve("l").toString(), "--key", key.toString());
        assertThat(tooBig.exit).isEqualTo(2);
        assertThat(tooBig.err).contains("standard input line 2").contains("nothing appended");
        assertThat(run("", "log", "verify", "--dir", tmp.resolve("l").toString(), "--vkey", tmp.resolve("l/vkey").toString()).out)
                .startsWith("ok size=0 ");

        Path present = tmp.resolve("present.txt");
        Files.writeString(present, "kept out");
        Run missingFile = run("", "log", "append", "--dir", tmp.resolve("l").toString(), "--key", key.toString(),
                "--file", present.toString(), "--file", tmp.resolve("absent.txt").toString());
        assertThat(missingFile.exit).isEqualTo(2);
        assertThat(missingFile.err).contains("--file " + tmp.resolve("absent.txt")).contains("nothing appended")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(missingFile.err.strip().lines().toList()).as("the problem, then where to look; no stack trace")
                .hasSize(2).last().asString().startsWith("(see: plumbline log append --help)");
        assertThat(run("", "log", "verify", "--dir", tmp.resolve("l").toString(), "--vkey", tmp.resolve("l/vkey").toString()).out)
                .startsWith("ok size=0 ");

        Run missingKey = run("", "log", "append", "--dir", tmp.resolve("l").toString(), "--key", tmp.resolve("none").toString());
        assertThat(missingKey.err).contains("does not exist");
        Run badVkey = run("", "log", "verify", "--dir", tmp.resolve("l").toString(), "--vkey", "garbage");
        assertThat(badVkey.exit).isEqualTo(2);
        assertThat(badVkey.err).contains("verifier key");
    }

    @Test
    void helpListsEveryCommandWithADescription() {
        Run help = run("", "--help");
        for (String cmd : new String[] {"demo", "keygen", "log", "proof", "bench"}) {
            assertThat(help.out).containsPattern("(?m)^  " + cmd + "\\s+\\S");
        }
    }

    @Test
    void demoRunsTwiceOnTheSameDataDirAndKeepsWhatTheFirstWrote() throws Exception {
        Path data = tmp.resolve("data");
        Run first = run("", "demo", "--once", "--data-dir", data.toString());
        assertThat(first.exit).as(first.err).isZero();
        assertThat(first.out).contains("reviewer").contains("bearer token plb_").contains("offline against the log key: ok size=");
        Run second = run("", "demo", "--once", "--data-dir", data.toString());
        assertThat(second.exit).as(second.err).isZero();
        // The scenario is loaded once: the second run finds the same log, no records added twice.
        assertThat(logSize(second.out)).isEqualTo(logSize(first.out)).isGreaterThan(12);
    }

    private static long logSize(String out) {
        var m = java.util.regex.Pattern.compile("ok size=(\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Long.parseLong(m.group(1));
    }
}
