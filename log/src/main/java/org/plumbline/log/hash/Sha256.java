package org.plumbline.log.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 and the lower-case hex Plumbline writes digests in: the one place every module gets them
 * from, so the algorithm is looked up in one way and a missing one fails in one way. Merkle hashing
 * (RFC 6962's prefixes) builds on it in {@link org.plumbline.log.merkle.Hashes}.
 */
public final class Sha256 {
    /** Size in bytes of a digest. */
    public static final int SIZE = 32;

    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {}

    /** A fresh SHA-256 instance, for hashing a stream piece by piece. Not thread-safe: one per use. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest's contract).
            throw new AssertionError("the JDK has no SHA-256", e);
        }
    }

    /** SHA-256 over the concatenation of {@code parts}. */
    public static byte[] digest(byte[]... parts) {
        MessageDigest md = newDigest();
        for (byte[] part : parts) {
            md.update(part);
        }
        return md.digest();
    }

    /** Lower-case hex. */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Parses hex (either case); the {@link IllegalArgumentException} names the bad input. */
    public static byte[] unhex(String hex) {
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not hexadecimal: " + hex, e);
        }
    }
}
