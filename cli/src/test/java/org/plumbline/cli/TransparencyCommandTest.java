package org.plumbline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.core.report.Quarter;
import org.plumbline.log.KeyFiles;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.policy.Policy;
import org.plumbline.log.witness.Witness;
import org.plumbline.log.witness.WitnessServer;
import org.plumbline.log.witness.WitnessedLogs;
import org.plumbline.server.PlumblineServer;
import org.plumbline.server.ServerConfig;
import picocli.CommandLine;

/**
 * {@code plumbline transparency verify} on the report a server with the demo loaded publishes, its checkpoint
 * cosigned by two of three witnesses (the third is down) under a 2-of-3 policy: it passes and prints what it
 * checked; one altered record line, one altered figure, or one cosignature fewer each fail with one line
 * naming what is wrong and exit 1.
 */
class TransparencyCommandTest {
    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private record Run(int exit, String out, String err) {}

    private Run run(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(args);
            return new Run(exit, captured.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(out);
        }
    }

    @Test
    void theDemoReportVerifiesUnderTheWitnessPolicyAndEveryAlterationFails() throws Exception {
        Path data = dir.resolve("data");
        SigningKey logKey = KeyFiles.loadOrCreate(data.resolve("keys").resolve("log.key"), "plumbline.example/log");
        StringBuilder policy = new StringBuilder("log " + logKey.verifierKey().text() + "\n");
        for (int i = 0; i < 3; i++) {
            SigningKey w = SigningKey.generate("w" + i + ".example", KeyType.COSIGNATURE_V1);
            String url = LogAppendWitnessTest.nobodyHome();
            if (i < 2) {
                Witness witness = Witness.open(w, WitnessedLogs.parse(("logs/v0\nvkey " + logKey.verifierKey().text() + "\n")
                        .getBytes(StandardCharsets.UTF_8)), dir.resolve("witness" + i));
                open.add(witness);
                WitnessServer server = WitnessServer.start(witness, new InetSocketAddress("127.0.0.1", 0));
                open.add(server);
                url = "http://127.0.0.1:" + server.port();
            }
            policy.append("witness W").append(i).append(' ').append(w.verifierKey().text()).append(' ').append(url).append('\n');
        }
        policy.append("group g 2 W0 W1 W2\nquorum g\n");
        Path policyFile = Files.writeString(dir.resolve("policy"), policy);

        String json;
        try (PlumblineServer server = PlumblineServer.start(new ServerConfig(data, "127.0.0.1", 0, Optional.empty())
                .withWitnessPolicy(Policy.parse(policy.toString())))) {
            server.loadDemo();
            HttpClient http = HttpClient.newHttpClient();
            String quarter = Quarter.of(Instant.now()).toString();
            // Wait until the checkpoint the server publishes (the cosigned one) holds the whole demo.
            json = "";
            for (long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos(); System.nanoTime() < deadline; ) {
                json = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/transparency/" + quarter + "/report.json")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                JsonNode report = new ObjectMapper().readTree(json);
                if (report.get("checkpoint").asText().contains("\u2014 w") && engagements(report) == 12) break;
                Thread.sleep(200);
            }
        }
        JsonNode report = new ObjectMapper().readTree(json);
        assertThat(engagements(report)).as("the demo's twelve engagements").isEqualTo(12);
        Path file = Files.writeString(dir.resolve("report.json"), json);

        Run ok = run("transparency", "verify", file.toString(), "--policy", policyFile.toString());
        assertThat(ok.exit).as(ok.out + ok.err).isZero();
        assertThat(ok.out).startsWith("ok quarter=" + Quarter.of(Instant.now()) + " (partial) records=");

        List<String> lines = json.lines().toList();
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\\\"country\\\":\\\"XC\\\"")) at = i;
        }
        assertThat(at).as("a customer of XC is in the file, for the country figure").isPositive();
        String altered = json.replace(lines.get(at), lines.get(at).replace("\\\"country\\\":\\\"XC\\\"", "\\\"country\\\":\\\"XD\\\""));
        Run badLine = run("transparency", "verify", Files.writeString(dir.resolve("line.json"), altered).toString(),
                "--policy", policyFile.toString());
        assertThat(badLine.exit).isEqualTo(1);
        assertThat(badLine.out).matches("FAIL line.json: line " + (at + 1) + " \\(log index \\d+\\): the record is not the log's entry at index \\d+ .*\n");

        String figure = lines.stream().filter(l -> l.startsWith("{\"figure\":\"engagements-declared-by-country\",\"group\":\"XC\""))
                .findFirst().orElseThrow();
        String fewer = json.replace(figure, figure.replace("\"count\":2,\"indices\":[", "\"count\":1,\"indices\":[")
                .replaceAll("\"indices\":\\[(\\d+),\\d+\\]", "\"indices\":[$1]"));
        Run badFigure = run("transparency", "verify", Files.writeString(dir.resolve("figure.json"), fewer).toString(),
                "--policy", policyFile.toString());
        assertThat(badFigure.exit).isEqualTo(1);
        assertThat(badFigure.out).isEqualTo("FAIL figure.json: figure engagements-declared-by-country[XC]: the file says 1, the records give 2\n");

        String checkpoint = report.get("checkpoint").asText();
        String cosignature = checkpoint.lines().filter(l -> l.startsWith("\u2014 w")).findFirst().orElseThrow();
        String oneLeft = json.replace(cosignature + "\\n", "");
        assertThat(oneLeft).isNotEqualTo(json);
        Run weak = run("transparency", "verify", Files.writeString(dir.resolve("weak.json"), oneLeft).toString(),
                "--policy", policyFile.toString());
        assertThat(weak.exit).isEqualTo(1);
        assertThat(weak.out).startsWith("FAIL weak.json: checkpoint: not trusted by the policy: witness quorum not met");

        Run missing = run("transparency", "verify", dir.resolve("nope.json").toString(), "--policy", policyFile.toString());
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err).contains("does not exist").doesNotContain("Exception");
    }

    private static int engagements(JsonNode report) {
        for (JsonNode f : report.get("figures")) {
            if (f.get("figure").asText().equals("engagements-declared")) return f.get("count").asInt();
        }
        return -1;
    }
}
