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

    /**
     * A resource to send: body, Content-Type and Cache-Control; {@code compress} for entry bundles, which
     * tlog-tiles says SHOULD be compressed at the HTTP layer (hash tiles are random bytes: they would not
     * shrink).
     */
    public record Resource(byte[] body, String contentType, String cacheControl, boolean compress) {}

    /**
     * Whether a request's {@code Accept-Encoding} header lets the answer be gzip (RFC 9110 12.5.3: named
     * with a non-zero weight, or {@code *} with one, and not refused by a later {@code gzip;q=0}).
     */
    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) return false;
        Boolean gzip = null;
        Boolean any = null;
        for (String part : acceptEncoding.split(",")) {
            String[] fields = part.strip().split(";");
            String coding = fields[0].strip().toLowerCase(java.util.Locale.ROOT);
            boolean allowed = true;
            for (int i = 1; i < fields.length; i++) {
                String f = fields[i].strip().toLowerCase(java.util.Locale.ROOT);
                if (f.startsWith("q=")) {
                    try {
                        allowed = Double.parseDouble(f.substring(2)) > 0;
                    } catch (NumberFormatException e) {
                        allowed = false;
                    }
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) gzip = allowed;
            else if (coding.equals("*")) any = allowed;
        }
        return gzip != null ? gzip : any != null && any;
    }

    /** The resource at {@code path}, or empty for 404 (unknown, malformed or not yet written). */
    public Optional<Resource> get(String path) throws IOException {
        if (path.equals("checkpoint")) {
            return storage.read(path).map(b -> new Resource(b, "text/plain; charset=utf-8", "no-cache", false));
        }
        if (path.equals("vkey")) {
            return Optional.of(new Resource(vkey, "text/plain; charset=utf-8", SHORT_LIVED, false));
        }
        TilePath tile;
        try {
            tile = TilePath.parse(path);
        } catch (TilePathException e) {
            return Optional.empty();
        }
        String cache = tile.isFull() ? IMMUTABLE : SHORT_LIVED;
        return storage.read(tile.path()).map(b -> new Resource(b, "application/octet-stream", cache, tile.isEntryBundle()));
    }
}
