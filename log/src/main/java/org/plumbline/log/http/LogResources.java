package org.plumbline.log.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.plumbline.log.storage.LogStorage;
import org.plumbline.log.tiles.TilePath;
import org.plumbline.log.tiles.TilePathException;

/**
 * The public read side of a log, independent of any HTTP library: maps a request path (relative
 * to the log prefix) to the bytes and headers tlog-tiles asks for. Only {@code checkpoint},
 * canonical tile paths and {@code vkey} are served; nothing else in the directory (the journal,
 * temporary files) is reachable.
 */
public final class LogResources {
    /** Full tiles and bundles never change: cache them for a year and mark them immutable. */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** Partial tiles are superseded and the checkpoint moves: let caches keep them only briefly. */
    public static final String SHORT_LIVED = "public, max-age=5";

    private final LogStorage storage;
    private final byte[] vkey;

    /** @param verifierKey the log's verifier key text, served at {@code vkey} */
    public LogResources(LogStorage storage, String verifierKey) {
        this.storage = storage;
        this.vkey = (verifierKey + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A resource to send: body, Content-Type and Cache-Control. */
    public record Resource(byte[] body, String contentType, String cacheControl) {}

    /** The resource at {@code path}, or empty for 404 (unknown, malformed or not yet written). */
    public Optional<Resource> get(String path) throws IOException {
        if (path.equals("checkpoint")) {
            return storage.read(path).map(b -> new Resource(b, "text/plain; charset=utf-8", "no-cache"));
        }
        if (path.equals("vkey")) {
            return Optional.of(new Resource(vkey, "text/plain; charset=utf-8", SHORT_LIVED));
        }
        TilePath tile;
        try {
            tile = TilePath.parse(path);
        } catch (TilePathException e) {
            return Optional.empty();
        }
        String cache = tile.isFull() ? IMMUTABLE : SHORT_LIVED;
        return storage.read(tile.path()).map(b -> new Resource(b, "application/octet-stream", cache));
    }
}
