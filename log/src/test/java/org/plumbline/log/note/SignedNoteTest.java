package org.plumbline.log.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignedNoteTest {
    static final String TEXT = "example.org/log\n7\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n";
    static final SigningKey LOG = SigningKey.generate("example.org/log", KeyType.ED25519);
    static final SigningKey W1 = SigningKey.generate("w1.example", KeyType.COSIGNATURE_V1);
    static final SigningKey W2 = SigningKey.generate("w2.example", KeyType.COSIGNATURE_V1);

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signParseVerifyRoundTrip() throws Exception {
        SignedNote note = SignedNote.sign(TEXT, LOG);
        byte[] wire = note.toBytes();
        assertThat(new String(wire, StandardCharsets.UTF_8)).startsWith(TEXT + "\n— example.org/log ").endsWith("\n");
        SignedNote parsed = SignedNote.parse(wire);
        assertThat(parsed).isEqualTo(note);
        VerifiedNote v = parsed.verify(List.of(LOG.verifierKey()));
        assertThat(v.text()).isEqualTo(TEXT);
        assertThat(v.signedBy(LOG.verifierKey())).isTrue();
        assertThat(v.signers().get(0).timestamp()).isEmpty();
    }

    @Test
    void cosignaturesVerifyAndCarryTheirTimestamp() throws Exception {
        SignedNote note = SignedNote.sign(TEXT, LOG)
                .withSignatures(List.of(W1.sign(TEXT, Instant.ofEpochSecond(1_700_000_123L))));
        VerifiedNote v = SignedNote.open(note.toBytes(), List.of(LOG.verifierKey(), W1.verifierKey()));
        assertThat(v.signers()).hasSize(2);
        assertThat(v.signers().get(1).key()).isEqualTo(W1.verifierKey());
        assertThat(v.signers().get(1).timestamp()).hasValue(1_700_000_123L);
    }

    @Test
    void aCosignatureIsOverTheCosignatureMessageNotThePlainText() throws Exception {
        // A witness key used as a plain Ed25519 key (type confusion) must not verify as a cosignature.
        SigningKey plain = SigningKey.fromSeed("w1.example", KeyType.ED25519, new byte[32]);
        SigningKey cosigner = SigningKey.fromSeed("w1.example", KeyType.COSIGNATURE_V1, new byte[32]);
        NoteSignature plainSig = plain.sign(TEXT);
        NoteSignature forged = new NoteSignature("w1.example", cosigner.verifierKey().keyId(),
                java.nio.ByteBuffer.allocate(72).putLong(0).put(plainSig.signature()).array());
        SignedNote note = SignedNote.sign(TEXT, LOG).withSignatures(List.of(forged));
        assertThatThrownBy(() -> note.verify(List.of(LOG.verifierKey(), cosigner.verifierKey())))
                .isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("cosignature by w1.example+");
    }

    @Test
    void sixteenAndAHundredSignaturesAreAcceptedButNotMore() throws Exception {
        List<SigningKey> keys = IntStream.range(0, 101)
                .mapToObj(i -> SigningKey.generate("signer" + i + ".example", i % 2 == 0 ? KeyType.ED25519 : KeyType.COSIGNATURE_V1))
                .toList();
        List<VerifierKey> all = keys.stream().map(SigningKey::verifierKey).toList();
        SignedNote sixteen = SignedNote.sign(TEXT, keys.subList(0, 16));
        assertThat(SignedNote.open(sixteen.toBytes(), all).signers()).hasSize(16);
        SignedNote hundred = SignedNote.sign(TEXT, keys.subList(0, 100));
        assertThat(SignedNote.open(hundred.toBytes(), all).signers()).hasSize(100);
        String tooMany = hundred + keys.get(100).sign(TEXT).line();
        assertThatThrownBy(() -> SignedNote.parse(bytes(tooMany)))
                .isInstanceOf(NoteFormatException.class).hasMessageContaining("more than 100 signature lines");
    }

    @Test
    void unknownSignersAreIgnored() throws Exception {
        SigningKey stranger = SigningKey.generate("stranger.example", KeyType.ED25519);
        // A line from the stranger, and a garbage signature claiming the log's name with another key ID.
        NoteSignature sameNameOtherId = new NoteSignature("example.org/log", LOG.verifierKey().keyId() + 1, new byte[64]);
        NoteSignature otherNameSameId = new NoteSignature("example.org/other", LOG.verifierKey().keyId(), new byte[64]);
        SignedNote note = SignedNote.sign(TEXT, stranger, LOG).withSignatures(List.of(sameNameOtherId, otherNameSameId));
        VerifiedNote v = SignedNote.open(note.toBytes(), List.of(LOG.verifierKey()));
        assertThat(v.signers()).extracting(VerifiedNote.Signer::key).containsExactly(LOG.verifierKey());
    }

    @Test
    void noTrustedSignatureIsRefused() throws Exception {
        SignedNote note = SignedNote.sign(TEXT, W1);
        assertThatThrownBy(() -> note.verify(List.of(LOG.verifierKey())))
                .isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("no signature from a trusted key")
                .hasMessageContaining("w1.example+");
        assertThatThrownBy(() -> note.verify(List.of()))
                .isInstanceOf(NoteVerificationException.class);
    }

    @Test
    void aBadSignatureFromATrustedKeyRefusesTheWholeNoteEvenIfAnotherVerifies() throws Exception {
        NoteSignature good = LOG.sign(TEXT);
        NoteSignature bad = W1.sign("other text\n");
        SignedNote note = SignedNote.sign(TEXT, LOG).withSignatures(List.of(
                new NoteSignature(bad.name(), bad.keyId(), bad.signature())));
        assertThat(note.signatures()).contains(good);
        assertThatThrownBy(() -> note.verify(List.of(LOG.verifierKey(), W1.verifierKey())))
                .isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("cosignature by w1.example+" + Text.hex8(W1.verifierKey().keyId()) + " does not verify");
    }

    @Test
    void duplicateLinesFromAKeyCountOnceButEachIsChecked() throws Exception {
        NoteSignature first = W1.sign(TEXT, Instant.ofEpochSecond(100));
        NoteSignature second = W1.sign(TEXT, Instant.ofEpochSecond(200));
        SignedNote note = SignedNote.sign(TEXT, LOG).withSignatures(List.of(first, second));
        VerifiedNote v = note.verify(List.of(LOG.verifierKey(), W1.verifierKey()));
        assertThat(v.signers()).hasSize(2);
        assertThat(v.signers().get(1).timestamp()).hasValue(100);

        byte[] mangled = second.signature();
        mangled[20] ^= 1;
        SignedNote withBadDuplicate = SignedNote.sign(TEXT, LOG)
                .withSignatures(List.of(first, new NoteSignature(second.name(), second.keyId(), mangled)));
        assertThatThrownBy(() -> withBadDuplicate.verify(List.of(LOG.verifierKey(), W1.verifierKey())))
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining("does not verify");
    }

    @Test
    void ambiguousTrustedKeysAreRefused() throws Exception {
        // A real (name, key ID) collision between two public keys needs ~2^32 key generations, so
        // the colliding twin is built with the log key's ID directly.
        VerifierKey real = LOG.verifierKey();
        byte[] otherKey = SigningKey.generate("x", KeyType.ED25519).verifierKey().publicKey();
        VerifierKey twin = new VerifierKey(real.name(), KeyType.ED25519, otherKey, real.keyId());
        SignedNote note = SignedNote.sign(TEXT, LOG);
        assertThatThrownBy(() -> note.verify(List.of(real, twin)))
                .isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("trusted keys are ambiguous: 2 different keys are named example.org/log+");
        // The same key listed twice is not ambiguous.
        assertThat(note.verify(List.of(real, VerifierKey.parse(real.text()))).signers()).hasSize(1);
    }

    @Test
    void wrongLengthCosignatureIsRefused() throws Exception {
        NoteSignature s = new NoteSignature(W1.name(), W1.verifierKey().keyId(), new byte[64]);
        SignedNote note = SignedNote.sign(TEXT, LOG).withSignatures(List.of(s));
        assertThatThrownBy(() -> note.verify(List.of(LOG.verifierKey(), W1.verifierKey())))
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining("is 64 bytes, expected 72");
    }

    @Test
    void cosignatureTimestampAbove2To63IsRefused() throws Exception {
        NoteSignature s = W1.sign(TEXT);
        byte[] sig = s.signature();
        sig[0] |= (byte) 0x80;
        SignedNote note = SignedNote.sign(TEXT, LOG).withSignatures(List.of(new NoteSignature(s.name(), s.keyId(), sig)));
        assertThatThrownBy(() -> note.verify(List.of(LOG.verifierKey(), W1.verifierKey())))
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining("2^63-1");
    }

    @Test
    void textMayContainBlankLinesTheLastOneSeparates() throws Exception {
        String text = "para one\n\npara two\n\n";
        SignedNote note = SignedNote.sign(text, LOG);
        SignedNote parsed = SignedNote.parse(note.toBytes());
        assertThat(parsed.text()).isEqualTo(text);
        assertThat(parsed.verify(List.of(LOG.verifierKey())).text()).isEqualTo(text);
    }

    @Test
    void signingRefusesTextThatCannotBeANote() {
        assertThatThrownBy(() -> SignedNote.sign("", LOG)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedNote.sign("no newline", LOG)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedNote.sign("tab\there\n", LOG)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedNote.sign("lone \ud800 surrogate\n", LOG)).isInstanceOf(IllegalArgumentException.class);
    }

    static final String SIG = "— example.org/log AAAAAQAAAAE=\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty                      | ''                                         | no blank line
            no blank line              | 'text\\n— a AAAAAQAAAAE=\\n'                | no blank line
            no signatures              | 'text\\n\\n'                               | no signature lines
            no final newline           | 'text\\n\\n— a AAAAAQAAAAE='               | does not end with a newline (line 3)
            hyphen not em dash         | 'text\\n\\n- a AAAAAQAAAAE=\\n'            | line 3: signature line must start with an em dash
            en dash                    | 'text\\n\\n– a AAAAAQAAAAE=\\n'            | must start with an em dash
            no space after dash        | 'text\\n\\n—a AAAAAQAAAAE=\\n'             | must start with an em dash
            missing signature          | 'text\\n\\n— a\\n'                         | signature line must be
            empty name                 | 'text\\n\\n—  AAAAAQAAAAE=\\n'             | key name is empty
            plus in name               | 'text\\n\\n— a+b AAAAAQAAAAE=\\n'          | key name contains '+'
            ideographic space in name  | 'text\\n\\n— a\u3000b AAAAAQAAAAE=\\n'     | space character U+3000
            two spaces                 | 'text\\n\\n— a  AAAAAQAAAAE=\\n'           | not canonical base64
            trailing space             | 'text\\n\\n— a AAAAAQAAAAE= \\n'           | not canonical base64
            bad base64                 | 'text\\n\\n— a AAAA*QAAAAE=\\n'            | not canonical base64
            non-canonical base64       | 'text\\n\\n— a AAAAAQAAAAF=\\n'            | not canonical base64
            empty base64               | 'text\\n\\n— a \\n'                        | is 0 bytes
            signature too short        | 'text\\n\\n— a AAAAAQ==\\n'                | is 4 bytes, less than a key ID and a signature
            second line bad            | 'a\\nb\\n\\n— a AAAAAQAAAAE=\\nx\\n'      | note line 5: signature line must start
            tab in text                | 'te\\txt\\n\\n— a AAAAAQAAAAE=\\n'         | note line 1: control character U+0009
            carriage return            | 'text\\r\\n\\n— a AAAAAQAAAAE=\\n'         | control character U+000D
            nul                        | 'a\\nt\\0xt\\n\\n— a AAAAAQAAAAE=\\n'      | note line 2: control character U+0000
            """)
    void malformedNotesAreRefusedWithTheReason(String what, String note, String reason) {
        String n = note.translateEscapes();
        assertThatThrownBy(() -> SignedNote.parse(bytes(n)))
                .as(what).isInstanceOf(NoteFormatException.class).hasMessageContaining(reason);
    }

    @Test
    void invalidUtf8IsRefusedWithItsOffset() {
        byte[] b = bytes("text\n\n" + SIG);
        byte[] bad = new byte[b.length + 1];
        System.arraycopy(b, 0, bad, 0, 2);
        bad[2] = (byte) 0xC0; // overlong encoding lead byte
        System.arraycopy(b, 2, bad, 3, b.length - 2);
        assertThatThrownBy(() -> SignedNote.parse(bad))
                .isInstanceOf(NoteFormatException.class).hasMessageContaining("not valid UTF-8 (at byte offset 2)");
        byte[] surrogate = bytes("text\n\n" + SIG);
        byte[] withSurrogate = new byte[surrogate.length + 3];
        withSurrogate[0] = (byte) 0xED;
        withSurrogate[1] = (byte) 0xA0;
        withSurrogate[2] = (byte) 0x80;
        System.arraycopy(surrogate, 0, withSurrogate, 3, surrogate.length);
        assertThatThrownBy(() -> SignedNote.parse(withSurrogate))
                .isInstanceOf(NoteFormatException.class).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void oversizedNoteIsRefusedBeforeParsing() {
        byte[] big = new byte[SignedNote.MAX_NOTE_BYTES + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        assertThatThrownBy(() -> SignedNote.parse(big))
                .isInstanceOf(NoteFormatException.class).hasMessageContaining("more than the limit of 1048576");
    }

    @Test
    void withSignaturesSkipsLinesAlreadyPresent() {
        NoteSignature w = W2.sign(TEXT);
        SignedNote note = SignedNote.sign(TEXT, LOG).withSignatures(List.of(w)).withSignatures(List.of(w));
        assertThat(note.signatures()).hasSize(2);
        List<NoteSignature> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(new NoteSignature("n" + i, i, new byte[] {1}));
        }
        assertThatThrownBy(() -> note.withSignatures(many)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bareSignatureLinesFromAWitnessParseAndAttach() throws Exception {
        NoteSignature w1 = W1.sign(TEXT);
        NoteSignature w2 = W2.sign(TEXT);
        List<NoteSignature> lines = NoteSignature.parseLines(bytes(w1.line() + w2.line()));
        assertThat(lines).containsExactly(w1, w2);
        SignedNote note = SignedNote.sign(TEXT, LOG).withSignatures(lines);
        assertThat(note.verify(List.of(LOG.verifierKey(), W1.verifierKey(), W2.verifierKey())).signers()).hasSize(3);
        assertThatThrownBy(() -> NoteSignature.parseLines(bytes("")))
                .isInstanceOf(NoteFormatException.class).hasMessageContaining("no signature lines");
        assertThatThrownBy(() -> NoteSignature.parseLines(bytes(w1.line().strip())))
                .isInstanceOf(NoteFormatException.class).hasMessageContaining("do not end with a newline");
        assertThatThrownBy(() -> NoteSignature.parseLines(bytes(w1.line() + "- x AAAAAQAAAAE=\n")))
                .isInstanceOf(NoteFormatException.class)
                .hasMessageContaining("signature lines line 2: signature line must start with an em dash");
    }
}
