package org.plumbline.log.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 6962 §2.1 Merkle tree hashing. Leaves and interior nodes carry different one-byte prefixes
 * (0x00 and 0x01) so that a leaf can never be passed off as an interior node (second pre-image).
 */
public final class Hashes {
    /** Size in bytes of every hash in the tree (SHA-256). */
    public static final int SIZE = 32;

    private static final byte[] EMPTY_ROOT = digest().digest();

    private Hashes() {}

    /** {@code SHA-256(0x00 || entry)}. */
    public static byte[] leaf(byte[] entry) {
        MessageDigest sha = digest();
        sha.update((byte) 0);
        sha.update(entry);
        return sha.digest();
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha = digest();
        sha.update((byte) 1);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** The root of the empty tree, {@code SHA-256("")}. */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    /** A fresh SHA-256 instance; instances are cheap to clone but not thread-safe, so each call gets its own. */
    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
