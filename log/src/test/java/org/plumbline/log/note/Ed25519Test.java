package org.plumbline.log.note;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 8032 section 7.1 test vectors: seed-to-public-key derivation and signatures over the JDK. */
class Ed25519Test {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void rfc8032Test1EmptyMessage() {
        byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] pub = Ed25519.publicKey(seed);
        assertThat(HEX.formatHex(pub)).isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        byte[] sig = Ed25519.sign(Ed25519.privateKey(seed), new byte[0]);
        assertThat(HEX.formatHex(sig))
                .isEqualTo("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                        + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        assertThat(Ed25519.verify(Ed25519.publicKeyObject(pub), new byte[0], sig)).isTrue();
    }

    @Test
    void rfc8032Test2OneByteMessage() {
        byte[] seed = HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
        byte[] pub = Ed25519.publicKey(seed);
        assertThat(HEX.formatHex(pub)).isEqualTo("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        byte[] msg = HEX.parseHex("72");
        byte[] sig = Ed25519.sign(Ed25519.privateKey(seed), msg);
        assertThat(HEX.formatHex(sig))
                .isEqualTo("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                        + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        assertThat(Ed25519.verify(Ed25519.publicKeyObject(pub), msg, sig)).isTrue();
    }

    @Test
    void wrongMessageOrMangledSignatureDoesNotVerify() {
        byte[] seed = HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
        var pub = Ed25519.publicKeyObject(Ed25519.publicKey(seed));
        byte[] sig = Ed25519.sign(Ed25519.privateKey(seed), new byte[] {0x72});
        assertThat(Ed25519.verify(pub, new byte[] {0x73}, sig)).isFalse();
        for (int bit = 0; bit < sig.length * 8; bit += 7) {
            byte[] bad = sig.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(Ed25519.verify(pub, new byte[] {0x72}, bad)).as("bit %d", bit).isFalse();
        }
        assertThat(Ed25519.verify(pub, new byte[] {0x72}, new byte[63])).isFalse();
        assertThat(Ed25519.verify(pub, new byte[] {0x72}, new byte[64])).isFalse();
    }
}
