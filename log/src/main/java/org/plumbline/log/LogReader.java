package org.plumbline.log;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plumbline.log.merkle.Hashes;
import org.plumbline.log.merkle.NodeId;
import org.plumbline.log.merkle.NodeReader;
import org.plumbline.log.merkle.Proofs;
import org.plumbline.log.proof.TlogProof;
import org.plumbline.log.storage.LogStorage;
import org.plumbline.log.tiles.EntryBundle;
import org.plumbline.log.tiles.MalformedTileException;
import org.plumbline.log.tiles.TileMath;
import org.plumbline.log.tiles.TilePath;

/**
 * Reads a tiled log: entries, node hashes and proofs, touching only the tiles a question needs.
 *
 * <p>Every read is for a stated tree size, so answers stay consistent with the checkpoint the caller
 * holds even while the log grows. Tiles are append-only, so a wider tile (or the full one, if the
 * partial has been pruned) serves any narrower width as its prefix.
 */
public final class LogReader {
    private final LogStorage storage;

    public LogReader(LogStorage storage) {
        this.storage = storage;
    }

    /** The latest signed checkpoint note, as stored. */
    public byte[] checkpoint() throws IOException {
        return storage.read("checkpoint").orElseThrow(() -> new IOException("the log has no checkpoint"));
    }

    /** The entry at {@code index} of the tree of {@code treeSize} leaves. */
    public byte[] entry(long index, long treeSize) throws IOException {
        checkIndex(index, treeSize);
        TilePath path = TileMath.entryBundleAt(index >>> TileMath.HEIGHT, treeSize);
        List<byte[]> entries = entries(path);
        return entries.get((int) (index & 0xFF));
    }

    /** The entries of one bundle as it stands at its path's width. */
    public List<byte[]> entries(TilePath bundle) throws IOException {
        byte[] bytes = readTile(bundle);
        try {
            return EntryBundle.decode(bytes, bundle.width());
        } catch (MalformedTileException e) {
            throw new IOException(bundle + ": " + e.getMessage(), e);
        }
    }

    /**
     * A C2SP tlog-proof@v1 for the entry at {@code index}, against the latest checkpoint (with any
     * cosignatures it carries).
     *
     * @throws IllegalArgumentException if the latest checkpoint does not yet cover {@code index}
     */
    public TlogProof proof(long index) throws IOException {
        byte[] note = checkpoint();
        long size = Integrator.parseCheckpoint(note).size();
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index " + index + " is not in the log's latest checkpoint (size "
                    + size + ")");
        }
        return new TlogProof(index, inclusionProof(index, size), note);
    }

    /**
     * A tlog-proof@v1 for the entry at {@code index} against a given signed checkpoint of this log,
     * such as the latest cosigned one ({@link CosignedCheckpoints}), carried verbatim with its
     * cosignatures so that a verifier's witness policy can be met.
     *
     * @throws IllegalArgumentException if that checkpoint does not cover {@code index}
     */
    public TlogProof proof(long index, byte[] signedCheckpoint) throws IOException {
        long size = Integrator.parseCheckpoint(signedCheckpoint).size();
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index " + index + " is not in the given checkpoint (size " + size + ")");
        }
        return new TlogProof(index, inclusionProof(index, size), signedCheckpoint);
    }

    public List<byte[]> inclusionProof(long index, long treeSize) throws IOException {
        checkIndex(index, treeSize);
        return Proofs.inclusion(index, treeSize, nodes(treeSize));
    }

    public List<byte[]> consistencyProof(long size1, long size2) throws IOException {
        return Proofs.consistency(size1, size2, nodes(size2));
    }

    /** The root of the tree of {@code treeSize} leaves, computed from tiles. */
    public byte[] root(long treeSize) throws IOException {
        return Proofs.root(treeSize, nodes(treeSize));
    }

    /** A node reader over the tiles of the tree of {@code treeSize}; each tile is read once per call. */
    public NodeReader nodes(long treeSize) {
        return ids -> {
            Map<TilePath, byte[]> tiles = new HashMap<>();
            List<byte[]> out = new ArrayList<>(ids.size());
            for (NodeId id : ids) {
                if ((id.index() + 1) << id.level() > treeSize || id.level() >= 64) {
                    throw new IOException("node " + id + " is not complete in a tree of size " + treeSize);
                }
                TilePath tile = TileMath.tileFor(id, treeSize);
                byte[] bytes = tiles.get(tile);
                if (bytes == null) {
                    bytes = readTile(tile);
                    if (bytes.length < tile.width() * Hashes.SIZE) {
                        throw new IOException("tile " + tile + " has " + bytes.length + " bytes, expected "
                                + tile.width() * Hashes.SIZE);
                    }
                    tiles.put(tile, bytes);
                }
                out.add(TileMath.nodeFromTile(id, bytes));
            }
            return out;
        };
    }

    /**
     * Reads a tile or bundle at its width; failing that, the full one, or the one of the latest
     * checkpoint, of either of which it is a prefix. (Only the widths of published checkpoints are
     * ever written, and those of full tiles are pruned.)
     */
    private byte[] readTile(TilePath path) throws IOException {
        Optional<byte[]> bytes = storage.read(path.path());
        if (bytes.isEmpty() && !path.isFull()) {
            bytes = storage.read(path.full().path());
        }
        if (bytes.isEmpty() && !path.isFull()) {
            long latest = Integrator.parseCheckpoint(checkpoint()).size();
            long count = path.isEntryBundle() ? latest : latest >>> (TileMath.HEIGHT * path.level());
            if (count > path.index() * TilePath.FULL_WIDTH) {
                TilePath wider = path.isEntryBundle() ? TileMath.entryBundleAt(path.index(), latest)
                        : TileMath.hashTileAt(path.level(), path.index(), latest);
                if (wider.width() >= path.width()) {
                    bytes = storage.read(wider.path());
                }
            }
        }
        return bytes.orElseThrow(() -> new IOException("tile " + path + " is missing"));
    }

    private static void checkIndex(long index, long treeSize) {
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("index " + index + " is not in a tree of size " + treeSize);
        }
    }
}
