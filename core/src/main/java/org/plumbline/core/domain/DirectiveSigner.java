package org.plumbline.core.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.plumbline.log.KeyFiles;
import org.plumbline.log.note.KeyFormatException;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.note.VerifierKey;

/**
 * Signs directives with Ed25519, so an enforcement system can check that a directive really comes
 * from Plumbline before it disables anything. The signature is a bare 64-byte Ed25519 signature over
 * the directive's canonical JSON payload exactly; enforcement systems check it with the raw 32-byte
 * {@link #publicKey()}.
 *
 * <p>The key is a log {@link SigningKey}, kept like every other Plumbline key in the
 * {@code PRIVATE+KEY+…} form by {@link KeyFiles}, named {@value #KEY_NAME}. It is its own key, never
 * the log's checkpoint key, so that no directive payload could be passed off as a signed note.
 */
public final class DirectiveSigner {
    /** The name a new directive key gets (its name is not part of what enforcement systems check). */
    public static final String KEY_NAME = "plumbline-directives";

    private final SigningKey key;

    private DirectiveSigner(SigningKey key) {
        if (key.type() != KeyType.ED25519) {
            throw new IllegalArgumentException("a directive key is an Ed25519 key, not " + key.type() + ": " + key);
        }
        this.key = key;
    }

    /** A signer for the given 32-byte Ed25519 seed. */
    public static DirectiveSigner fromSeed(byte[] seed) {
        return new DirectiveSigner(SigningKey.fromSeed(KEY_NAME, KeyType.ED25519, seed));
    }

    /** A signer with a fresh random key. */
    public static DirectiveSigner generate() {
        return new DirectiveSigner(SigningKey.generate(KEY_NAME, KeyType.ED25519));
    }

    /**
     * Loads the key in {@code file}, or creates it (as {@link KeyFiles#loadOrCreate}) if there is none.
     *
     * <p>Data directories made before keys had one form hold the bare seed in base64 on one line. Such
     * a file is read and rewritten once, in place, in the {@code PRIVATE+KEY+…} form with the same
     * seed: the public key that enforcement systems trust stays what it was.
     */
    public static DirectiveSigner loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (!text.startsWith("PRIVATE+KEY+")) {
                    return upgradeLegacy(file, text);
                }
            }
            return new DirectiveSigner(KeyFiles.loadOrCreate(file, KEY_NAME));
        } catch (KeyFormatException e) {
            throw new IllegalArgumentException(file + ": not a directive signing key: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the directive signing key " + file, e);
        }
    }

    private static DirectiveSigner upgradeLegacy(Path file, String base64Seed) throws IOException {
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(base64Seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": neither a PRIVATE+KEY+… key nor a base64 Ed25519 seed: "
                    + e.getMessage(), e);
        }
        if (seed.length != 32) {
            throw new IllegalArgumentException(file + ": a base64 Ed25519 seed is 32 bytes, this one is " + seed.length);
        }
        DirectiveSigner signer = fromSeed(seed);
        KeyFiles.replace(file, signer.key);
        return signer;
    }

    /** Ed25519 signature over {@code payload}. */
    public byte[] sign(byte[] payload) {
        return key.signRaw(payload);
    }

    /** The raw 32-byte public key enforcement systems verify with. */
    public byte[] publicKey() {
        return key.verifierKey().publicKey();
    }

    /** Whether {@code signature} is a valid Ed25519 signature by raw key {@code publicKey} over {@code payload}. */
    public static boolean verify(byte[] publicKey, byte[] payload, byte[] signature) {
        if (publicKey.length != 32) return false;
        return VerifierKey.of(KEY_NAME, KeyType.ED25519, publicKey).verifyRaw(payload, signature);
    }
}
