package org.plumbline.log.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.log.LogReader;
import org.plumbline.log.TestData;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.NoteSignature;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.note.VerifiedNote;
import org.plumbline.log.storage.DirectoryStorage;

/**
 * The witness on a log written by another tool: it cosigns every checkpoint of the 15-entry Trillian
 * Tessera log in {@code ../shared/testdata/tessera-log}, given proofs read from Tessera's own tiles,
 * and refuses a forked copy of it.
 *
 * <p>Tessera's private key is not in the test data, so the fork is signed by a stand-in key with the
 * log's name, listed for the same origin (as a log rotating its key would be): the witness trusts a
 * checkpoint of that origin signed by either key, exactly the position a stolen or misused log key
 * puts an attacker in.
 */
class TesseraWitnessTest {
    private static final String ORIGIN = "example.com/log/testdata";
    private static final String TESSERA_VKEY = "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";
    private static final List<String> ENTRIES = List.of("one", "two", "three", "four", "five", "six", "seven",
            "eit", "nain", "ten", "ileven", "twelf", "threeten", "fourten", "fivten");

    @TempDir
    Path state;

    private final Path tessera = TestData.dir("tessera-log");
    private final SigningKey standIn = SigningKey.generate(ORIGIN, KeyType.ED25519);
    private final SigningKey witnessKey = SigningKey.generate("witness.example/w1", KeyType.COSIGNATURE_V1);

    private WitnessedLogs logs() throws Exception {
        String list = "# Tessera's test log, and a stand-in key for it\nlogs/v0\n\nvkey " + TESSERA_VKEY
                + "\norigin none\nbastion none\nqpd 1440\ncontact the Tessera authors\n\nvkey " + standIn.verifierKey().text() + "\n";
        return WitnessedLogs.parse(list.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] checkpoint(int size) throws Exception {
        return Files.readAllBytes(tessera.resolve("checkpoint." + size));
    }

    @Test
    void cosignsEveryTesseraCheckpointAndRefusesAForkedCopy() throws Exception {
        LogReader reader = new LogReader(DirectoryStorage.open(tessera));
        try (Witness witness = Witness.open(witnessKey, logs(), state)) {
            long old = 0;
            for (int size = 0; size <= ENTRIES.size(); size++) {
                List<byte[]> proof = old == 0 ? List.of() : reader.consistencyProof(old, size);
                Witness.Response r = witness.addCheckpoint(Requests.body(old, proof, checkpoint(size)));
                assertThat(r.status()).as("checkpoint.%d: %s", size, r.bodyText()).isEqualTo(200);
                SignedNote cosigned = SignedNote.parse(checkpoint(size))
                        .withSignatures(NoteSignature.parseLines(r.body()));
                VerifiedNote v = cosigned.verify(List.of(witnessKey.verifierKey()));
                assertThat(v.signers()).singleElement().satisfies(s -> assertThat(s.timestamp()).isPresent());
                old = size;
            }
            assertThat(witness.state().latest(ORIGIN).orElseThrow().size()).isEqualTo(15);

            // The forked copy: the same log with entry 3 rewritten, signed by a key the witness trusts for the origin.
            List<String> forked = new ArrayList<>(ENTRIES);
            forked.set(3, "FOUR");
            forked.add("sixteen");
            TestTree fork = TestTree.of(forked);
            // Same size, another root: 409.
            Witness.Response r = witness.addCheckpoint(Requests.body(15, List.of(), Requests.checkpoint(standIn, ORIGIN, fork, 15)));
            assertThat(r.status()).as(r.bodyText()).isEqualTo(409);
            assertThat(r.contentType()).isEqualTo("text/x.tlog.size");
            assertThat(r.bodyText()).isEqualTo("15\n");
            // Larger, with the fork's own consistency proof from its size 15: 422.
            r = witness.addCheckpoint(Requests.body(15, fork.consistency(15, 16), Requests.checkpoint(standIn, ORIGIN, fork, 16)));
            assertThat(r.status()).as(r.bodyText()).isEqualTo(422);
            // The fork claiming an old size it was never cosigned at: 409.
            r = witness.addCheckpoint(Requests.body(5, fork.consistency(5, 16), Requests.checkpoint(standIn, ORIGIN, fork, 16)));
            assertThat(r.status()).as(r.bodyText()).isEqualTo(409);
            // And the honest log's history is still what the witness holds.
            Checkpoint latest = witness.state().latest(ORIGIN).orElseThrow();
            assertThat(latest.rootHash()).isEqualTo(reader.root(15));
            // An honest extension by the stand-in key (the rotated log key) is still cosigned.
            List<String> extended = new ArrayList<>(ENTRIES);
            extended.add("sixteen");
            TestTree honest = TestTree.of(extended);
            assertThat(honest.root(15)).isEqualTo(reader.root(15));
            r = witness.addCheckpoint(Requests.body(15, honest.consistency(15, 16), Requests.checkpoint(standIn, ORIGIN, honest, 16)));
            assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        }
    }

    /**
     * The whole 200 body pinned against an implementation written apart from Plumbline: Python's
     * {@code cryptography} 48.0.0, following only C2SP tlog-cosignature v1.0.1 (key ID =
     * SHA-256("witness.example/w1" || 0x0A || 0x04 || public key)[:4], signature over
     * {@code cosignature/v1\ntime 1679315147\n} and the checkpoint text), with the RFC 8032 test 1 seed
     * as the witness key and Tessera's {@code checkpoint.15}. Ed25519 is deterministic, so the line must
     * match byte for byte.
     */
    @Test
    void theCosignatureLineIsByteForByteWhatAnIndependentImplementationComputes() throws Exception {
        byte[] seed = java.util.HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        SigningKey key = SigningKey.fromSeed("witness.example/w1", KeyType.COSIGNATURE_V1, seed);
        assertThat(key.verifierKey().text()).isEqualTo("witness.example/w1+eb762cc2+BNdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea");
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.ofEpochSecond(1679315147), java.time.ZoneOffset.UTC);
        try (Witness witness = Witness.open(key, logs(), WitnessState.open(state), clock)) {
            Witness.Response r = witness.addCheckpoint(Requests.body(0, List.of(), checkpoint(15)));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo("— witness.example/w1 63YswgAAAABkGFDL4K5yyNZQgOZFII39od4xuO7SSfdaPNP4QdOQU/z7quroZqt"
                    + "StjKU8fqJ0Mg6x5wiCE0TUVR12NEqxxQkjQlkBw==\n");
        }
    }

    @Test
    void aForkSeenFirstIsRefusedItsTesseraOriginalAfterwards() throws Exception {
        // A fresh witness shown the fork at size 5 first cosigns it (it cannot know better) and then refuses
        // Tessera's own checkpoint at 5 and every Tessera checkpoint after it: the split view is now visible.
        List<String> forked = new ArrayList<>(ENTRIES);
        forked.set(3, "FOUR");
        TestTree fork = TestTree.of(forked);
        LogReader reader = new LogReader(DirectoryStorage.open(tessera));
        try (Witness witness = Witness.open(witnessKey, logs(), state)) {
            assertThat(witness.addCheckpoint(Requests.body(0, List.of(), Requests.checkpoint(standIn, ORIGIN, fork, 5))).status())
                    .isEqualTo(200);
            assertThat(witness.addCheckpoint(Requests.body(5, List.of(), checkpoint(5))).status()).isEqualTo(409);
            assertThat(witness.addCheckpoint(Requests.body(5, reader.consistencyProof(5, 15), checkpoint(15))).status())
                    .isEqualTo(422);
        }
    }
}
