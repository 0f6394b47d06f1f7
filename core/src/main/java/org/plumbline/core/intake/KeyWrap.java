package org.plumbline.core.intake;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A private key wrapped under a symmetric key derived from a secret a person holds (a receipt, a password):
 * AES-256-GCM from the JDK, a fresh random 96-bit nonce per wrap, the 128-bit tag, and associated data that
 * binds the wrap to its place (which report, which recipient), so that a wrapped key copied to another row
 * does not open there. Layout: nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes).
 */
public final class KeyWrap {
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyWrap() {
    }

    public static byte[] wrap(byte[] key, byte[] secret, byte[] associated) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, key, nonce, associated, secret);
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    /** @throws CryptoFailure for a wrong key, another binding, or altered bytes */
    public static byte[] unwrap(byte[] key, byte[] wrapped, byte[] associated) {
        if (wrapped == null || wrapped.length < NONCE_BYTES + TAG_BITS / 8) throw new CryptoFailure("not a wrapped key");
        byte[] nonce = java.util.Arrays.copyOf(wrapped, NONCE_BYTES);
        byte[] body = java.util.Arrays.copyOfRange(wrapped, NONCE_BYTES, wrapped.length);
        return gcm(Cipher.DECRYPT_MODE, key, nonce, associated, body);
    }

    /** AES-256-GCM, one operation; package-visible for the known-answer test. */
    static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] associated, byte[] input) {
        if (key == null || key.length != 32) throw new IllegalArgumentException("an AES-256 key has 32 bytes");
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            if (associated != null) cipher.updateAAD(associated);
            return cipher.doFinal(input);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new CryptoFailure("does not open with this key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}
