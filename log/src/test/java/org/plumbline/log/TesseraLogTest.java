package org.plumbline.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plumbline.log.merkle.Hashes;
import org.plumbline.log.merkle.ProofException;
import org.plumbline.log.merkle.Proofs;
import org.plumbline.log.storage.DirectoryStorage;
import org.plumbline.log.tiles.TilePath;

/**
 * The 15-entry log written by Trillian Tessera: our integrator must produce its tiles and bundles
 * byte for byte, and our reader must prove consistency between every pair of its checkpoints.
 */
class TesseraLogTest {
    private static final List<String> ENTRIES = List.of("one", "two", "three", "four", "five", "six", "seven",
            "eit", "nain", "ten", "ileven", "twelf", "threeten", "fourten", "fivten");

    private final Path dir = TestData.dir("tessera-log");

    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Backend.class)
    void integratingTheSameEntriesWritesTheSameTilesAndRoots(Backend backend) throws Exception {
        for (int size = 0; size <= ENTRIES.size(); size++) {
            org.plumbline.log.storage.LogStorage ours = backend.create(Files.createDirectory(tmp.resolve("log-" + size))).storage;
            Integrator integrator = Integrator.create(ours, TestSigners.forOrigin("example.com/log/testdata"));
            List<byte[]> entries = new ArrayList<>();
            for (String e : ENTRIES.subList(0, size)) {
                entries.add(e.getBytes(StandardCharsets.US_ASCII));
            }
            integrator.integrate(entries);
            Checkpoint theirs = Checkpoint.read(dir.resolve("checkpoint." + size));
            assertThat(theirs.size()).isEqualTo(size);
            assertThat(noteBody(ours.read("checkpoint").orElseThrow())).isEqualTo(theirs.body());
            if (size > 0) {
                for (String path : List.of(TilePath.hashTile(0, 0, size).path(), TilePath.entryBundle(0, size).path())) {
                    assertThat(ours.read(path).orElseThrow()).as(path).isEqualTo(Files.readAllBytes(dir.resolve(path)));
                }
            }
        }
    }

    @Test
    void everyPairOfCheckpointsIsConsistentAndEveryEntryIsIncluded() throws Exception {
        LogReader reader = new LogReader(DirectoryStorage.open(dir));
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (int size = 0; size <= ENTRIES.size(); size++) {
            checkpoints.add(Checkpoint.read(dir.resolve("checkpoint." + size)));
        }
        int pairs = 0;
        for (Checkpoint a : checkpoints) {
            assertThat(reader.root(a.size())).isEqualTo(a.root());
            for (Checkpoint b : checkpoints) {
                if (a.size() == 0 || b.size() < a.size()) {
                    continue;
                }
                List<byte[]> proof = reader.consistencyProof(a.size(), b.size());
                Proofs.verifyConsistency(a.size(), b.size(), proof, a.root(), b.root());
                pairs++;
            }
            for (long i = 0; i < a.size(); i++) {
                byte[] entry = reader.entry(i, a.size());
                assertThat(new String(entry, StandardCharsets.US_ASCII)).isEqualTo(ENTRIES.get((int) i));
                Proofs.verifyInclusion(Hashes.leaf(entry), i, a.size(), reader.inclusionProof(i, a.size()), a.root());
            }
        }
        assertThat(pairs).isEqualTo(15 * 16 / 2);
    }

    @Test
    void aConsistencyProofDoesNotProveADifferentRoot() throws Exception {
        LogReader reader = new LogReader(DirectoryStorage.open(dir));
        Checkpoint a = Checkpoint.read(dir.resolve("checkpoint.5"));
        Checkpoint b = Checkpoint.read(dir.resolve("checkpoint.12"));
        Checkpoint c = Checkpoint.read(dir.resolve("checkpoint.13"));
        List<byte[]> proof = reader.consistencyProof(5, 12);
        assertThatThrownBy(() -> Proofs.verifyConsistency(5, 12, proof, a.root(), c.root()))
                .isInstanceOf(ProofException.class);
        Proofs.verifyConsistency(5, 12, proof, a.root(), b.root());
    }

    private static String noteBody(byte[] note) {
        String s = new String(note, StandardCharsets.UTF_8);
        return s.substring(0, s.indexOf("\n\n") + 1);
    }

    /** Just the body lines this test needs; signature checks live in the note package's tests. */
    record Checkpoint(String body, long size, byte[] root) {
        static Checkpoint read(Path file) throws Exception {
            String body = noteBody(Files.readAllBytes(file));
            String[] lines = body.split("\n");
            return new Checkpoint(body, Long.parseLong(lines[1]), java.util.Base64.getDecoder().decode(lines[2]));
        }
    }

}
