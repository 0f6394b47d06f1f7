package org.plumbline.log.note;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Raw Ed25519 (RFC 8032) over the JDK's own provider: 32-byte seeds, 32-byte public keys, 64-byte
 * signatures, the encodings signed notes use.
 */
final class Ed25519 {
    static final int SEED_SIZE = 32;
    static final int PUBLIC_KEY_SIZE = 32;
    static final int SIGNATURE_SIZE = 64;

    /** DER prefix of an X.509 SubjectPublicKeyInfo holding an Ed25519 key (RFC 8410); the raw key follows. */
    private static final byte[] SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };

    private Ed25519() {}

    /**
     * Derives the public key of a seed. The JDK has no direct seed-to-public-key call, but its
     * Ed25519 key pair generator draws exactly the 32-byte seed from the SecureRandom it is given and
     * derives the public key from it (RFC 8032 section 5.1.5); feeding it the seed gives the key pair
     * of that seed. The known-answer tests check this against RFC 8032's vectors.
     */
    static byte[] publicKey(byte[] seed) {
        checkSeed(seed);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SeedAsRandom(seed));
            byte[] spki = generator.generateKeyPair().getPublic().getEncoded();
            if (spki.length != SPKI_PREFIX.length + PUBLIC_KEY_SIZE
                    || !Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
                throw new IllegalStateException("unexpected Ed25519 public key encoding from the JDK");
            }
            return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no usable Ed25519 provider", e);
        }
    }

    static PrivateKey privateKey(byte[] seed) {
        checkSeed(seed);
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed.clone()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no usable Ed25519 provider", e);
        }
    }

    /**
     * Returns the JDK public key for 32 raw bytes, or null if the JDK refuses the encoding (then no
     * signature can verify under it).
     */
    static PublicKey publicKeyObject(byte[] raw) {
        if (raw.length != PUBLIC_KEY_SIZE) {
            return null;
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + PUBLIC_KEY_SIZE);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, PUBLIC_KEY_SIZE);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** True only if signature is a valid 64-byte Ed25519 signature of message under key. */
    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        if (key == null || signature.length != SIGNATURE_SIZE) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // The JDK reports undecodable points and out-of-range scalars as exceptions; for a verifier
            // they all mean the same thing: the signature does not verify.
            return false;
        }
    }

    private static void checkSeed(byte[] seed) {
        if (seed.length != SEED_SIZE) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, not " + seed.length);
        }
    }

    /** A SecureRandom that hands out one fixed seed, used only to derive a key pair from it. */
    private static final class SeedAsRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;
        private boolean used;

        SeedAsRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (used || bytes.length != seed.length) {
                throw new IllegalStateException("the Ed25519 key pair generator asked for unexpected randomness");
            }
            used = true;
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
