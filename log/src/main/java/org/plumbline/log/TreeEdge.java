package org.plumbline.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plumbline.log.merkle.Hashes;
import org.plumbline.log.tiles.EntryBundle;
import org.plumbline.log.tiles.TileMath;
import org.plumbline.log.tiles.TilePath;

/**
 * The right edge of a tiled Merkle tree: the unfinished tile of every level and the unfinished
 * entry bundle. That is all that appending needs, and all that a root needs: every finished tile
 * is already folded into the level above. Not thread-safe; the integrator owns it.
 */
final class TreeEdge {
    private long size;
    /** partial.get(L) = hashes of the unfinished tile at tile level L (fewer than 256). */
    private final List<List<byte[]>> partial = new ArrayList<>();
    private final List<byte[]> partialEntries = new ArrayList<>();
    /** Tiles and bundles to write since the last {@link #drainWrites}: path → bytes. */
    private final Map<TilePath, byte[]> finished = new LinkedHashMap<>();

    TreeEdge() {}

    /** Restores an edge from the partial tiles of a tree of {@code size} leaves. */
    static TreeEdge restore(long size, List<List<byte[]>> partialTiles, List<byte[]> partialBundle) {
        TreeEdge edge = new TreeEdge();
        edge.size = size;
        for (List<byte[]> level : partialTiles) {
            edge.partial.add(new ArrayList<>(level));
        }
        edge.partialEntries.addAll(partialBundle);
        return edge;
    }

    long size() {
        return size;
    }

    void append(byte[] entry) {
        EntryBundle.checkSize(entry);
        partialEntries.add(entry);
        if (partialEntries.size() == TilePath.FULL_WIDTH) {
            finished.put(TilePath.entryBundle(size >>> TileMath.HEIGHT, TilePath.FULL_WIDTH),
                    EntryBundle.encode(partialEntries));
            partialEntries.clear();
        }
        addHash(0, size, Hashes.leaf(entry));
        size++;
    }

    /** Adds the hash with index {@code hashIndex} at tile level {@code level}, carrying finished tiles upward. */
    private void addHash(int level, long hashIndex, byte[] hash) {
        while (partial.size() <= level) {
            partial.add(new ArrayList<>());
        }
        List<byte[]> tile = partial.get(level);
        tile.add(hash);
        if (tile.size() == TilePath.FULL_WIDTH) {
            long tileIndex = hashIndex >>> TileMath.HEIGHT;
            finished.put(TilePath.hashTile(level, tileIndex, TilePath.FULL_WIDTH), concat(tile));
            byte[] up = TileMath.perfectRoot(tile);
            tile.clear();
            addHash(level + 1, tileIndex, up);
        }
    }

    /**
     * Everything to write for the tree as it now stands: the tiles and bundles finished since the
     * last call, then the current partial ones. Full resources come first in iteration order.
     */
    Map<TilePath, byte[]> drainWrites() {
        Map<TilePath, byte[]> out = new LinkedHashMap<>(finished);
        finished.clear();
        for (int level = 0; level < partial.size(); level++) {
            List<byte[]> tile = partial.get(level);
            if (!tile.isEmpty()) {
                long hashes = size >>> (TileMath.HEIGHT * level);
                out.put(TilePath.hashTile(level, hashes >>> TileMath.HEIGHT, tile.size()), concat(tile));
            }
        }
        if (!partialEntries.isEmpty()) {
            out.put(TilePath.entryBundle(size >>> TileMath.HEIGHT, partialEntries.size()),
                    EntryBundle.encode(partialEntries));
        }
        return out;
    }

    /** The tree's root: its perfect subtrees, highest level first, folded right to left. */
    byte[] root() {
        if (size == 0) {
            return Hashes.emptyRoot();
        }
        List<byte[]> subtrees = new ArrayList<>();
        for (int level = partial.size() - 1; level >= 0; level--) {
            List<byte[]> tile = partial.get(level);
            int start = 0;
            int remaining = tile.size();
            while (remaining > 0) {
                int chunk = Integer.highestOneBit(remaining);
                subtrees.add(TileMath.perfectRoot(tile.subList(start, start + chunk)));
                start += chunk;
                remaining -= chunk;
            }
        }
        byte[] acc = subtrees.get(subtrees.size() - 1);
        for (int i = subtrees.size() - 2; i >= 0; i--) {
            acc = Hashes.node(subtrees.get(i), acc);
        }
        return acc;
    }

    private static byte[] concat(List<byte[]> hashes) {
        byte[] out = new byte[hashes.size() * Hashes.SIZE];
        for (int i = 0; i < hashes.size(); i++) {
            System.arraycopy(hashes.get(i), 0, out, i * Hashes.SIZE, Hashes.SIZE);
        }
        return out;
    }

    @Override
    public String toString() {
        return "TreeEdge[size=" + size + ", root=" + Arrays.toString(root()) + "]";
    }
}
