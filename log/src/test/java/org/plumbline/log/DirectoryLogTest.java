package org.plumbline.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.plumbline.log.merkle.Hashes;
import org.plumbline.log.merkle.Proofs;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;

/** The log over each storage backend: the same behaviour whether its tiles are in a directory or a bucket. */
class DirectoryLogTest {
    @TempDir
    Path dir;

    private final SigningKey key = SigningKey.generate("test.example/log", KeyType.ED25519);
    private final CheckpointSigner signer = CheckpointSigner.of(key);

    private static byte[] entry(int i) {
        return ("entry " + i).getBytes(StandardCharsets.UTF_8);
    }

    private Backend.Place create(Backend backend) throws IOException {
        Backend.Place place = backend.create(dir);
        DirectoryLog.create(place.storage, signer);
        return place;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void concurrentAppendsGetDistinctIndexesAndAllLandInTheSignedTree(Backend backend) throws Exception {
        Backend.Place place = create(backend);
        int n = 3000;
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        try (DirectoryLog log = DirectoryLog.open(place.local, place.storage, signer, 64, Duration.ofMillis(2), 256)) {
            List<Thread> writers = new ArrayList<>();
            List<List<CompletableFuture<Long>>> perWriter = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                List<CompletableFuture<Long>> mine = new ArrayList<>();
                perWriter.add(mine);
                int writer = w;
                writers.add(Thread.ofVirtual().start(() -> {
                    for (int i = writer; i < n; i += 8) {
                        mine.add(log.add(entry(i)));
                    }
                }));
            }
            for (Thread t : writers) {
                t.join();
            }
            perWriter.forEach(futures::addAll);
            long max = futures.stream().mapToLong(CompletableFuture::join).max().orElseThrow();
            log.whenIntegrated(max).join();
            assertThat(log.integratedSize()).isEqualTo(n);
        }
        assertThat(futures.stream().map(CompletableFuture::join).distinct().count()).isEqualTo(n);
        Checkpoint cp = LogVerifier.verify(place.storage, key.verifierKey());
        assertThat(cp.size()).isEqualTo(n);
        LogReader reader = new LogReader(place.storage);
        // The entry at each acknowledged index is the one that was acknowledged there.
        List<String> seen = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            seen.add(new String(reader.entry(i, n), StandardCharsets.UTF_8));
        }
        assertThat(seen).doesNotHaveDuplicates().hasSize(n);
        byte[] e = reader.entry(1234, n);
        Proofs.verifyInclusion(Hashes.leaf(e), 1234, n, reader.inclusionProof(1234, n), cp.rootHash());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void reopeningContinuesTheSameTree(Backend backend) throws Exception {
        Backend.Place place = create(backend);
        for (int round = 0; round < 3; round++) {
            try (DirectoryLog log = place.open(signer)) {
                for (int i = 0; i < 300; i++) {
                    assertThat(log.add(entry(round * 300 + i)).join()).isEqualTo(round * 300L + i);
                }
            }
        }
        Checkpoint cp = LogVerifier.verify(place.storage, key.verifierKey());
        assertThat(cp.size()).isEqualTo(900);
        assertThat(new LogReader(place.storage).entry(899, 900)).isEqualTo(entry(899));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aFullTileKeepsNoPartialsWhoeverWroteThemAndNoEmptyPartialDirectory(Backend backend) throws Exception {
        // Partials of several widths, written across restarts (each reopening forgets what the last process
        // wrote), then enough entries to fill the first tile and bundle.
        Backend.Place place = create(backend);
        int next = 0;
        for (int batch : new int[] {2, 5, 40, 100}) {
            try (DirectoryLog log = place.open(signer)) {
                for (int i = 0; i < batch; i++) {
                    log.add(entry(next++)).join();
                }
            }
        }
        assertThat(place.list("tile/0/000.p")).isNotEmpty();
        try (DirectoryLog log = place.open(signer)) {
            while (next < 300) {
                log.add(entry(next++)).join();
            }
        }
        assertThat(place.exists("tile/0/000")).isTrue();
        assertThat(place.exists("tile/entries/000")).isTrue();
        assertThat(place.list("tile/0/000.p")).as("no partial of a full tile").isEmpty();
        assertThat(place.list("tile/entries/000.p")).isEmpty();
        if (backend == Backend.DIRECTORY) {
            assertThat(dir.resolve("tile/0/000.p")).as("and no empty .p directory").doesNotExist();
        }
        // The tile still filling keeps its partials (the checkpoint's width among them) until it is full.
        assertThat(place.list("tile/0/001.p").stream().map(p -> Integer.parseInt(p.substring(p.lastIndexOf('/') + 1))))
                .contains(44).allMatch(w -> w <= 44);
        assertThat(LogVerifier.verify(place.storage, key.verifierKey()).size()).isEqualTo(300);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void journaledButUnintegratedEntriesAreIntegratedOnOpen(Backend backend) throws Exception {
        Backend.Place place = create(backend);
        // What a crash between the journal's fsync and integration leaves behind.
        try (Journal journal = Journal.open(dir.resolve(".sequencer/journal"), 0)) {
            journal.append(List.of(entry(0), entry(1), entry(2)));
        }
        try (DirectoryLog log = place.open(signer)) {
            log.whenIntegrated(2).get();
            assertThat(log.add(entry(3)).join()).isEqualTo(3L);
        }
        assertThat(LogVerifier.verify(place.storage, key.verifierKey()).size()).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTornJournalTailIsCutOffAndTheNextEntryFollowsTheLastWholeOne(Backend backend) throws Exception {
        Backend.Place place = create(backend);
        Path journalDir = dir.resolve(".sequencer/journal");
        try (Journal journal = Journal.open(journalDir, 0)) {
            journal.append(List.of(entry(0), entry(1)));
        }
        Path segment;
        try (var files = Files.list(journalDir)) {
            segment = files.filter(p -> p.toString().endsWith(".journal")).findFirst().orElseThrow();
        }
        // Half a record, as a crash in the middle of a write leaves it.
        Files.write(segment, new byte[] {0, 9, 'p', 'a', 'r'}, java.nio.file.StandardOpenOption.APPEND);
        try (DirectoryLog log = place.open(signer)) {
            assertThat(log.add(entry(2)).join()).isEqualTo(2L);
        }
        LogReader reader = new LogReader(place.storage);
        assertThat(reader.entry(2, 3)).isEqualTo(entry(2));
        assertThat(LogVerifier.verify(place.storage, key.verifierKey()).size()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEntryLargerThan65535BytesIsRefusedWithItsSize(Backend backend) throws Exception {
        Backend.Place place = create(backend);
        try (DirectoryLog log = place.open(signer)) {
            assertThat(log.add(new byte[65_535]).join()).isZero();
            assertThatThrownBy(() -> log.add(new byte[65_536]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("65536 bytes");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    @SuppressWarnings("try") // the open log is held, not used: it is what keeps the second writer out
    void aSecondWriterIsKeptOut(Backend backend) throws Exception {
        Backend.Place place = create(backend);
        try (DirectoryLog log = place.open(signer)) {
            assertThatThrownBy(() -> place.open(signer))
                    .isInstanceOf(IOException.class).hasMessageContaining("another process");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void creatingOverAnExistingLogIsRefused(Backend backend) throws Exception {
        Backend.Place place = create(backend);
        assertThatThrownBy(() -> DirectoryLog.create(place.storage, signer)).hasMessageContaining("already exists");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aKeyForAnotherOriginCannotOpenTheLog(Backend backend) throws Exception {
        Backend.Place place = create(backend);
        CheckpointSigner other = CheckpointSigner.of(SigningKey.generate("other.example/log", KeyType.ED25519));
        assertThatThrownBy(() -> place.open(other)).hasMessageContaining("origin");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void tamperedTilesAreFoundByTheVerifierAndOnOpen(Backend backend) throws Exception {
        Backend.Place place = create(backend);
        try (DirectoryLog log = place.open(signer)) {
            for (int i = 0; i < 600; i++) {
                log.add(entry(i));
            }
        }
        byte[] bytes = place.storage.read("tile/entries/001").orElseThrow();
        bytes[10] ^= 1;
        place.overwrite("tile/entries/001", bytes);
        assertThatThrownBy(() -> LogVerifier.verify(place.storage, key.verifierKey()))
                .isInstanceOf(LogVerifier.Problem.class)
                .hasMessageContaining("tile/0/001: stored hashes differ").hasMessageContaining("the hash of entry 256");
        bytes[10] ^= 1;
        place.overwrite("tile/entries/001", bytes);
        byte[] hashes = place.storage.read("tile/0/002.p/88").orElseThrow();
        hashes[0] ^= 1;
        place.overwrite("tile/0/002.p/88", hashes);
        assertThatThrownBy(() -> place.open(signer)).hasMessageContaining("do not give the root");
    }
}
