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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.log.merkle.Hashes;
import org.plumbline.log.merkle.Proofs;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.storage.DirectoryStorage;

class DirectoryLogTest {
    @TempDir
    Path dir;

    private final SigningKey key = SigningKey.generate("test.example/log", KeyType.ED25519);
    private final CheckpointSigner signer = CheckpointSigner.of(key);

    private static byte[] entry(int i) {
        return ("entry " + i).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void concurrentAppendsGetDistinctIndexesAndAllLandInTheSignedTree() throws Exception {
        DirectoryLog.create(dir, signer);
        int n = 3000;
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        try (DirectoryLog log = DirectoryLog.open(dir, signer, 64, Duration.ofMillis(2), 256)) {
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
        Checkpoint cp = LogVerifier.verify(DirectoryStorage.open(dir), key.verifierKey());
        assertThat(cp.size()).isEqualTo(n);
        LogReader reader = new LogReader(DirectoryStorage.open(dir));
        // The entry at each acknowledged index is the one that was acknowledged there.
        List<String> seen = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            seen.add(new String(reader.entry(i, n), StandardCharsets.UTF_8));
        }
        assertThat(seen).doesNotHaveDuplicates().hasSize(n);
        byte[] e = reader.entry(1234, n);
        Proofs.verifyInclusion(Hashes.leaf(e), 1234, n, reader.inclusionProof(1234, n), cp.rootHash());
    }

    @Test
    void reopeningContinuesTheSameTree() throws Exception {
        DirectoryLog.create(dir, signer);
        for (int round = 0; round < 3; round++) {
            try (DirectoryLog log = DirectoryLog.open(dir, signer)) {
                for (int i = 0; i < 300; i++) {
                    assertThat(log.add(entry(round * 300 + i)).join()).isEqualTo(round * 300L + i);
                }
            }
        }
        Checkpoint cp = LogVerifier.verify(DirectoryStorage.open(dir), key.verifierKey());
        assertThat(cp.size()).isEqualTo(900);
        assertThat(new LogReader(DirectoryStorage.open(dir)).entry(899, 900)).isEqualTo(entry(899));
    }

    @Test
    void aFullTileKeepsNoPartialsWhoeverWroteThemAndNoEmptyPartialDirectory() throws Exception {
        // Partials of several widths, written across restarts (each reopening forgets what the last process
        // wrote), then enough entries to fill the first tile and bundle.
        DirectoryLog.create(dir, signer);
        int next = 0;
        for (int batch : new int[] {2, 5, 40, 100}) {
            try (DirectoryLog log = DirectoryLog.open(dir, signer)) {
                for (int i = 0; i < batch; i++) {
                    log.add(entry(next++)).join();
                }
            }
        }
        assertThat(dir.resolve("tile/0/000.p")).isDirectory();
        try (DirectoryLog log = DirectoryLog.open(dir, signer)) {
            while (next < 300) {
                log.add(entry(next++)).join();
            }
        }
        assertThat(dir.resolve("tile/0/000")).isRegularFile();
        assertThat(dir.resolve("tile/entries/000")).isRegularFile();
        assertThat(dir.resolve("tile/0/000.p")).as("no partial of a full tile, and no empty .p directory").doesNotExist();
        assertThat(dir.resolve("tile/entries/000.p")).doesNotExist();
        // The tile still filling keeps its partials (the checkpoint's width among them) until it is full.
        try (var partials = Files.list(dir.resolve("tile/0/001.p"))) {
            assertThat(partials.map(p -> Integer.parseInt(p.getFileName().toString())).toList())
                    .contains(44).allMatch(w -> w <= 44);
        }
        assertThat(LogVerifier.verify(DirectoryStorage.open(dir), key.verifierKey()).size()).isEqualTo(300);
    }

    @Test
    void journaledButUnintegratedEntriesAreIntegratedOnOpen() throws Exception {
        DirectoryLog.create(dir, signer);
        // What a crash between the journal's fsync and integration leaves behind.
        try (Journal journal = Journal.open(dir.resolve(".sequencer/journal"), 0)) {
            journal.append(List.of(entry(0), entry(1), entry(2)));
        }
        try (DirectoryLog log = DirectoryLog.open(dir, signer)) {
            log.whenIntegrated(2).get();
            assertThat(log.add(entry(3)).join()).isEqualTo(3L);
        }
        assertThat(LogVerifier.verify(DirectoryStorage.open(dir), key.verifierKey()).size()).isEqualTo(4);
    }

    @Test
    void aTornJournalTailIsCutOffAndTheNextEntryFollowsTheLastWholeOne() throws Exception {
        DirectoryLog.create(dir, signer);
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
        try (DirectoryLog log = DirectoryLog.open(dir, signer)) {
            assertThat(log.add(entry(2)).join()).isEqualTo(2L);
        }
        LogReader reader = new LogReader(DirectoryStorage.open(dir));
        assertThat(reader.entry(2, 3)).isEqualTo(entry(2));
        assertThat(LogVerifier.verify(DirectoryStorage.open(dir), key.verifierKey()).size()).isEqualTo(3);
    }

    @Test
    void anEntryLargerThan65535BytesIsRefusedWithItsSize() throws Exception {
        DirectoryLog.create(dir, signer);
        try (DirectoryLog log = DirectoryLog.open(dir, signer)) {
            assertThat(log.add(new byte[65_535]).join()).isZero();
            assertThatThrownBy(() -> log.add(new byte[65_536]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("65536 bytes");
        }
    }

    @Test
    @SuppressWarnings("try") // the open log is held, not used: it is what keeps the second writer out
    void aSecondWriterIsKeptOut() throws Exception {
        DirectoryLog.create(dir, signer);
        try (DirectoryLog log = DirectoryLog.open(dir, signer)) {
            assertThatThrownBy(() -> DirectoryLog.open(dir, signer))
                    .isInstanceOf(IOException.class).hasMessageContaining("another process");
        }
    }

    @Test
    void creatingOverAnExistingLogIsRefused() throws Exception {
        DirectoryLog.create(dir, signer);
        assertThatThrownBy(() -> DirectoryLog.create(dir, signer)).hasMessageContaining("already exists");
    }

    @Test
    void aKeyForAnotherOriginCannotOpenTheLog() throws Exception {
        DirectoryLog.create(dir, signer);
        CheckpointSigner other = CheckpointSigner.of(SigningKey.generate("other.example/log", KeyType.ED25519));
        assertThatThrownBy(() -> DirectoryLog.open(dir, other)).hasMessageContaining("origin");
    }

    @Test
    void tamperedTilesAreFoundByTheVerifierAndOnOpen() throws Exception {
        DirectoryLog.create(dir, signer);
        try (DirectoryLog log = DirectoryLog.open(dir, signer)) {
            for (int i = 0; i < 600; i++) {
                log.add(entry(i));
            }
        }
        Path bundle = dir.resolve("tile/entries/001");
        byte[] bytes = Files.readAllBytes(bundle);
        bytes[10] ^= 1;
        Files.write(bundle, bytes);
        assertThatThrownBy(() -> LogVerifier.verify(DirectoryStorage.open(dir), key.verifierKey()))
                .isInstanceOf(LogVerifier.Problem.class)
                .hasMessageContaining("tile/0/001: stored hashes differ").hasMessageContaining("the hash of entry 256");
        bytes[10] ^= 1;
        Files.write(bundle, bytes);
        Path partial = dir.resolve("tile/0/002.p/88");
        byte[] hashes = Files.readAllBytes(partial);
        hashes[0] ^= 1;
        Files.write(partial, hashes);
        assertThatThrownBy(() -> DirectoryLog.open(dir, signer)).hasMessageContaining("do not give the root");
    }
}
