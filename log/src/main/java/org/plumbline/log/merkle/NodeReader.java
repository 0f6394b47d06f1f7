package org.plumbline.log.merkle;

import java.io.IOException;
import java.util.List;

/**
 * Reads the hashes of perfect subtrees of a tree that is at least as large as every node asked
 * for. Proof generation asks for all the nodes it needs in one call, so a tile-backed reader can
 * fetch each tile once.
 */
@FunctionalInterface
public interface NodeReader {
    /** Returns the hash of each node, in the order asked. */
    List<byte[]> read(List<NodeId> nodes) throws IOException;
}
