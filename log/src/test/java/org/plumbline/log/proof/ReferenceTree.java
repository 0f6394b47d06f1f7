package org.plumbline.log.proof;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately naive RFC 6962 section 2.1 implementation (MTH and PATH, recursively, straight
 * from the RFC's definitions) so proof-file tests do not depend on the code they exercise.
 */
final class ReferenceTree {
    private final List<byte[]> entries;

    ReferenceTree(List<byte[]> entries) {
        this.entries = List.copyOf(entries);
    }

    byte[] root() {
        return mth(0, entries.size());
    }

    List<byte[]> inclusionProof(int m) {
        List<byte[]> out = new ArrayList<>();
        path(m, 0, entries.size(), out);
        return out;
    }

    private void path(int m, int lo, int hi, List<byte[]> out) {
        int n = hi - lo;
        if (n <= 1) {
            return;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m < k) {
            path(m, lo, lo + k, out);
            out.add(mth(lo + k, hi));
        } else {
            path(m - k, lo + k, hi, out);
            out.add(mth(lo, lo + k));
        }
    }

    private byte[] mth(int lo, int hi) {
        int n = hi - lo;
        if (n == 0) {
            return sha256(new byte[0]);
        }
        if (n == 1) {
            return sha256(new byte[] {0}, entries.get(lo));
        }
        int k = Integer.highestOneBit(n - 1);
        return sha256(new byte[] {1}, mth(lo, lo + k), mth(lo + k, hi));
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
