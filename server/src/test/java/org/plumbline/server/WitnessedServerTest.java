package org.plumbline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.core.domain.BodyKind;
import org.plumbline.core.domain.NewCustomer;
import org.plumbline.log.KeyFiles;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.policy.Policy;
import org.plumbline.log.proof.TlogProof;
import org.plumbline.log.witness.Witness;
import org.plumbline.log.witness.WitnessServer;
import org.plumbline.log.witness.WitnessedLogs;
import org.plumbline.server.log.TransparencyLog;

/**
 * The server with a 2-of-3 witness policy and two witnesses up: {@code /log/checkpoint} becomes the
 * cosigned checkpoint, and a record's proof from the API verifies under the policy, and stops verifying
 * when one cosignature is removed.
 */
class WitnessedServerTest {
    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    @Test
    void recordsAreProvedAgainstACheckpointAQuorumOfWitnessesCosigned() throws Exception {
        Path data = dir.resolve("data");
        // The log's key is made first, so that the witnesses can be told which log to witness.
        SigningKey logKey = KeyFiles.loadOrCreate(data.resolve("keys").resolve("log.key"), TransparencyLog.DEFAULT_ORIGIN);
        StringBuilder policy = new StringBuilder("log " + logKey.verifierKey().text() + "\n");
        for (int i = 0; i < 3; i++) {
            SigningKey w = SigningKey.generate("w" + i + ".example", KeyType.COSIGNATURE_V1);
            String url;
            if (i < 2) {
                Witness witness = Witness.open(w, WitnessedLogs.parse(("logs/v0\nvkey " + logKey.verifierKey().text() + "\n")
                        .getBytes(StandardCharsets.UTF_8)), dir.resolve("witness" + i));
                open.add(witness);
                WitnessServer server = WitnessServer.start(witness, new InetSocketAddress("127.0.0.1", 0));
                open.add(server);
                url = "http://127.0.0.1:" + server.port();
            } else {
                url = "http://127.0.0.1:" + freePort();  // the third witness is down
            }
            policy.append("witness W").append(i).append(' ').append(w.verifierKey().text()).append(' ').append(url).append('\n');
        }
        Policy parsed = Policy.parse(policy.append("group g 2 W0 W1 W2\nquorum g\n").toString());

        try (PlumblineServer server = PlumblineServer.start(
                new ServerConfig(data, "127.0.0.1", 0, Optional.empty()).withWitnessPolicy(parsed))) {
            server.core().customers().register(new NewCustomer("Ministry of Witnesses", BodyKind.MINISTRY, "NL", null), "user/1");
            long index = server.core().records().count() - 1;
            server.log().catchUp();
            HttpClient http = HttpClient.newHttpClient();
            String base = server.url();
            String checkpoint = "";
            for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); System.nanoTime() < deadline; ) {
                checkpoint = http.send(HttpRequest.newBuilder(URI.create(base + "/log/checkpoint")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (cosignatures(checkpoint) >= 2 && Long.parseLong(checkpoint.lines().skip(1).findFirst().orElse("0")) > index) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(cosignatures(checkpoint)).as(checkpoint).isEqualTo(2);
            byte[] record = http.send(HttpRequest.newBuilder(URI.create(base + "/api/records/" + index)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            byte[] proof = http.send(HttpRequest.newBuilder(URI.create(base + "/api/records/" + index + "/proof")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            assertThat(TlogProof.verify(proof, record, parsed).size()).isGreaterThan(index);

            // One cosignature fewer is below the quorum.
            String text = new String(proof, StandardCharsets.UTF_8);
            String first = text.lines().filter(l -> l.startsWith("\u2014 w")).findFirst().orElseThrow();
            byte[] weakened = text.replace(first + "\n", "").getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> TlogProof.verify(weakened, record, parsed)).hasMessageContaining("quorum");
            assertThat(server.log().witnessLag()).hasValueSatisfying(l -> assertThat(l.cosigned()).isGreaterThan(index));
            // The lag is visible to anyone on the transparency page, with the checkpoint the log publishes.
            String page = http.send(HttpRequest.newBuilder(URI.create(base + "/transparency")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(page).contains("id=\"witnesses\"").contains("Cosigned by a quorum of witnesses up to");
            assertThat(cosignatures(page.replace("&#8212;", "\u2014"))).isEqualTo(2);

            // The quarter's transparency report carries that cosigned checkpoint: it verifies under the 2-of-3
            // policy, and not with one of its two cosignatures removed.
            String quarter = org.plumbline.core.report.Quarter.of(java.time.Instant.now()).toString();
            byte[] report = http.send(HttpRequest.newBuilder(URI.create(base + "/transparency/" + quarter + "/report.json")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            var verified = org.plumbline.core.report.ReportVerifier.verify(report, parsed);
            assertThat(verified.checkpoint().size()).isGreaterThan(index);
            assertThat(verified.records()).isGreaterThan(0);
            String reportText = new String(report, StandardCharsets.UTF_8);
            String cosignature = reportText.lines().filter(l -> l.startsWith("\"checkpoint\":")).findFirst().orElseThrow()
                    .replaceAll(".*?(\u2014 w[^\\\\]*\\\\n).*", "$1");
            assertThat(cosignature).startsWith("\u2014 w");
            byte[] oneLeft = reportText.replace(cosignature, "").getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> org.plumbline.core.report.ReportVerifier.verify(oneLeft, parsed))
                    .hasMessageStartingWith("checkpoint: not trusted by the policy: witness quorum not met");
        }
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
