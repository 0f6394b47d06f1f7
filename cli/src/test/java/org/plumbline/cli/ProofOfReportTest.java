package org.plumbline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.server.PlumblineServer;
import org.plumbline.server.ServerConfig;
import picocli.CommandLine;

/**
 * The proof of report, end to end: a report sent over HTTP, its {@code concern.received} record and
 * tlog-proof fetched, {@code plumbline proof verify} run on them with nothing but the log's public key, and the
 * commitment opened with the salt and text the reporter sees with their receipt — as an auditor would.
 */
class ProofOfReportTest {
    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theProofOfReportVerifiesOfflineAndTheCommitmentOpensToTheReport() throws Exception {
        try (PlumblineServer server = PlumblineServer.start(new ServerConfig(tmp.resolve("data"), "127.0.0.1", 0, Optional.empty()))) {
            String base = server.url();
            JsonNode created = json.readTree(post(base + "/api/intake/reports",
                    "{\"message\":\"The archive holds intercepted calls\",\"topic\":\"audio\"}", null).body());
            long record = created.get("record").asLong();
            String receipt = created.get("receipt").asText();

            Path entry = tmp.resolve("record.json");
            Path proof = tmp.resolve("record.tlog-proof");
            Path policy = tmp.resolve("policy");
            Files.write(entry, get(base + "/api/records/" + record, null));
            Files.write(proof, get(base + "/api/records/" + record + "/proof", null));
            String vkey = new String(get(base + "/log/vkey", null), StandardCharsets.UTF_8).strip();
            Files.writeString(policy, "log " + vkey + "\nquorum none\n");

            Object[] ok = run("proof", "verify", "--policy", policy.toString(), "--entry", entry.toString(), proof.toString());
            assertThat(ok[0]).as("exit; stdout " + ok[1] + "; stderr " + ok[2]).isEqualTo(0);
            // A changed commitment (another report) does not verify against the proof.
            Path other = tmp.resolve("other.json");
            String changed = Files.readString(entry);
            int at = changed.indexOf("\"commitment\":\"") + 14;
            Files.writeString(other, changed.substring(0, at) + (changed.charAt(at) == 'a' ? 'b' : 'a') + changed.substring(at + 1));
            assertThat(run("proof", "verify", "--policy", policy.toString(), "--entry", other.toString(), proof.toString())[0])
                    .isNotEqualTo(0);

            // The reporter, with the receipt, sees the opening; the auditor recomputes the logged commitment.
            JsonNode logged = json.readTree(Files.readAllBytes(entry));
            assertThat(logged.get("type").asText()).isEqualTo("concern.received");
            String token = json.readTree(post(base + "/api/intake/session", "{\"receipt\":\"" + receipt + "\"}", null).body())
                    .get("token").asText();
            JsonNode opening = json.readTree(get(base + "/api/intake/report", token)).get("commitment");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(HexFormat.of().parseHex(opening.get("salt").asText()));
            sha.update(opening.get("report").asText().getBytes(StandardCharsets.UTF_8));
            assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(logged.at("/fields/commitment").asText());
            assertThat(opening.get("report").asText()).isEqualTo("{\"message\":\"The archive holds intercepted calls\",\"topic\":\"audio\"}");
        }
    }

    private HttpResponse<String> post(String url, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        return r;
    }

    private byte[] get(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static Object[] run(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(args);
            return new Object[] {exit, captured.toString(StandardCharsets.UTF_8), err.toString()};
        } finally {
            System.setOut(out);
        }
    }
}
