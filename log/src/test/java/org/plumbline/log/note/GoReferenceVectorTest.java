package org.plumbline.log.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked example in golang.org/x/mod/sumdb/note's package documentation (the reference
 * implementation other tlog tools follow): its private key, verifier key and the exact signed note
 * Go prints. Ed25519 is deterministic, so producing the same bytes here shows keys and notes move
 * between Plumbline and the Go tools unchanged.
 */
class GoReferenceVectorTest {
    static final String SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String NOTE = TEXT + "\n"
            + "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    @Test
    void goPrivateKeyGivesGoVerifierKeyAndGoSignedNote() throws Exception {
        SigningKey key = SigningKey.parse(SKEY);
        assertThat(key.verifierKey().text()).isEqualTo(VKEY);
        assertThat(key.privateKeyText()).isEqualTo(SKEY);
        assertThat(new String(SignedNote.sign(TEXT, key).toBytes(), StandardCharsets.UTF_8)).isEqualTo(NOTE);
    }

    @Test
    void goSignedNoteVerifiesWithGoVerifierKey() throws Exception {
        VerifiedNote v = SignedNote.open(NOTE.getBytes(StandardCharsets.UTF_8), List.of(VerifierKey.parse(VKEY)));
        assertThat(v.text()).isEqualTo(TEXT);
    }

    @Test
    void keysWithWrongLengthOrUnknownAlgorithmAreRefusedEvenWithAMatchingKeyId() {
        // Both have key IDs recomputed to match their (bad) key data, so only the content is wrong.
        // Go refuses the first for its length; its base64 also has non-zero padding bits, which
        // Plumbline's canonical-only decoding refuses first.
        assertThatThrownBy(() -> VerifierKey.parse(
                        "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="))
                .isInstanceOf(KeyFormatException.class).hasMessageContaining("not canonical base64");
        assertThatThrownBy(() -> VerifierKey.parse(
                        "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .isInstanceOf(KeyFormatException.class).hasMessageContaining("unsupported signature type 0x65");
    }

    @Test
    void everyTruncationAndEveryOneByteChangeOfAKeyIsRefused() {
        for (String text : List.of(SKEY, VKEY)) {
            byte[] b = text.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i <= b.length; i++) {
                for (int j = i + 1; j <= b.length; j++) {
                    if (i == 0 && j == b.length) {
                        continue;
                    }
                    String part = new String(b, i, j - i, StandardCharsets.US_ASCII);
                    assertThatThrownBy(() -> parse(text == SKEY, part)).as(part).isInstanceOf(KeyFormatException.class);
                }
            }
            for (int i = 0; i < b.length; i++) {
                byte[] changed = b.clone();
                changed[i]++;
                String s = new String(changed, StandardCharsets.ISO_8859_1);
                assertThatThrownBy(() -> parse(text == SKEY, s)).as(s).isInstanceOf(KeyFormatException.class);
            }
        }
    }

    private static Object parse(boolean privateKey, String text) throws KeyFormatException {
        return privateKey ? SigningKey.parse(text) : VerifierKey.parse(text);
    }
}
