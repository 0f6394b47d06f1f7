package org.plumbline.log.merkle;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inclusion and consistency proofs (RFC 6962 §2.1.1–2.1.2; verification as in RFC 9162 §2.1.3.2
 * and §2.1.4.2).
 *
 * <p>Generation works on perfect subtrees only: each proof element is either such a subtree or the
 * hash of a right-edge range, which is folded from the perfect subtrees that tile it. All nodes are
 * requested from the {@link NodeReader} in a single call.
 */
public final class Proofs {
    private Proofs() {}

    /** Checks that {@code leafHash} is at {@code index} in the tree of {@code treeSize} leaves with {@code root}. */
    public static void verifyInclusion(byte[] leafHash, long index, long treeSize, List<byte[]> proof, byte[] root)
            throws ProofException {
        // Leaf hash and root are only ever compared for equality, as in RFC 9162; only proof
        // elements, which are hashed, must be exactly 32 bytes.
        checkPresent(leafHash, "leaf hash");
        checkPresent(root, "root");
        if (index < 0 || treeSize < 0) {
            throw new ProofException("negative index or tree size");
        }
        if (index >= treeSize) {
            throw new ProofException("index " + index + " is not in a tree of size " + treeSize);
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            checkHash(p, "proof hash");
            if (sn == 0) {
                throw new ProofException("inclusion proof has too many hashes");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = Hashes.node(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = Hashes.node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new ProofException("inclusion proof has too few hashes");
        }
        if (!MessageDigest.isEqual(r, root)) {
            throw new ProofException("inclusion proof does not lead to the root");
        }
    }

    /** Checks that the tree of {@code size2} leaves with {@code root2} extends the tree of {@code size1} with {@code root1}. */
    public static void verifyConsistency(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2)
            throws ProofException {
        checkPresent(root1, "first root");
        checkPresent(root2, "second root");
        if (size1 < 0 || size2 < 0) {
            throw new ProofException("negative tree size");
        }
        if (size2 < size1) {
            throw new ProofException("tree shrank from " + size1 + " to " + size2);
        }
        if (size1 == 0) {
            // Every tree extends the empty tree; a "proof" of it proves nothing, so it is refused
            // (callers handle size 0 themselves).
            throw new ProofException("a consistency proof from the empty tree proves nothing");
        }
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new ProofException("consistency proof between equal sizes must be empty");
            }
            if (!MessageDigest.isEqual(root1, root2)) {
                throw new ProofException("two different roots for tree size " + size1);
            }
            return;
        }
        if (proof.isEmpty()) {
            throw new ProofException("consistency proof is empty");
        }
        for (byte[] p : proof) {
            checkHash(p, "proof hash");
        }
        List<byte[]> path = proof;
        if (Long.bitCount(size1) == 1) {
            path = new ArrayList<>(proof.size() + 1);
            path.add(root1);
            path.addAll(proof);
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                throw new ProofException("consistency proof has too many hashes");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = Hashes.node(c, fr);
                sr = Hashes.node(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = Hashes.node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new ProofException("consistency proof has too few hashes");
        }
        if (!MessageDigest.isEqual(fr, root1)) {
            throw new ProofException("consistency proof does not lead to the first root");
        }
        if (!MessageDigest.isEqual(sr, root2)) {
            throw new ProofException("consistency proof does not lead to the second root");
        }
    }

    /** The inclusion proof of leaf {@code index} in the tree of {@code treeSize} leaves (RFC 6962 PATH). */
    public static List<byte[]> inclusion(long index, long treeSize, NodeReader nodes) throws IOException {
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("index " + index + " is not in a tree of size " + treeSize);
        }
        List<long[]> ranges = new ArrayList<>();
        path(index, 0, treeSize, ranges);
        return hashRanges(ranges, nodes);
    }

    /** The consistency proof from size {@code size1} to {@code size2} (RFC 6962 PROOF). */
    public static List<byte[]> consistency(long size1, long size2, NodeReader nodes) throws IOException {
        if (size1 < 0 || size2 < size1) {
            throw new IllegalArgumentException("no consistency proof from size " + size1 + " to " + size2);
        }
        if (size1 == 0 || size1 == size2) {
            return List.of();
        }
        List<long[]> ranges = new ArrayList<>();
        subproof(size1, 0, size2, true, ranges);
        return hashRanges(ranges, nodes);
    }

    /** The root of the tree of {@code treeSize} leaves. */
    public static byte[] root(long treeSize, NodeReader nodes) throws IOException {
        if (treeSize == 0) {
            return Hashes.emptyRoot();
        }
        List<long[]> range = new ArrayList<>();
        range.add(new long[] {0, treeSize});
        return hashRanges(range, nodes).get(0);
    }

    /** The perfect subtrees that tile {@code [start, end)}, left to right, largest first (RFC 6962 split). */
    public static List<NodeId> perfectSubtrees(long start, long end) {
        List<NodeId> out = new ArrayList<>();
        while (start < end) {
            long n = end - start;
            long k = Long.highestOneBit(n);
            if (k == n && start % k == 0) {
                out.add(new NodeId(Long.numberOfTrailingZeros(k), start / k));
                break;
            }
            if (k == n) {
                k >>= 1;
            }
            // [start, start+k) is perfect and aligned because start is a multiple of every larger split.
            out.add(new NodeId(Long.numberOfTrailingZeros(k), start / k));
            start += k;
        }
        return out;
    }

    // PATH(m, D[start:end]) collected as ranges whose hashes form the proof, leaf side first.
    private static void path(long m, long start, long end, List<long[]> out) {
        long n = end - start;
        if (n <= 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, start, start + k, out);
            out.add(new long[] {start + k, end});
        } else {
            path(m - k, start + k, end, out);
            out.add(new long[] {start, start + k});
        }
    }

    // SUBPROOF(m, D[start:end], b).
    private static void subproof(long m, long start, long end, boolean whole, List<long[]> out) {
        long n = end - start;
        if (m == n) {
            if (!whole) {
                out.add(new long[] {start, end});
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, start + k, whole, out);
            out.add(new long[] {start + k, end});
        } else {
            subproof(m - k, start + k, end, false, out);
            out.add(new long[] {start, start + k});
        }
    }

    private static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** Hashes each range by folding its perfect subtrees right to left, reading all of them in one call. */
    private static List<byte[]> hashRanges(List<long[]> ranges, NodeReader nodes) throws IOException {
        List<List<NodeId>> perRange = new ArrayList<>(ranges.size());
        List<NodeId> wanted = new ArrayList<>();
        for (long[] r : ranges) {
            List<NodeId> ids = perfectSubtrees(r[0], r[1]);
            perRange.add(ids);
            wanted.addAll(ids);
        }
        List<byte[]> read = nodes.read(wanted);
        if (read.size() != wanted.size()) {
            throw new IOException("node reader returned " + read.size() + " hashes for " + wanted.size() + " nodes");
        }
        Map<NodeId, byte[]> byId = new HashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            byId.put(wanted.get(i), read.get(i));
        }
        List<byte[]> out = new ArrayList<>(ranges.size());
        for (List<NodeId> ids : perRange) {
            byte[] acc = byId.get(ids.get(ids.size() - 1));
            for (int i = ids.size() - 2; i >= 0; i--) {
                acc = Hashes.node(byId.get(ids.get(i)), acc);
            }
            out.add(acc);
        }
        return out;
    }

    private static void checkPresent(byte[] hash, String what) throws ProofException {
        if (hash == null || hash.length == 0) {
            throw new ProofException(what + " is missing");
        }
    }

    private static void checkHash(byte[] hash, String what) throws ProofException {
        if (hash == null || hash.length != Hashes.SIZE) {
            throw new ProofException(what + " must be " + Hashes.SIZE + " bytes, not "
                    + (hash == null ? "missing" : hash.length));
        }
    }
}
