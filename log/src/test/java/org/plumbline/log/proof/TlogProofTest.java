package org.plumbline.log.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plumbline.log.TestData;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.policy.Policy;

class TlogProofTest {
    static final String TESSERA_VKEY =
            "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";
    static final List<String> TESSERA_ENTRIES = List.of("one", "two", "three", "four", "five", "six", "seven",
            "eit", "nain", "ten", "ileven", "twelf", "threeten", "fourten", "fivten");

    static final SigningKey LOG = SigningKey.generate("example.org/records", KeyType.ED25519);
    static final SigningKey W1 = SigningKey.generate("w1.example", KeyType.COSIGNATURE_V1);
    static final SigningKey W2 = SigningKey.generate("w2.example", KeyType.COSIGNATURE_V1);
    static final SigningKey W3 = SigningKey.generate("w3.example", KeyType.COSIGNATURE_V1);

    static final List<byte[]> ENTRIES = new ArrayList<>();
    static final ReferenceTree TREE;

    static {
        for (int i = 0; i < 21; i++) {
            ENTRIES.add(("{\"type\":\"record\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        TREE = new ReferenceTree(ENTRIES);
    }

    static Policy policy() throws Exception {
        return Policy.parse("log " + LOG.verifierKey().text() + "\n"
                + "witness a " + W1.verifierKey().text() + "\n"
                + "witness b " + W2.verifierKey().text() + "\n"
                + "witness c " + W3.verifierKey().text() + "\n"
                + "group two-of-three 2 a b c\nquorum two-of-three\n");
    }

    static byte[] cosignedCheckpoint(SigningKey... witnesses) {
        Checkpoint c = new Checkpoint(LOG.name(), ENTRIES.size(), TREE.root());
        SignedNote note = SignedNote.sign(c.text(), LOG);
        for (SigningKey w : witnesses) {
            note = note.withSignatures(List.of(w.sign(c.text(), Instant.ofEpochSecond(1_760_000_000L))));
        }
        return note.toBytes();
    }

    static TlogProof proofFor(int index, byte[] extra) {
        return new TlogProof(index, TREE.inclusionProof(index), cosignedCheckpoint(W1, W3), extra);
    }

    @Test
    void everyEntryOfATesseraLogIsProvenAgainstItsRealSignedCheckpoint() throws Exception {
        Path dir = TestData.dir("tessera-log");
        byte[] checkpoint = Files.readAllBytes(dir.resolve("checkpoint.15"));
        Policy policy = Policy.parse("log " + TESSERA_VKEY + "\nquorum none\n");
        List<byte[]> entries = TESSERA_ENTRIES.stream().map(s -> s.getBytes(StandardCharsets.US_ASCII)).toList();
        ReferenceTree tree = new ReferenceTree(entries);
        for (int i = 0; i < entries.size(); i++) {
            byte[] file = new TlogProof(i, tree.inclusionProof(i), checkpoint).toBytes();
            Checkpoint c = TlogProof.verify(file, entries.get(i), policy);
            assertThat(c.size()).isEqualTo(15);
            int other = (i + 1) % entries.size();
            assertThatThrownBy(() -> TlogProof.verify(file, entries.get(other), policy))
                    .isInstanceOf(ProofVerificationException.class)
                    .hasMessageContaining("entry is not proven at index " + i + " of example.com/log/testdata size 15");
        }
    }

    @Test
    void writesTheSpecLayoutExactly() {
        TlogProof p = proofFor(5, "hello".getBytes(StandardCharsets.US_ASCII));
        String text = new String(p.toBytes(), StandardCharsets.UTF_8);
        StringBuilder expected = new StringBuilder("c2sp.org/tlog-proof@v1\nextra aGVsbG8=\nindex 5\n");
        for (byte[] h : TREE.inclusionProof(5)) {
            expected.append(Base64.getEncoder().encodeToString(h)).append('\n');
        }
        expected.append('\n').append(new String(cosignedCheckpoint(W1, W3), StandardCharsets.UTF_8));
        assertThat(text).isEqualTo(expected.toString());
        assertThat(new String(proofFor(5, new byte[0]).toBytes(), StandardCharsets.UTF_8))
                .startsWith("c2sp.org/tlog-proof@v1\nindex 5\n");
    }

    @Test
    void roundTripsAndVerifiesForEveryIndex() throws Exception {
        Policy policy = policy();
        for (int i = 0; i < ENTRIES.size(); i++) {
            TlogProof p = proofFor(i, i % 2 == 0 ? new byte[0] : new byte[] {(byte) i});
            byte[] file = p.toBytes();
            TlogProof parsed = TlogProof.parse(file);
            assertThat(parsed).isEqualTo(p);
            assertThat(parsed.toBytes()).isEqualTo(file);
            Checkpoint c = TlogProof.verify(file, ENTRIES.get(i), policy);
            assertThat(c.origin()).isEqualTo("example.org/records");
            assertThat(c.size()).isEqualTo(ENTRIES.size());
        }
    }

    @Test
    void quorumIsEnforced() throws Exception {
        byte[] oneWitness = new TlogProof(3, TREE.inclusionProof(3), cosignedCheckpoint(W2)).toBytes();
        assertThatThrownBy(() -> TlogProof.verify(oneWitness, ENTRIES.get(3), policy()))
                .isInstanceOf(ProofVerificationException.class)
                .hasMessageContaining("checkpoint is not trusted by the policy: witness quorum not met");
    }

    @Test
    void aBitFlipInAnyByteOutsideTheExtraDataIsCaught() throws Exception {
        Policy policy = policy();
        byte[] file = proofFor(6, "context".getBytes(StandardCharsets.US_ASCII)).toBytes();
        String text = new String(file, StandardCharsets.UTF_8);
        int extraStart = text.indexOf("extra ") + "extra ".length();
        int extraEnd = text.indexOf('\n', extraStart);
        TlogProof.verify(file, ENTRIES.get(6), policy);
        int checked = 0;
        for (int i = 0; i < file.length; i++) {
            if (i >= extraStart && i < extraEnd) {
                continue;
            }
            // One bit per byte, rotating through the bit positions, keeps this fast and still touches
            // every byte of the header, index, hashes, checkpoint text and signatures.
            for (int bit = i % 8, n = 0; n < 2; bit = (bit + 3) % 8, n++) {
                byte[] bad = file.clone();
                bad[i] ^= (byte) (1 << bit);
                try {
                    TlogProof.verify(bad, ENTRIES.get(6), policy);
                    fail("flipping bit " + bit + " of byte " + i + " still verified");
                } catch (ProofVerificationException expected) {
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void extraDataIsNotAuthenticated() throws Exception {
        // Documented behaviour: the spec says applications must not trust extra data implicitly.
        TlogProof a = proofFor(2, "one".getBytes(StandardCharsets.US_ASCII));
        TlogProof b = new TlogProof(a.index(), a.inclusionProof(), a.checkpoint(), "two".getBytes(StandardCharsets.US_ASCII));
        assertThat(TlogProof.verify(b.toBytes(), ENTRIES.get(2), policy()).size()).isEqualTo(ENTRIES.size());
    }

    @Test
    void wrongIndexOrTamperedHashesFail() throws Exception {
        Policy policy = policy();
        TlogProof good = proofFor(9, new byte[0]);
        for (long index : new long[] {8, 10, 20, 21, 1L << 40}) {
            TlogProof moved = new TlogProof(index, good.inclusionProof(), good.checkpoint());
            assertThatThrownBy(() -> moved.verify(ENTRIES.get(9), policy))
                    .as("index %d", index).isInstanceOf(ProofVerificationException.class);
        }
        List<byte[]> hashes = good.inclusionProof();
        for (int h = 0; h < hashes.size(); h++) {
            for (int bit = 0; bit < 256; bit += 31) {
                List<byte[]> bad = good.inclusionProof();
                bad.get(h)[bit / 8] ^= (byte) (1 << (bit % 8));
                TlogProof t = new TlogProof(9, bad, good.checkpoint());
                assertThatThrownBy(() -> t.verify(ENTRIES.get(9), policy))
                        .isInstanceOf(ProofVerificationException.class)
                        .hasMessageContaining("does not lead to the root");
            }
        }
        assertThatThrownBy(() -> new TlogProof(9, hashes.subList(0, hashes.size() - 1), good.checkpoint())
                        .verify(ENTRIES.get(9), policy))
                .isInstanceOf(ProofVerificationException.class).hasMessageContaining("too few hashes");
    }

    @Test
    void valuesAreDefensivelyCopied() {
        TlogProof p = proofFor(1, new byte[] {1, 2});
        p.inclusionProof().get(0)[0] ^= 1;
        p.checkpoint()[0] ^= 1;
        p.extraData()[0] ^= 1;
        assertThat(p).isEqualTo(proofFor(1, new byte[] {1, 2}));
    }

    @Test
    void constructorRefusesWhatCannotBeWritten() {
        byte[] cp = cosignedCheckpoint();
        assertThatThrownBy(() -> new TlogProof(-1, List.of(), cp)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TlogProof(0, List.of(new byte[31]), cp)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TlogProof(0, List.of(), "not a note\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a signed checkpoint");
    }

    static final String H = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty                   | ''                                                           | proof line 1: expected "c2sp.org/tlog-proof@v1"
            wrong version           | 'c2sp.org/tlog-proof@v2\\nindex 0\\n\\nCP'                    | proof line 1: expected
            header with CR          | 'c2sp.org/tlog-proof@v1\\r\\nindex 0\\n\\nCP'                 | proof line 1: byte 0x0d at column 23
            missing index           | 'c2sp.org/tlog-proof@v1\\n\\nCP'                              | proof line 2: expected "index <n>"
            index leading zero      | 'c2sp.org/tlog-proof@v1\\nindex 01\\n\\nCP'                   | proof line 2: index must be a decimal number without leading zeros
            index negative          | 'c2sp.org/tlog-proof@v1\\nindex -1\\n\\nCP'                   | index must be a decimal number
            index two spaces        | 'c2sp.org/tlog-proof@v1\\nindex  1\\n\\nCP'                   | index must be a decimal number
            index too large         | 'c2sp.org/tlog-proof@v1\\nindex 9223372036854775808\\n\\nCP'  | index is larger than 2^63-1
            extra after index       | 'c2sp.org/tlog-proof@v1\\nindex 0\\nextra AA==\\n\\nCP'      | proof line 3: inclusion proof hash is not canonical base64
            empty extra             | 'c2sp.org/tlog-proof@v1\\nextra \\nindex 0\\n\\nCP'           | proof line 2: extra data is empty
            bad extra               | 'c2sp.org/tlog-proof@v1\\nextra A\\nindex 0\\n\\nCP'          | proof line 2: extra data is not canonical base64
            short hash              | 'c2sp.org/tlog-proof@v1\\nindex 0\\nAAAA\\n\\nCP'             | proof line 3: inclusion proof hash is 3 bytes, expected 32
            hash with space         | 'c2sp.org/tlog-proof@v1\\nindex 0\\n HASH\\n\\nCP'            | proof line 3: inclusion proof hash is not canonical base64
            no blank line           | 'c2sp.org/tlog-proof@v1\\nindex 0\\nHASH\\n'                  | proof line 4: proof ends before the blank line
            no checkpoint           | 'c2sp.org/tlog-proof@v1\\nindex 0\\n\\n'                      | proof line 4: the signed checkpoint is missing
            not a note              | 'c2sp.org/tlog-proof@v1\\nindex 0\\n\\nhello\\n'              | proof line 4 onwards (signed checkpoint): note has no blank line
            note but no checkpoint  | 'c2sp.org/tlog-proof@v1\\nindex 0\\n\\nhello\\n\\n— a AAAAAQAAAAE=\\n' | proof line 4 onwards (signed checkpoint): checkpoint has 1 line(s)
            """)
    void malformedProofsAreRefusedWithLineAndReason(String what, String text, String reason) {
        String cp = new String(cosignedCheckpoint(), StandardCharsets.UTF_8);
        byte[] file = text.translateEscapes().replace("HASH", H).replace("CP", cp).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TlogProof.parse(file))
                .as(what).isInstanceOf(ProofFormatException.class).hasMessageContaining(reason);
        assertThatThrownBy(() -> TlogProof.verify(file, new byte[0], policy()))
                .as(what).isInstanceOf(ProofVerificationException.class).hasMessageStartingWith("malformed proof: ");
    }

    @Test
    void tooManyHashesAreRefused() {
        StringBuilder b = new StringBuilder("c2sp.org/tlog-proof@v1\nindex 0\n");
        for (int i = 0; i < 64; i++) {
            b.append(H).append('\n');
        }
        b.append('\n').append(new String(cosignedCheckpoint(), StandardCharsets.UTF_8));
        assertThatThrownBy(() -> TlogProof.parse(b.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProofFormatException.class).hasMessageContaining("proof line 66: more than 63 inclusion proof hashes");
    }
}
