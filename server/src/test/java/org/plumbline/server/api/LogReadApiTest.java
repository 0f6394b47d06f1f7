package org.plumbline.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plumbline.core.domain.BodyKind;
import org.plumbline.core.domain.Customer;
import org.plumbline.core.domain.NewCustomer;
import org.plumbline.core.record.LogRecord;
import org.plumbline.log.merkle.Hashes;
import org.plumbline.log.merkle.Proofs;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.VerifierKey;
import org.plumbline.log.tiles.EntryBundle;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;

/** The public read side: records core appends to the database become tiles behind a signed checkpoint. */
class LogReadApiTest {
    @Test
    void sequencedRecordsAreServedAsTilesUnderASignedCheckpoint() throws Exception {
        TestServer.Running server = TestServer.get();
        List<Long> indices = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Customer c = server.core().customers().register(
                    new NewCustomer("Log read customer " + Api.unique(), BodyKind.AGENCY, "NL", null), "reviewer:test");
            subjects.add(c.subject());
            indices.add(c.logIndex());
        }
        long size = server.log().catchUp();
        assertThat(size).isGreaterThan(indices.get(2));

        HttpResponse<String> vkey = TestServer.get("/log/vkey", Role.PUBLIC);
        assertThat(vkey.statusCode()).isEqualTo(200);
        VerifierKey key = VerifierKey.parse(vkey.body().strip());

        HttpResponse<String> cp = TestServer.get("/log/checkpoint", Role.PUBLIC);
        assertThat(cp.statusCode()).isEqualTo(200);
        assertThat(cp.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(cp.headers().firstValue("Cache-Control").orElse("")).isEqualTo("no-cache");
        Checkpoint checkpoint = Checkpoint.open(cp.body().getBytes(StandardCharsets.UTF_8), key);
        assertThat(checkpoint.size()).isGreaterThanOrEqualTo(size);

        // Fetch the entry bundle the checkpoint names for the record (the shared server's log may be past its
        // first bundle by now, depending on which tests ran before) and check an inclusion proof.
        long treeSize = checkpoint.size();
        long idx = indices.get(1);
        org.plumbline.log.tiles.TilePath bundle = org.plumbline.log.tiles.TileMath.entryBundleAt(idx >>> 8, treeSize);
        var bundleBytes = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(TestServer.uri("/log/" + bundle.path())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(bundleBytes.statusCode()).as(bundle.path()).isEqualTo(200);
        assertThat(bundleBytes.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/octet-stream");
        List<byte[]> entries = EntryBundle.decode(bundleBytes.body(), bundle.width());
        byte[] entry = entries.get((int) (idx & 0xFF));
        assertThat(LogRecord.parse(entry).subject()).isEqualTo(subjects.get(1));
        List<byte[]> proof = server.log().reader().inclusionProof(idx, treeSize);
        Proofs.verifyInclusion(Hashes.leaf(entry), idx, treeSize, proof, checkpoint.rootHash());
    }

    @Test
    void entryBundlesAreGzippedForClientsThatAcceptItAndVaryByEncoding() throws Exception {
        for (int i = 0; i < 3; i++) {
            org.plumbline.server.Api.engagement();  // records of a few hundred bytes each: a bundle worth compressing
        }
        TestServer.get().log().catchUp();
        String body = TestServer.get("/log/checkpoint", Role.PUBLIC).body();
        long size = Long.parseLong(body.split("\n")[1]);
        String path = "/log/tile/entries/000" + (size >= 256 ? "" : ".p/" + size);
        var http = java.net.http.HttpClient.newHttpClient();
        HttpResponse<byte[]> plain = http.send(java.net.http.HttpRequest.newBuilder(TestServer.uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> gz = http.send(java.net.http.HttpRequest.newBuilder(TestServer.uri(path))
                .header("Accept-Encoding", "gzip, identity").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.headers().firstValue("Vary").orElse("")).contains("Accept-Encoding");
        assertThat(gz.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gz.headers().firstValue("Vary").orElse("")).contains("Accept-Encoding");
        assertThat(gz.body().length).isLessThan(plain.body().length);
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
    }

    @Test
    void badTilePathsAre404WithAReason() {
        HttpResponse<String> r = TestServer.get("/log/tile/0/001.p/256", Role.PUBLIC);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("tile/0/001.p/256");
        assertThat(TestServer.get("/log/tile/5/x999/999", Role.PUBLIC).statusCode()).isEqualTo(404);
    }
}
