package org.plumbline.log;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plumbline.log.merkle.Hashes;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.NoteFormatException;
import org.plumbline.log.note.NoteVerificationException;
import org.plumbline.log.note.VerifierKey;
import org.plumbline.log.storage.LogStorage;
import org.plumbline.log.tiles.EntryBundle;
import org.plumbline.log.tiles.MalformedTileException;
import org.plumbline.log.tiles.TileMath;
import org.plumbline.log.tiles.TilePath;

/**
 * Checks a whole log from its entries up: the checkpoint's signature, then every hash tile
 * recomputed from the entry bundles and compared byte for byte with the stored one, then the root.
 * Trusts nothing but the verifier key.
 */
public final class LogVerifier {
    private LogVerifier() {}

    /** A log that failed a check; the message names the first problem found. */
    public static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message);
        }
    }

    /** Returns the verified checkpoint, or throws naming the first problem. */
    public static Checkpoint verify(LogStorage storage, VerifierKey key) throws Problem, IOException {
        byte[] note = storage.read("checkpoint").orElseThrow(() -> new Problem("no checkpoint"));
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.open(note, key);
        } catch (NoteFormatException | NoteVerificationException e) {
            throw new Problem("checkpoint: " + e.getMessage());
        }
        long size = checkpoint.size();
        TreeEdge edge = new TreeEdge();
        for (long bundle = 0; bundle * TilePath.FULL_WIDTH < size; bundle++) {
            TilePath path = TileMath.entryBundleAt(bundle, size);
            byte[] bytes = read(storage, path);
            List<byte[]> entries;
            try {
                entries = EntryBundle.decode(bytes, path.width());
            } catch (MalformedTileException e) {
                throw new Problem(path + ": " + e.getMessage());
            }
            if (bytes.length != EntryBundle.encode(entries).length) {
                throw new Problem(path + ": holds more than its " + path.width() + " entries");
            }
            for (byte[] e : entries) {
                edge.append(e);
            }
            compare(storage, edge.drainWrites(), size);
        }
        if (!MessageDigest.isEqual(edge.root(), checkpoint.rootHash())) {
            throw new Problem("root recomputed from the entries is " + Base64.getEncoder().encodeToString(edge.root())
                    + ", the checkpoint signs " + Base64.getEncoder().encodeToString(checkpoint.rootHash()));
        }
        return checkpoint;
    }

    private static void compare(LogStorage storage, Map<TilePath, byte[]> expected, long size)
            throws Problem, IOException {
        for (Map.Entry<TilePath, byte[]> e : expected.entrySet()) {
            TilePath path = e.getKey();
            if (path.isEntryBundle()) {
                continue;
            }
            // A partial tile recomputed mid-way is only compared if it is the one the checkpoint names.
            TilePath atSize = TileMath.hashTileAt(path.level(), path.index(), size);
            if (!atSize.equals(path)) {
                continue;
            }
            byte[] stored = read(storage, path);
            if (!MessageDigest.isEqual(stored, e.getValue())) {
                throw new Problem(path + ": stored hashes differ from those recomputed from the entries, first "
                        + firstDifference(path, stored, e.getValue()));
            }
        }
    }

    /**
     * Names the first differing hash of a tile by the entries it covers, so that whoever reads the
     * problem knows where the damage starts (hash {@code j} of level-L tile {@code i} is the root of
     * entries {@code (256i + j) * 256^L} onwards, {@code 256^L} of them).
     */
    private static String firstDifference(TilePath path, byte[] stored, byte[] expected) {
        int hashes = Math.max(stored.length, expected.length) / Hashes.SIZE;
        int j = 0;
        while (j < hashes && j < path.width() && sameHash(stored, expected, j)) {
            j++;
        }
        if (j == path.width()) {
            return "it holds more than its " + path.width() + " hashes";
        }
        if (j * Hashes.SIZE >= stored.length) {
            return "hash " + j + " is missing (the tile has " + stored.length + " bytes)";
        }
        long span = 1L << (TileMath.HEIGHT * path.level());
        long first = ((path.index() << TileMath.HEIGHT) + j) * span;
        return span == 1 ? "the hash of entry " + first
                : "hash " + j + " (over entries " + first + "-" + (first + span - 1) + ")";
    }

    private static boolean sameHash(byte[] a, byte[] b, int j) {
        int from = j * Hashes.SIZE;
        int to = from + Hashes.SIZE;
        return a.length >= to && b.length >= to
                && Arrays.equals(a, from, to, b, from, to);
    }

    private static byte[] read(LogStorage storage, TilePath path) throws Problem, IOException {
        Optional<byte[]> bytes = storage.read(path.path());
        if (bytes.isEmpty()) {
            throw new Problem(path + ": missing");
        }
        return bytes.get();
    }
}
