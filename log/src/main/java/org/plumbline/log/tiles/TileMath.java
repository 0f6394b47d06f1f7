package org.plumbline.log.tiles;

import java.util.ArrayList;
import java.util.List;
import org.plumbline.log.merkle.Hashes;
import org.plumbline.log.merkle.NodeId;

/**
 * Where the nodes of a tree of a given size live in tiles. Tile level {@code L} holds the hashes of
 * Merkle level {@code 8L}, 256 to a tile; a node at Merkle level {@code 8L + r} (r &lt; 8) is the root
 * of {@code 2^r} consecutive hashes of one level-L tile.
 */
public final class TileMath {
    /** Merkle levels per tile level. */
    public static final int HEIGHT = 8;

    private TileMath() {}

    /** The tile path at tree size {@code treeSize} that holds the hashes needed for {@code node}. */
    public static TilePath tileFor(NodeId node, long treeSize) {
        int tileLevel = node.level() / HEIGHT;
        long firstHash = node.index() << (node.level() % HEIGHT);
        return hashTileAt(tileLevel, firstHash >>> HEIGHT, treeSize);
    }

    /** Hash tile {@code index} of {@code tileLevel} as it stands in a tree of {@code treeSize} leaves. */
    public static TilePath hashTileAt(int tileLevel, long index, long treeSize) {
        long hashesAtLevel = treeSize >>> (HEIGHT * tileLevel);
        return TilePath.hashTile(tileLevel, index, widthAt(index, hashesAtLevel));
    }

    /** Entry bundle {@code index} as it stands in a tree of {@code treeSize} leaves. */
    public static TilePath entryBundleAt(long index, long treeSize) {
        return TilePath.entryBundle(index, widthAt(index, treeSize));
    }

    private static int widthAt(long index, long count) {
        long width = count - index * TilePath.FULL_WIDTH;
        if (width <= 0) {
            throw new IllegalArgumentException("tile " + index + " is beyond a level of " + count + " hashes");
        }
        return (int) Math.min(width, TilePath.FULL_WIDTH);
    }

    /** The hash of {@code node} from the tile holding it ({@code tileHashes} concatenated 32-byte hashes). */
    public static byte[] nodeFromTile(NodeId node, byte[] tileHashes) {
        int r = node.level() % HEIGHT;
        int first = (int) ((node.index() << r) & 0xFF);
        int count = 1 << r;
        if ((first + count) * Hashes.SIZE > tileHashes.length) {
            throw new IllegalArgumentException("tile too narrow for node " + node);
        }
        List<byte[]> hashes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            hashes.add(slice(tileHashes, first + i));
        }
        return perfectRoot(hashes);
    }

    /** The i-th 32-byte hash of a tile. */
    public static byte[] slice(byte[] tile, int i) {
        byte[] h = new byte[Hashes.SIZE];
        System.arraycopy(tile, i * Hashes.SIZE, h, 0, Hashes.SIZE);
        return h;
    }

    /** Root of a perfect tree over {@code hashes} (size a power of two). */
    public static byte[] perfectRoot(List<byte[]> hashes) {
        List<byte[]> level = hashes;
        while (level.size() > 1) {
            List<byte[]> up = new ArrayList<>(level.size() / 2);
            for (int i = 0; i < level.size(); i += 2) {
                up.add(Hashes.node(level.get(i), level.get(i + 1)));
            }
            level = up;
        }
        return level.get(0);
    }
}
