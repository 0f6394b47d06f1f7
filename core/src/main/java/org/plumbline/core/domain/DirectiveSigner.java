package org.plumbline.core.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Signs directives with Ed25519 (JDK crypto), so an enforcement system can check that a directive
 * really comes from Plumbline before it disables anything. The signature covers the directive's
 * canonical JSON payload exactly. The key is a 32-byte Ed25519 seed.
 */
public final class DirectiveSigner {
    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519; the raw 32-byte key follows it. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final PrivateKey privateKey;
    private final byte[] publicKey;
    private final byte[] seed;

    private DirectiveSigner(byte[] seed) {
        if (seed.length != 32) throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, got " + seed.length);
        this.seed = seed.clone();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            // The JDK derives the key pair from the 32 bytes it draws from the random source: hand it the seed.
            generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            this.privateKey = pair.getPrivate();
            byte[] encoded = pair.getPublic().getEncoded();
            this.publicKey = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    /** A signer for the given 32-byte seed. */
    public static DirectiveSigner fromSeed(byte[] seed) {
        return new DirectiveSigner(seed);
    }

    /** A signer with a fresh random key. */
    public static DirectiveSigner generate() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return new DirectiveSigner(seed);
    }

    /**
     * Loads the seed (base64, one line) from {@code file}, or creates the file with a fresh seed
     * (owner read/write only) if it does not exist.
     */
    public static DirectiveSigner loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
                try {
                    return fromSeed(Base64.getDecoder().decode(text));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": not a base64 Ed25519 seed: " + e.getMessage(), e);
                }
            }
            DirectiveSigner signer = generate();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            // Created 0600 from the start: the seed is never readable by others, not even briefly.
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Base64.getEncoder().encodeToString(signer.seed) + "\n", StandardCharsets.US_ASCII,
                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.SYNC);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return signer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the directive signing key " + file, e);
        }
    }

    /** Ed25519 signature over {@code payload}. */
    public byte[] sign(byte[] payload) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(payload);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The raw 32-byte public key enforcement systems verify with. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Whether {@code signature} is a valid Ed25519 signature by raw key {@code publicKey} over {@code payload}. */
    public static boolean verify(byte[] publicKey, byte[] payload, byte[] signature) {
        if (publicKey.length != 32) return false;
        try {
            byte[] der = new byte[X509_PREFIX.length + 32];
            System.arraycopy(X509_PREFIX, 0, der, 0, X509_PREFIX.length);
            System.arraycopy(publicKey, 0, der, X509_PREFIX.length, 32);
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(payload);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A "random" source that yields the seed, then fails if asked for more. */
    private static final class FixedRandom extends SecureRandom {
        private final byte[] bytes;
        private boolean used;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (used || out.length != bytes.length) {
                throw new IllegalStateException("Ed25519 key generation asked for unexpected randomness");
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
            used = true;
        }
    }
}
