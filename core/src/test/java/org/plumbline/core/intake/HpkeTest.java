package org.plumbline.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.hybrid.internal.HpkeContext;
import com.google.crypto.tink.hybrid.internal.HpkeKemKeyFactory;
import com.google.crypto.tink.hybrid.internal.HpkePrimitiveFactory;
import com.google.crypto.tink.util.Bytes;
import com.google.crypto.tink.util.SecretBytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.plumbline.log.hash.Sha256;

class HpkeTest {
    // RFC 9180 appendix A.2.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305, base mode —
    // the suite Hpke uses. Sequence number 0.
    private static final byte[] INFO = Sha256.unhex("4f6465206f6e2061204772656369616e2055726e");
    private static final byte[] SK_R = Sha256.unhex("8057991eef8f1f1af18f4a9491d16a1ce333f695d4db8e38da75975c4478e0fb");
    private static final byte[] PK_R = Sha256.unhex("4310ee97d88cc1f088a5576c77ab0cf5c3ac797f3d95139c6c84b5429c59662a");
    private static final byte[] ENC = Sha256.unhex("1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a");
    private static final byte[] AAD = Sha256.unhex("436f756e742d30");
    private static final byte[] PT = Sha256.unhex("4265617574792069732074727574682c20747275746820626561757479");
    private static final byte[] CT = Sha256.unhex(
            "1c5250d8034ec2b784ba2cfd69dbdb8af406cfe3ff938e131f0def8c8b60b4db21993c62ce81883d2dd1b51a28");

    @Test
    void tinkOpensTheRfc9180VectorOfTheSuiteWeUse() throws Exception {
        // The RFC's encryptions carry associated data ("Count-0"), which Tink's HybridDecrypt does not take, so
        // the vector goes through Tink's own HPKE context (internal API, used here only to check the primitive).
        HpkePublicKey pub = HpkePublicKey.create(Hpke.SUITE, Bytes.copyFrom(PK_R), null);
        HpkePrivateKey priv = HpkePrivateKey.create(pub, SecretBytes.copyFrom(SK_R, InsecureSecretKeyAccess.get()));
        HpkeContext context = HpkeContext.createRecipientContext(ENC, HpkeKemKeyFactory.createPrivate(priv),
                HpkePrimitiveFactory.createKem(Hpke.SUITE.getKemId()), HpkePrimitiveFactory.createKdf(Hpke.SUITE.getKdfId()),
                HpkePrimitiveFactory.createAead(Hpke.SUITE.getAeadId()), INFO);
        assertThat(context.open(CT, AAD)).isEqualTo(PT);
    }

    @Test
    void theVectorsKeyPairIsRecognised() {
        assertThat(Hpke.matches(PK_R, SK_R)).isTrue();
        assertThat(Hpke.matches(ENC, SK_R)).isFalse();
    }

    @Test
    void sealedOpensOnlyWithItsKeyAndInfo() {
        Hpke.KeyPair pair = Hpke.generate();
        Hpke.KeyPair other = Hpke.generate();
        byte[] info = "concern/1".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = Hpke.seal(pair.publicKey(), "a report".getBytes(StandardCharsets.UTF_8), info);
        assertThat(new String(Hpke.open(pair.privateKey(), sealed, info), StandardCharsets.UTF_8)).isEqualTo("a report");
        assertThat(sealed).hasSize(32 + "a report".length() + 16); // enc ‖ ciphertext ‖ tag
        assertThatThrownBy(() -> Hpke.open(other.privateKey(), sealed, info)).isInstanceOf(CryptoFailure.class);
        assertThatThrownBy(() -> Hpke.open(pair.privateKey(), sealed, "concern/2".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CryptoFailure.class);
        byte[] altered = sealed.clone();
        altered[40] ^= 1;
        assertThatThrownBy(() -> Hpke.open(pair.privateKey(), altered, info)).isInstanceOf(CryptoFailure.class);
        // Two seals of one message differ (fresh ephemeral key each time).
        assertThat(Hpke.seal(pair.publicKey(), "a report".getBytes(StandardCharsets.UTF_8), info)).isNotEqualTo(sealed);
        assertThat(pair.toString()).doesNotContain(Sha256.hex(pair.privateKey()));
    }
}
