package org.plumbline.log.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plumbline.log.storage.WriteConflictException;

/** The conditional writes that keep two writers from forking a log, against a real (in-process) S3 server. */
class S3StorageTest {
    private final S3TestServer server = S3TestServer.get();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFullTileIsWrittenOnceTheSameBytesAgainAreFineOtherBytesAConflictNamingThePath() throws Exception {
        S3Location location = server.newLocation("logs/one");
        try (S3Storage storage = S3Storage.open(location)) {
            storage.write(Map.of("tile/0/000", bytes("first")));
            storage.write(Map.of("tile/0/000", bytes("first")));
            assertThatThrownBy(() -> storage.write(Map.of("tile/0/000", bytes("other"))))
                    .isInstanceOf(WriteConflictException.class).hasMessageContaining("tile/0/000");
            assertThat(storage.read("tile/0/000")).contains(bytes("first"));
            // Partial tiles are replaced.
            storage.write(Map.of("tile/0/001.p/3", bytes("a")));
            storage.write(Map.of("tile/0/001.p/3", bytes("b")));
            assertThat(storage.read("tile/0/001.p/3")).contains(bytes("b"));
        }
        assertThat(server.keys(location.bucket())).containsExactly("logs/one/tile/0/000", "logs/one/tile/0/001.p/3");
    }

    @Test
    void theCheckpointIsReplacedOnlyFromTheOneTheWriterLastKnew() throws Exception {
        S3Location location = server.newLocation("");
        try (S3Storage a = S3Storage.open(location); S3Storage b = S3Storage.open(location)) {
            a.replace("checkpoint", Optional.empty(), bytes("size 0"));
            assertThatThrownBy(() -> b.replace("checkpoint", Optional.empty(), bytes("another size 0")))
                    .isInstanceOf(WriteConflictException.class).hasMessageContaining("checkpoint");
            assertThat(b.read("checkpoint")).contains(bytes("size 0"));
            // Both expect "size 0": a's swap wins, b's (with the ETag b read) loses, even though b read it.
            a.replace("checkpoint", Optional.of(bytes("size 0")), bytes("size 1 by a"));
            assertThatThrownBy(() -> b.replace("checkpoint", Optional.of(bytes("size 0")), bytes("size 1 by b")))
                    .isInstanceOf(WriteConflictException.class);
            assertThat(b.read("checkpoint")).contains(bytes("size 1 by a"));
            b.replace("checkpoint", Optional.of(bytes("size 1 by a")), bytes("size 2 by b"));
            assertThat(a.read("checkpoint")).contains(bytes("size 2 by b"));
            assertThatThrownBy(() -> a.write(Map.of("checkpoint", bytes("sneaked"))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aWriteWhoseAnswerIsLostIsSettledByWhatTheBucketHoldsNotTakenForALostRace() throws Exception {
        S3Location location = server.newLocation("lost");
        try (S3Storage storage = S3Storage.open(location)) {
            // Stored, then a 500: the SDK's retry finds its own object (412), which is success, not a conflict.
            server.failWrites(location.bucket(), 1, true);
            storage.write(Map.of("tile/0/000", bytes("full")));
            server.failWrites(location.bucket(), 1, true);
            storage.replace("checkpoint", Optional.empty(), bytes("size 0"));
            server.failWrites(location.bucket(), 1, true);
            storage.replace("checkpoint", Optional.of(bytes("size 0")), bytes("size 1"));
            assertThat(storage.read("tile/0/000")).contains(bytes("full"));
            assertThat(storage.read("checkpoint")).contains(bytes("size 1"));
            // Every attempt fails before storing: the checkpoint is as it was, and the error is an I/O failure
            // naming the path, not a lost race (which would send the integrator after another writer's tree).
            server.failWrites(location.bucket(), 10, false);
            assertThatThrownBy(() -> storage.replace("checkpoint", Optional.of(bytes("size 1")), bytes("size 2")))
                    .isInstanceOf(java.io.IOException.class).isNotInstanceOf(WriteConflictException.class)
                    .hasMessageContaining("writing checkpoint");
            server.failWrites(location.bucket(), 0, false);
            assertThat(storage.read("checkpoint")).contains(bytes("size 1"));
            storage.replace("checkpoint", Optional.of(bytes("size 1")), bytes("size 2"));
            assertThat(storage.read("checkpoint")).contains(bytes("size 2"));
        }
    }

    @Test
    void partialsOfAFullTileAreDeletedAndPathsOutsideTheLogRefused() throws Exception {
        S3Location location = server.newLocation("p");
        try (S3Storage storage = S3Storage.open(location)) {
            storage.write(Map.of("tile/0/000.p/1", bytes("1"), "tile/0/000.p/2", bytes("12"), "tile/0/001.p/1", bytes("x")));
            storage.deleteAll("tile/0/000.p");
            assertThat(server.keys(location.bucket())).containsExactly("p/tile/0/001.p/1");
            for (String bad : new String[] {"../q/checkpoint", "/tile/0/000", "tile//0", "tile/0/000\n"}) {
                assertThatThrownBy(() -> storage.read(bad)).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void locationsParseAndRefuseWhatIsNotABucketAndPrefix() {
        assertThat(S3Location.parse("s3://my-bucket/logs/prod/", Optional.empty()))
                .isEqualTo(new S3Location("my-bucket", "logs/prod", Optional.empty()));
        assertThat(S3Location.parse("s3://my-bucket", Optional.empty()).prefix()).isEmpty();
        for (String bad : new String[] {"http://b/p", "s3://B/p", "s3://bucket/a//b", "s3://bucket/../x", "s3://b/p"}) {
            assertThatThrownBy(() -> S3Location.parse(bad, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
