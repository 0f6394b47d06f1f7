package org.plumbline.log.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Key text forms. The expected strings were computed independently of this code (Python's
 * cryptography package, the RFC 8032 test 1 seed, and the key ID/encoding rules of signed-note and
 * golang.org/x/mod/sumdb/note), so these are known answers, not round trips.
 */
class KeysTest {
    static final String PRIVATE_KEY =
            "PRIVATE+KEY+plumbline.example/test+784fa457+AZ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g";
    static final String VERIFIER_KEY =
            "plumbline.example/test+784fa457+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea";
    static final String COSIGNER_VERIFIER_KEY =
            "plumbline.example/test+bb7691ea+BNdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea";
    static final String CHECKPOINT_TEXT =
            "plumbline.example/test\n3\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n";
    static final String CHECKPOINT_SIGNATURE =
            "eE+kV6LplSRZWRl71OUi4E78LCAvlucA4tg7Ijl2y+W5/f3erMmBN466U/ejcp8Xc9H7AQnhxL/lnspc7mFD39UuMws=";
    static final String COSIGNATURE_AT_1700000000 =
            "u3aR6gAAAABlU/EAIRsWatlmxTHMEAJrADsaPn8Fxr4/4SmHrh3AJ4Sp2MVLuGz7mVE2LVva69+pyhsHsYklTf/mUbeLo/TNSkOvDw==";
    static final byte[] SEED = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

    @Test
    void privateKeyTextParsesToTheKnownVerifierKey() throws Exception {
        SigningKey key = SigningKey.parse(PRIVATE_KEY);
        assertThat(key.name()).isEqualTo("plumbline.example/test");
        assertThat(key.type()).isEqualTo(KeyType.ED25519);
        assertThat(key.verifierKey().text()).isEqualTo(VERIFIER_KEY);
        assertThat(key.verifierKey().keyId()).isEqualTo(0x784fa457);
        assertThat(key.privateKeyText()).isEqualTo(PRIVATE_KEY);
        assertThat(key.toString()).doesNotContain("AZ1hsZ3v");
    }

    @Test
    void verifierKeyTextRoundTrips() throws Exception {
        VerifierKey v = VerifierKey.parse(VERIFIER_KEY);
        assertThat(v.text()).isEqualTo(VERIFIER_KEY);
        assertThat(v).isEqualTo(SigningKey.parse(PRIVATE_KEY).verifierKey());
        assertThat(HexFormat.of().formatHex(v.publicKey()))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    }

    @Test
    void cosignerKeyUsesType4InKeyIdAndEncoding() throws Exception {
        SigningKey cosigner = SigningKey.fromSeed("plumbline.example/test", KeyType.COSIGNATURE_V1, SEED);
        assertThat(cosigner.verifierKey().text()).isEqualTo(COSIGNER_VERIFIER_KEY);
        assertThat(SigningKey.parse(cosigner.privateKeyText()).verifierKey().text()).isEqualTo(COSIGNER_VERIFIER_KEY);
        assertThat(VerifierKey.parse(COSIGNER_VERIFIER_KEY).type()).isEqualTo(KeyType.COSIGNATURE_V1);
    }

    @Test
    void ed25519NoteSignatureMatchesKnownAnswer() throws Exception {
        NoteSignature s = SigningKey.parse(PRIVATE_KEY).sign(CHECKPOINT_TEXT);
        assertThat(s.line()).isEqualTo("— plumbline.example/test " + CHECKPOINT_SIGNATURE + "\n");
    }

    @Test
    void cosignatureMatchesKnownAnswer() {
        SigningKey cosigner = SigningKey.fromSeed("plumbline.example/test", KeyType.COSIGNATURE_V1, SEED);
        NoteSignature s = cosigner.sign(CHECKPOINT_TEXT, Instant.ofEpochSecond(1_700_000_000L, 999_000_000));
        assertThat(Base64.getEncoder().encodeToString(
                        java.nio.ByteBuffer.allocate(4 + s.signature().length).putInt(s.keyId()).put(s.signature()).array()))
                .isEqualTo(COSIGNATURE_AT_1700000000);
    }

    @Test
    void generatedKeysAreFreshAndConsistent() throws Exception {
        SigningKey a = SigningKey.generate("example.org/log", KeyType.ED25519);
        SigningKey b = SigningKey.generate("example.org/log", KeyType.ED25519);
        assertThat(a.privateKeyText()).isNotEqualTo(b.privateKeyText()).startsWith("PRIVATE+KEY+example.org/log+");
        SigningKey reparsed = SigningKey.parse(a.privateKeyText());
        assertThat(reparsed.verifierKey()).isEqualTo(a.verifierKey());
        assertThat(VerifierKey.parse(a.verifierKey().text())).isEqualTo(a.verifierKey());
        assertThatThrownBy(() -> SigningKey.generate("bad name", KeyType.ED25519))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("space");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no plus                | plumbline.example                                                                | has no '+'
            one plus               | plumbline.example+784fa457                                                       | has one '+'
            empty name             | +784fa457+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea                           | key name is empty
            space in name          | a b+784fa457+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea                        | space character U+0020
            nbsp in name           | a\u00a0b+784fa457+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea                   | space character U+00A0
            short key id           | plumbline.example/test+784fa45+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea      | 8 hex digits
            non-hex key id         | plumbline.example/test+784fa45g+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea     | 8 hex digits
            wrong key id           | plumbline.example/test+784fa458+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea     | does not match the key (it should be 784fa457)
            renamed key            | plumbline.example/other+784fa457+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea    | does not match the key
            bad base64             | plumbline.example/test+784fa457+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1E!     | not canonical base64
            unpadded base64        | plumbline.example/test+784fa457+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1E      | not canonical base64
            space in base64        | plumbline.example/test+784fa457+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3 1Ea    | not canonical base64
            empty key data         | plumbline.example/test+784fa457+                                                 | key data is empty
            unsupported type       | plumbline.example/test+784fa457+AtdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea     | unsupported signature type 0x02
            short key              | plumbline.example/test+784fa457+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1E=     | public key is 31 bytes, expected 32
            trailing newline       | 'plumbline.example/test+784fa457+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea\\n' | not canonical base64
            """)
    void malformedVerifierKeysAreRefusedWithTheReason(String what, String text, String reason) {
        String unescaped = text.translateEscapes();
        assertThatThrownBy(() -> VerifierKey.parse(unescaped))
                .as(what).isInstanceOf(KeyFormatException.class).hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no prefix        | plumbline.example/test+784fa457+AZ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g             | must start with PRIVATE+KEY+
            lower-case tag   | private+key+plumbline.example/test+784fa457+AZ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g | must start with PRIVATE+KEY+
            wrong key id     | PRIVATE+KEY+plumbline.example/test+784fa458+AZ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g | does not match the key
            short seed       | PRIVATE+KEY+plumbline.example/test+784fa457+AZ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrg== | seed is 30 bytes
            missing parts    | PRIVATE+KEY+plumbline.example/test                                                       | expected PRIVATE+KEY+name+keyid+base64key
            plus in name     | PRIVATE+KEY+a+b+784fa457+AZ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g                    | 8 hex digits
            """)
    void malformedPrivateKeysAreRefusedWithTheReason(String what, String text, String reason) {
        assertThatThrownBy(() -> SigningKey.parse(text))
                .as(what).isInstanceOf(KeyFormatException.class).hasMessageContaining(reason);
    }

    @Test
    void upperCaseKeyIdIsAcceptedLikeGoButWrittenLowerCase() throws Exception {
        VerifierKey v = VerifierKey.parse(VERIFIER_KEY.replace("784fa457", "784FA457"));
        assertThat(v.text()).isEqualTo(VERIFIER_KEY);
    }

    /** RFC 8032 section 7.1, test 1: the signature of the empty message under {@link #SEED}. */
    static final String RFC8032_TEST1_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065"
            + "224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    @Test
    void aBareSignatureIsRfc8032sAndVerifiesOnlyForItsMessageAndKey() throws Exception {
        SigningKey key = SigningKey.fromSeed("plumbline.example/test", KeyType.ED25519, SEED);
        assertThat(key.privateKeyText()).isEqualTo(PRIVATE_KEY);
        byte[] signature = key.signRaw(new byte[0]);
        assertThat(HexFormat.of().formatHex(signature)).isEqualTo(RFC8032_TEST1_SIGNATURE);
        assertThat(key.verifierKey().verifyRaw(new byte[0], signature)).isTrue();
        assertThat(key.verifierKey().verifyRaw(new byte[] {0}, signature)).isFalse();
        VerifierKey other = SigningKey.generate("plumbline.example/test", KeyType.ED25519).verifierKey();
        assertThat(other.verifyRaw(new byte[0], signature)).isFalse();
        // The raw public key alone, under any name, checks the same signature.
        assertThat(VerifierKey.of("anyone", KeyType.ED25519, key.verifierKey().publicKey()).verifyRaw(new byte[0], signature))
                .isTrue();
    }

    @Test
    void aCosignerKeySignsNoBareMessages() {
        SigningKey cosigner = SigningKey.fromSeed("plumbline.example/test", KeyType.COSIGNATURE_V1, SEED);
        assertThatThrownBy(() -> cosigner.signRaw(new byte[0])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only an Ed25519 key");
    }

    @Test
    void keysFromSeedsAndPartsRefuseBadNamesAndSizes() {
        assertThatThrownBy(() -> SigningKey.fromSeed("bad name", KeyType.ED25519, SEED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningKey.fromSeed("ok", KeyType.ED25519, new byte[31]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VerifierKey.of("ok", KeyType.ED25519, new byte[31]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
