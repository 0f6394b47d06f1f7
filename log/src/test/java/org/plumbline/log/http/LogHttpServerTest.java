package org.plumbline.log.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.log.CheckpointSigner;
import org.plumbline.log.DirectoryLog;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.storage.DirectoryStorage;

class LogHttpServerTest {
    @TempDir
    Path dir;

    @Test
    void servesCheckpointTilesAndVkeyWithTheirHeadersAndNothingElse() throws Exception {
        SigningKey key = SigningKey.generate("http.test/log", KeyType.ED25519);
        DirectoryLog.create(dir, CheckpointSigner.of(key));
        try (DirectoryLog log = DirectoryLog.open(dir, CheckpointSigner.of(key))) {
            for (int i = 0; i < 300; i++) {
                log.add(("e" + i).getBytes());
            }
        }
        LogResources resources = new LogResources(DirectoryStorage.open(dir), key.verifierKey().text());
        HttpClient http = HttpClient.newHttpClient();
        try (LogHttpServer server = LogHttpServer.start(resources, new InetSocketAddress("127.0.0.1", 0))) {
            String base = "http://127.0.0.1:" + server.port() + "/";
            HttpResponse<byte[]> cp = get(http, base + "checkpoint");
            assertThat(cp.statusCode()).isEqualTo(200);
            assertThat(cp.body()).isEqualTo(Files.readAllBytes(dir.resolve("checkpoint")));
            assertThat(cp.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
            assertThat(cp.headers().firstValue("cache-control")).hasValue("no-cache");

            HttpResponse<byte[]> full = get(http, base + "tile/0/000");
            assertThat(full.statusCode()).isEqualTo(200);
            assertThat(full.body()).hasSize(256 * 32);
            assertThat(full.headers().firstValue("cache-control")).hasValue(LogResources.IMMUTABLE);
            assertThat(full.headers().firstValue("content-type")).hasValue("application/octet-stream");

            HttpResponse<byte[]> partial = get(http, base + "tile/entries/001.p/44");
            assertThat(partial.statusCode()).isEqualTo(200);
            assertThat(partial.headers().firstValue("cache-control")).hasValue(LogResources.SHORT_LIVED);

            assertThat(new String(get(http, base + "vkey").body())).isEqualTo(key.verifierKey().text() + "\n");
            assertThat(get(http, base + "tile/0/001.p/7").statusCode()).isEqualTo(404); // never published
            assertThat(get(http, base + ".sequencer/lock").statusCode()).isEqualTo(404);
            assertThat(get(http, base + "tile/0/x000/000").statusCode()).isEqualTo(404);
            HttpResponse<byte[]> post = http.send(HttpRequest.newBuilder(URI.create(base + "checkpoint"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void entryBundlesAreGzippedWhenTheClientAcceptsItAndHashTilesNever() throws Exception {
        SigningKey key = SigningKey.generate("http.test/log", KeyType.ED25519);
        DirectoryLog.create(dir, CheckpointSigner.of(key));
        try (DirectoryLog log = DirectoryLog.open(dir, CheckpointSigner.of(key))) {
            for (int i = 0; i < 256; i++) {
                log.add(("a fairly repetitive entry, number " + i).getBytes()).join();
            }
        }
        LogResources resources = new LogResources(DirectoryStorage.open(dir), key.verifierKey().text());
        HttpClient http = HttpClient.newHttpClient();
        try (LogHttpServer server = LogHttpServer.start(resources, new InetSocketAddress("127.0.0.1", 0))) {
            String base = "http://127.0.0.1:" + server.port() + "/";
            byte[] onDisk = Files.readAllBytes(dir.resolve("tile/entries/000"));
            HttpResponse<byte[]> gz = get(http, base + "tile/entries/000", "gzip");
            assertThat(gz.headers().firstValue("content-encoding")).hasValue("gzip");
            assertThat(gz.headers().firstValue("vary")).hasValue("Accept-Encoding");
            assertThat(gz.body().length).isLessThan(onDisk.length);
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz.body()))) {
                assertThat(in.readAllBytes()).isEqualTo(onDisk);
            }
            HttpResponse<byte[]> refused = get(http, base + "tile/entries/000", "gzip;q=0, identity");
            assertThat(refused.headers().firstValue("content-encoding")).isEmpty();
            assertThat(refused.body()).isEqualTo(onDisk);
            HttpResponse<byte[]> tile = get(http, base + "tile/0/000", "gzip");
            assertThat(tile.headers().firstValue("content-encoding")).isEmpty();
            assertThat(tile.body()).isEqualTo(Files.readAllBytes(dir.resolve("tile/0/000")));
        }
    }

    @Test
    void acceptEncodingIsReadAsRfc9110Says() {
        assertThat(LogResources.acceptsGzip("gzip")).isTrue();
        assertThat(LogResources.acceptsGzip("deflate, GZIP;q=0.5")).isTrue();
        assertThat(LogResources.acceptsGzip("*")).isTrue();
        assertThat(LogResources.acceptsGzip("*;q=0")).isFalse();
        assertThat(LogResources.acceptsGzip("*, gzip;q=0")).isFalse();
        assertThat(LogResources.acceptsGzip("identity")).isFalse();
        assertThat(LogResources.acceptsGzip("gzip;q=x")).isFalse();
        assertThat(LogResources.acceptsGzip(null)).isFalse();
    }

    private static HttpResponse<byte[]> get(HttpClient http, String url, String acceptEncoding) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept-Encoding", acceptEncoding).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
