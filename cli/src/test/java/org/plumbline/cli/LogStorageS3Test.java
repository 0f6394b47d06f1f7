package org.plumbline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code plumbline log init/append/verify/serve --storage s3://BUCKET/PREFIX --endpoint URL} against an in-process
 * S3 server, credentials from the AWS SDK's default chain (system properties in this JVM, environment variables
 * for the serving child process).
 */
class LogStorageS3Test {
    private static final String BUCKET = "plumbline-logs";
    private static S3ProxyServer s3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyServer.start(BUCKET);
        S3ProxyServer.useInThisJvm();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

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
    void initAppendVerifyAndServeALogInABucket() throws Exception {
        Path key = tmp.resolve("log.key");
        String vkey = run("", "keygen", "--name", "example.org/s3log", "--out", key.toString()).out.strip();
        String[] where = {"--storage", "s3://" + BUCKET + "/logs/prod", "--endpoint", s3.endpoint.toString()};

        Run init = run("", concat(new String[] {"log", "init", "--origin", "example.org/s3log", "--key", key.toString()}, where));
        assertThat(init.exit).as(init.err).isZero();
        assertThat(init.out).contains("created log example.org/s3log in s3://" + BUCKET + "/logs/prod");
        Run again = run("", concat(new String[] {"log", "init", "--origin", "example.org/s3log", "--key", key.toString()}, where));
        assertThat(again.exit).isNotZero();
        assertThat(again.err).contains("already exists");

        Run append = run("alpha\nbeta\ngamma\n", concat(new String[] {"log", "append", "--key", key.toString()}, where));
        assertThat(append.exit).as(append.err).isZero();
        assertThat(append.out).isEqualTo("0\n1\n2\n");
        assertThat(run("delta", concat(new String[] {"log", "append", "--key", key.toString()}, where)).out).isEqualTo("3\n");

        Run verify = run("", concat(new String[] {"log", "verify", "--vkey", vkey}, where));
        assertThat(verify.exit).as(verify.out + verify.err).isZero();
        assertThat(verify.out).startsWith("ok size=4 root=");
        // The objects are the tlog-tiles URL space under the prefix, as a static server would serve them.
        assertThat(new String(s3.object(BUCKET, "logs/prod/checkpoint"), StandardCharsets.UTF_8))
                .startsWith("example.org/s3log\n4\n");
        assertThat(new String(s3.object(BUCKET, "logs/prod/vkey"), StandardCharsets.UTF_8).strip()).isEqualTo(vkey);

        // log serve, in its own process, with the credentials in its environment.
        Child serve = Child.start(tmp, S3ProxyServer.environment(),
                concat(new String[] {"log", "serve", "--port", "0"}, where));
        try {
            Matcher m = serve.waitFor("serving .* at http://127\\.0\\.0\\.1:(\\d+)/");
            String base = "http://127.0.0.1:" + m.group(1) + "/";
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<byte[]> checkpoint = http.send(HttpRequest.newBuilder(URI.create(base + "checkpoint")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(checkpoint.statusCode()).isEqualTo(200);
            assertThat(checkpoint.body()).isEqualTo(s3.object(BUCKET, "logs/prod/checkpoint"));
            HttpResponse<byte[]> bundle = http.send(HttpRequest.newBuilder(URI.create(base + "tile/entries/000.p/4")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(bundle.body()).isEqualTo(s3.object(BUCKET, "logs/prod/tile/entries/000.p/4"));
            HttpResponse<String> served = http.send(HttpRequest.newBuilder(URI.create(base + "vkey")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(served.body().strip()).isEqualTo(vkey);
        } finally {
            serve.process.destroy();
            serve.process.waitFor();
        }

        // Damage behind the log's back is found.
        byte[] bundle = s3.object(BUCKET, "logs/prod/tile/entries/000.p/4");
        bundle[3] ^= 1;
        s3.put(BUCKET, "logs/prod/tile/entries/000.p/4", bundle);
        Run damaged = run("", concat(new String[] {"log", "verify", "--vkey", vkey}, where));
        assertThat(damaged.exit).isOne();
        assertThat(damaged.out).startsWith("FAIL");
    }

    @Test
    void aBadPlaceGetsOneLineNamingIt() {
        Path key = tmp.resolve("k");
        run("", "keygen", "--name", "example.org/x", "--out", key.toString());
        Run bucketName = run("", "log", "verify", "--vkey", "x", "--storage", "s3://Not_A_Bucket/p",
                "--endpoint", s3.endpoint.toString());
        assertThat(bucketName.exit).isNotZero();
        Run both = run("", "log", "append", "--key", key.toString(), "--dir", tmp.toString(), "--storage", "s3://" + BUCKET);
        assertThat(both.exit).isNotZero();
        assertThat(both.err).contains("--dir DIR or --storage");
        Run endpointAlone = run("", "log", "append", "--key", key.toString(), "--dir", tmp.toString(),
                "--endpoint", s3.endpoint.toString());
        assertThat(endpointAlone.err).contains("--endpoint goes with --storage");
        Run empty = run("x\n", "log", "append", "--key", key.toString(), "--storage", "s3://" + BUCKET + "/nothing-here",
                "--endpoint", s3.endpoint.toString());
        assertThat(empty.exit).isNotZero();
        assertThat(empty.err).contains("holds no log");
        Run traversal = run("", "log", "init", "--origin", "example.org/x", "--key", key.toString(),
                "--storage", "s3://" + BUCKET + "/../other", "--endpoint", s3.endpoint.toString());
        assertThat(traversal.exit).isNotZero();
        assertThat(traversal.err).contains("'..'");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
