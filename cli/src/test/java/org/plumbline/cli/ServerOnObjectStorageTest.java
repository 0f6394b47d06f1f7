package org.plumbline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.core.Database;
import org.plumbline.log.LogReader;
import org.plumbline.log.LogVerifier;
import org.plumbline.log.note.VerifierKey;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.policy.Policy;
import org.plumbline.log.proof.ProofVerificationException;
import org.plumbline.log.proof.TlogProof;
import org.plumbline.log.storage.s3.S3Location;
import org.plumbline.log.storage.s3.S3Storage;
import org.plumbline.server.PlumblineServer;
import org.plumbline.server.ServerConfig;
import org.plumbline.server.log.LogPlace;

/**
 * The server with its log in an S3-compatible bucket (S3Proxy in this JVM): records appended through the API are
 * integrated into the bucket under the prefix, {@code /log/...} serves the bucket's objects, and each record's proof
 * verifies against the log's key. A restart on the same bucket finds the log and carries on.
 */
class ServerOnObjectStorageTest {
    private static final String BUCKET = "plumbline-server";
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

    @Test
    void recordsAreIntegratedIntoTheBucketServedFromItAndTheirProofsVerify() throws Exception {
        Path pg = tmp.resolve("pg");
        try (Database db = Database.embedded(pg, false)) {
            LogPlace place = LogPlace.parse("s3://" + BUCKET + "/prod/log", Optional.of(s3.endpoint));
            ServerConfig config = new ServerConfig(tmp.resolve("data"), "127.0.0.1", 0,
                    Optional.of(ClusterFixture.databaseUrl(db, pg))).withLogPlace(place);
            List<Long> indexes = new ArrayList<>();
            String vkey;
            try (PlumblineServer server = PlumblineServer.start(config)) {
                String token = ClusterFixture.accountManagerToken(db, "am-s3");
                for (int i = 0; i < 5; i++) {
                    indexes.add(ClusterFixture.appendRecord(server.url(), token, "Agency on S3 " + i));
                }
                vkey = new String(ClusterFixture.get(server.url(), "/log/vkey").body(), StandardCharsets.UTF_8).strip();
                Policy policy = Policy.parse("log " + vkey + "\nquorum none\n");
                for (long index : indexes) {
                    HttpResponse<byte[]> proof = ClusterFixture.get(server.url(), "/api/records/" + index + "/proof", token);
                    assertThat(proof.statusCode()).isEqualTo(200);
                    byte[] entry = ClusterFixture.get(server.url(), "/api/records/" + index, token).body();
                    Checkpoint verified = TlogProof.verify(proof.body(), entry, policy);
                    assertThat(verified.size()).isGreaterThan(index);
                    // The check that can fail: the same proof does not verify another record's bytes.
                    byte[] other = ClusterFixture.get(server.url(), "/api/records/" + (index == 0 ? 1 : index - 1), token).body();
                    assertThatThrownBy(() -> TlogProof.verify(proof.body(), other, policy))
                            .isInstanceOf(ProofVerificationException.class);
                }
                // What /log/ serves is what the bucket holds under the prefix, in the tlog-tiles layout.
                byte[] served = ClusterFixture.checkpoint(server.url());
                assertThat(s3.object(BUCKET, "prod/log/checkpoint")).isEqualTo(served);
                long size = ClusterFixture.parse(served).size();
                assertThat(size).isGreaterThan(indexes.getLast());
                String bundle = "tile/entries/000.p/" + size;
                assertThat(ClusterFixture.get(server.url(), "/log/" + bundle).body())
                        .isEqualTo(s3.object(BUCKET, "prod/log/" + bundle));
                assertThat(Files.exists(tmp.resolve("data").resolve("log"))).as("no log directory beside the bucket").isFalse();
            }
            // The log module verifies the bucket on its own (signature, every tile and bundle against the root).
            try (S3Storage storage = S3Storage.open(S3Location.parse("s3://" + BUCKET + "/prod/log", Optional.of(s3.endpoint)))) {
                Checkpoint verified = LogVerifier.verify(storage, VerifierKey.parse(vkey));
                assertThat(verified.size()).isGreaterThan(indexes.getLast());
                assertThat(new LogReader(storage).entry(indexes.getFirst(), verified.size())).isNotEmpty();
            }
            // A restart on the same bucket and database opens the log (checked against the database) and carries on.
            try (PlumblineServer again = PlumblineServer.start(config)) {
                String token = ClusterFixture.accountManagerToken(db, "am-s3-again");
                long next = ClusterFixture.appendRecord(again.url(), token, "Agency after the restart");
                assertThat(next).isGreaterThan(indexes.getLast());
                Policy policy = Policy.parse("log " + vkey + "\nquorum none\n");
                byte[] proof = ClusterFixture.get(again.url(), "/api/records/" + next + "/proof", token).body();
                byte[] entry = ClusterFixture.get(again.url(), "/api/records/" + next, token).body();
                assertThat(TlogProof.verify(proof, entry, policy).size()).isGreaterThan(next);
            }
        }
    }

    @Test
    void aStorageThatIsNeitherABucketNorADirectoryIsRefused() {
        assertThatThrownBy(() -> LogPlace.parse("https://example.org/log", Optional.empty()))
                .hasMessageContaining("neither s3://BUCKET/PREFIX nor a directory");
        assertThatThrownBy(() -> LogPlace.parse("/var/lib/plumbline/log", Optional.of(URI.create("http://127.0.0.1:9000"))))
                .hasMessageContaining("only with an s3:// storage");
        assertThatThrownBy(() -> LogPlace.parse("s3://Not_A_Bucket/log", Optional.empty()))
                .hasMessageContaining("is not an S3 bucket name");
        assertThatThrownBy(() -> LogPlace.parse("relative/log", Optional.empty()))
                .hasMessageContaining("absolute path");
        assertThatThrownBy(() -> LogPlace.parse("s3://bucket/a/../b", Optional.empty()))
                .hasMessageContaining("'..' segment");
    }
}
