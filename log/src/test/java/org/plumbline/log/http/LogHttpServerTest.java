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

    private static HttpResponse<byte[]> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
