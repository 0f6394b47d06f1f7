package org.plumbline.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.plumbline.log.hash.Sha256;

class KeyWrapTest {
    @Test
    void aes256GcmKnownAnswers() {
        // McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 13 and 14 (256-bit zero key, 96-bit
        // zero IV): the empty plaintext, and one zero block.
        byte[] key = new byte[32];
        byte[] iv = new byte[12];
        assertThat(Sha256.hex(KeyWrap.gcm(Cipher.ENCRYPT_MODE, key, iv, null, new byte[0])))
                .isEqualTo("530f8afbc74536b9a963b4f1c4cb738b");
        assertThat(Sha256.hex(KeyWrap.gcm(Cipher.ENCRYPT_MODE, key, iv, null, new byte[16])))
                .isEqualTo("cea7403d4d606b6e074ec5d3baf39d18" + "d0d1c8a799996bf0265b98b5d48ab919");
    }

    @Test
    void unwrapsOnlyWithTheKeyAndBinding() {
        byte[] key = new byte[32];
        key[0] = 7;
        byte[] secret = "a private key of 32 bytes length".getBytes();
        byte[] wrapped = KeyWrap.wrap(key, secret, "concern/1".getBytes());
        assertThat(KeyWrap.unwrap(key, wrapped, "concern/1".getBytes())).isEqualTo(secret);
        byte[] wrong = key.clone();
        wrong[1] = 1;
        assertThatThrownBy(() -> KeyWrap.unwrap(wrong, wrapped, "concern/1".getBytes())).isInstanceOf(CryptoFailure.class);
        assertThatThrownBy(() -> KeyWrap.unwrap(key, wrapped, "concern/2".getBytes())).isInstanceOf(CryptoFailure.class);
        assertThatThrownBy(() -> KeyWrap.unwrap(key, new byte[5], null)).isInstanceOf(CryptoFailure.class);
        assertThat(KeyWrap.wrap(key, secret, null)).isNotEqualTo(KeyWrap.wrap(key, secret, null));
    }
}
