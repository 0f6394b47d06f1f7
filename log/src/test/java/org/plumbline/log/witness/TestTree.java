package org.plumbline.log.witness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.plumbline.log.merkle.Hashes;
import org.plumbline.log.merkle.NodeId;
import org.plumbline.log.merkle.NodeReader;
import org.plumbline.log.merkle.Proofs;

/** An in-memory Merkle tree over given entries, for making checkpoints and consistency proofs in tests. */
final class TestTree {
    private final List<byte[]> leaves = new ArrayList<>();
    private final Map<NodeId, byte[]> memo = new HashMap<>();
    private final NodeReader reader = nodes -> nodes.stream().map(this::hash).toList();

    /** Entries "{prefix}0", "{prefix}1", ... ; entry {@code forkAt} (if >= 0) is "fork" instead. */
    static TestTree of(int size, int forkAt) {
        TestTree t = new TestTree();
        for (int i = 0; i < size; i++) {
            t.leaves.add(Hashes.leaf((i == forkAt ? "fork" : "entry " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return t;
    }

    static TestTree of(List<String> entries) {
        TestTree t = new TestTree();
        for (String e : entries) {
            t.leaves.add(Hashes.leaf(e.getBytes(StandardCharsets.UTF_8)));
        }
        return t;
    }

    /** Node hashes of this tree, as a log's tiles would give them. */
    NodeReader nodes() {
        return reader;
    }

    long size() {
        return leaves.size();
    }

    byte[] root(long size) {
        try {
            return Proofs.root(size, reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<byte[]> consistency(long from, long to) {
        try {
            return Proofs.consistency(from, to, reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] hash(NodeId id) {
        if (id.level() == 0) {
            return leaves.get((int) id.index());
        }
        byte[] h = memo.get(id);
        if (h == null) {
            h = Hashes.node(hash(new NodeId(id.level() - 1, 2 * id.index())), hash(new NodeId(id.level() - 1, 2 * id.index() + 1)));
            memo.put(id, h);
        }
        return h;
    }
}
