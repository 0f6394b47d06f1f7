package org.plumbline.core.intake;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106, version 0x13) from Bouncy Castle, to turn a secret a person holds into key material.
 * Computing one is deliberately expensive (the point: a guess costs the same), so callers on anonymous paths
 * bound how many run at once (the server's {@code HashingSlots}).
 *
 * @param memoryKib memory in KiB (RFC 9106's m)
 * @param passes    RFC 9106's t
 * @param lanes     RFC 9106's p
 */
public record Argon2id(int memoryKib, int passes, int lanes) {
    /** Receipts: 128 MiB, 3 passes, 1 lane (RFC 9106's second recommendation is 64 MiB, 3 passes). */
    public static final Argon2id RECEIPT = new Argon2id(128 * 1024, 3, 1);

    /**
     * Recipients' passwords: the server's password-hash parameters (19 MiB, 2 passes, 1 lane). A stronger
     * wrap would buy nothing: the password's own Argon2id hash, with these parameters, sits in the same
     * database and is the cheaper target for a guesser.
     */
    public static final Argon2id PASSWORD = new Argon2id(19 * 1024, 2, 1);

    public Argon2id {
        if (memoryKib < 8 * lanes || passes < 1 || lanes < 1) {
            throw new IllegalArgumentException("Argon2id needs m >= 8p, t >= 1, p >= 1");
        }
    }

    /** {@code length} bytes of Argon2id over {@code secret} with {@code salt}. */
    public byte[] derive(byte[] secret, byte[] salt, int length) {
        return derive(secret, salt, null, null, length);
    }

    /** With RFC 9106's optional secret value K and associated data X (for the known-answer test). */
    byte[] derive(byte[] secret, byte[] salt, byte[] key, byte[] associated, int length) {
        Argon2Parameters.Builder b = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(passes)
                .withParallelism(lanes)
                .withSalt(salt);
        if (key != null) b.withSecret(key);
        if (associated != null) b.withAdditional(associated);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(b.build());
        byte[] out = new byte[length];
        generator.generateBytes(secret, out);
        return out;
    }
}
