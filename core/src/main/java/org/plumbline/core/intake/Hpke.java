package org.plumbline.core.intake;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.subtle.X25519;
import com.google.crypto.tink.util.Bytes;
import com.google.crypto.tink.util.SecretBytes;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * HPKE (RFC 9180, base mode) in one suite: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305 —
 * the suite of RFC 9180 appendix A.2, whose vector {@code HpkeTest} checks. The implementation is Google
 * Tink's; keys are kept here as their raw 32 bytes so that they can be wrapped and stored without Tink's
 * keyset format. A ciphertext is the encapsulated key followed by the AEAD ciphertext (Tink's
 * {@code NO_PREFIX} variant); the {@code info} binds it to its use (e.g. which report, which purpose), so a
 * ciphertext moved to another report or another column does not open.
 */
public final class Hpke {
    /** An X25519 key pair: public and private key, 32 bytes each. */
    public record KeyPair(byte[] publicKey, byte[] privateKey) {
        @Override
        public String toString() {
            return "Hpke.KeyPair[private key hidden]";
        }
    }

    static final HpkeParameters SUITE;
    /** What {@link #seal} adds to the plaintext: the encapsulated key (32 bytes) and the AEAD tag (16). */
    public static final int OVERHEAD = 32 + 16;

    static {
        try {
            HybridConfig.register();
            SUITE = HpkeParameters.builder()
                    .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
                    .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
                    .setAeadId(HpkeParameters.AeadId.CHACHA20_POLY1305)
                    .setVariant(HpkeParameters.Variant.NO_PREFIX)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Hpke() {
    }

    /** A fresh key pair from the JDK's SecureRandom (through Tink). */
    public static KeyPair generate() {
        byte[] privateKey = X25519.generatePrivateKey();
        try {
            return new KeyPair(X25519.publicFromPrivate(privateKey), privateKey);
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Encrypts {@code plaintext} to {@code publicKey}; only its private key (and the same info) opens it. */
    public static byte[] seal(byte[] publicKey, byte[] plaintext, byte[] info) {
        try {
            return handle(publicKey(publicKey)).getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class)
                    .encrypt(plaintext, info);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an X25519 public key", e);
        }
    }

    /**
     * Opens what {@link #seal} made for this key pair's public key.
     *
     * @throws CryptoFailure if it was sealed to another key, with another info, or altered
     */
    public static byte[] open(byte[] privateKey, byte[] ciphertext, byte[] info) {
        HybridDecrypt decrypt;
        try {
            HpkePrivateKey key = HpkePrivateKey.create(publicKey(X25519.publicFromPrivate(privateKey)),
                    SecretBytes.copyFrom(privateKey, InsecureSecretKeyAccess.get()));
            decrypt = handle(key).getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an X25519 private key", e);
        }
        try {
            return decrypt.decrypt(ciphertext, info);
        } catch (GeneralSecurityException e) {
            throw new CryptoFailure("does not open with this key");
        }
    }

    /** Whether {@code publicKey} is the public half of {@code privateKey}. */
    public static boolean matches(byte[] publicKey, byte[] privateKey) {
        try {
            return Arrays.equals(publicKey, X25519.publicFromPrivate(privateKey));
        } catch (java.security.InvalidKeyException e) {
            return false;
        }
    }

    private static HpkePublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        if (raw == null || raw.length != 32) throw new GeneralSecurityException("an X25519 key has 32 bytes");
        return HpkePublicKey.create(SUITE, Bytes.copyFrom(raw), null);
    }

    private static KeysetHandle handle(com.google.crypto.tink.Key key) throws GeneralSecurityException {
        return KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary()).build();
    }
}
