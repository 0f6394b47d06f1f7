package org.plumbline.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string form {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}
 * (unpadded base64), so that hashes can be checked by any other Argon2 implementation.
 *
 * <p>Parameters: 19 MiB of memory, 2 passes, 1 lane, 16-byte random salt, 32-byte hash — the OWASP
 * Password Storage Cheat Sheet's first recommended Argon2id configuration. They are written into each
 * hash, so raising them later only affects new hashes; old ones still verify.
 */
final class PasswordHasher {
    static final int MEMORY_KIB = 19 * 1024;
    static final int PASSES = 2;
    static final int LANES = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    private final HashingSlots slots;

    PasswordHasher() {
        this(HashingSlots.perCore());
    }

    PasswordHasher(HashingSlots slots) {
        this.slots = slots;
    }

    /**
     * One of the few slots in which a hash may be computed; {@link #hash} and {@link #verify} ask for it, so
     * that no caller can compute one outside the bound. A sign-in takes its slot before anything is counted,
     * so that being turned away for load is not a failed attempt.
     *
     * @throws HashingSlots.Busy if none came free within {@link HashingSlots#WAIT}
     */
    HashingSlots.Slot slot() {
        return slots.take();
    }

    String hash(HashingSlots.Slot held, String password) {
        java.util.Objects.requireNonNull(held, "a hashing slot");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, MEMORY_KIB, PASSES, LANES, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + PASSES + ",p=" + LANES + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(hash);
    }

    /** True if {@code password} matches {@code phc}; false for a wrong password or a malformed hash. */
    boolean verify(HashingSlots.Slot held, String password, String phc) {
        java.util.Objects.requireNonNull(held, "a hashing slot");
        String[] parts = phc.split("\\$");
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return false;
        }
        int m = -1;
        int t = -1;
        int p = -1;
        for (String kv : parts[3].split(",")) {
            String[] pair = kv.split("=", 2);
            if (pair.length != 2) {
                return false;
            }
            int value;
            try {
                value = Integer.parseInt(pair[1]);
            } catch (NumberFormatException e) {
                return false;
            }
            switch (pair[0]) {
                case "m" -> m = value;
                case "t" -> t = value;
                case "p" -> p = value;
                default -> {
                    return false;
                }
            }
        }
        if (m < 8 || t < 1 || p < 1) {
            return false;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = B64D.decode(parts[4]);
            expected = B64D.decode(parts[5]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] actual = derive(password, salt, m, t, p, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int passes, int lanes, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(passes)
                .withParallelism(lanes)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
