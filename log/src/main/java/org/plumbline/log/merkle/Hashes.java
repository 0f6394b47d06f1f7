package org.plumbline.log.merkle;

import java.security.MessageDigest;
import org.plumbline.log.hash.Sha256;

/**
 * RFC 6962 §2.1 Merkle tree hashing. Leaves and interior nodes carry different one-byte prefixes
 * (0x00 and 0x01) so that a leaf can never be passed off as an interior node (second pre-image).
 */
public final class Hashes {
    /** Size in bytes of every hash in the tree (SHA-256). */
    public static final int SIZE = Sha256.SIZE;

    /** One digest per thread: looking an algorithm up costs more than hashing a tree node. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Sha256::newDigest);
    private static final byte[] EMPTY_ROOT = Sha256.digest();

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

    /** This thread's SHA-256 instance, reset. */
    private static MessageDigest digest() {
        MessageDigest sha = SHA256.get();
        sha.reset();
        return sha;
    }
}
