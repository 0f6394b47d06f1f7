package org.plumbline.log.merkle;

/**
 * The root of a perfect subtree: the node at height {@code level} (leaves are level 0) covering
 * leaves {@code [index << level, (index + 1) << level)}. Only perfect subtrees are ever stored;
 * every other hash a proof needs is computed from them.
 */
public record NodeId(int level, long index) {
    public NodeId {
        if (level < 0 || level > 63 || index < 0) {
            throw new IllegalArgumentException("no such node: level " + level + ", index " + index);
        }
    }

    /** First leaf under this node. */
    public long firstLeaf() {
        return index << level;
    }
}
