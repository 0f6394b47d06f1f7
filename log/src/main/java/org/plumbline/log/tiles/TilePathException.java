package org.plumbline.log.tiles;

/** A path that is not a resource of the tlog-tiles URL space. */
public final class TilePathException extends Exception {
    private static final long serialVersionUID = 1L;

    public TilePathException(String path, String reason) {
        super("tile path '" + path + "' " + reason);
    }
}
