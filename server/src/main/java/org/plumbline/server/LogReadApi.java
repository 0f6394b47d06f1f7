package org.plumbline.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.plumbline.log.tiles.TilePath;
import org.plumbline.log.tiles.TilePathException;

/**
 * The public read side of the log, laid out as C2SP tlog-tiles: {@code /log/checkpoint},
 * {@code /log/tile/<L>/<N>[.p/<W>]}, {@code /log/tile/entries/<N>[.p/<W>]}, and {@code /log/vkey}.
 * Full tiles never change, so they are served as immutable for a year; partial tiles are superseded (and
 * may be deleted) when their tile fills, and the checkpoint changes with every integration, so those are
 * cached only briefly.
 */
final class LogReadApi {
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String SHORT = "public, max-age=5";

    private final TransparencyLog log;

    LogReadApi(TransparencyLog log) {
        this.log = log;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/log/checkpoint", Permission.PUBLIC_READ, "log", "The latest signed checkpoint (C2SP tlog-checkpoint)",
                        this::checkpoint),
                Route.get("/log/vkey", Permission.PUBLIC_READ, "log", "The log's verifier key (C2SP signed-note vkey)",
                        this::vkey),
                Route.get("/log/tile/<path>", Permission.PUBLIC_READ, "log",
                        "A Merkle tree tile or entry bundle (C2SP tlog-tiles)", this::tile));
    }

    private void checkpoint(Context ctx, Principal p) {
        ctx.contentType("text/plain; charset=utf-8").header("Cache-Control", SHORT).result(log.checkpoint());
    }

    private void vkey(Context ctx, Principal p) {
        ctx.contentType("text/plain; charset=utf-8").header("Cache-Control", "public, max-age=86400")
                .result(log.verifierKey() + "\n");
    }

    private void tile(Context ctx, Principal p) throws IOException {
        String path = "tile/" + ctx.pathParam("path");
        TilePath tile;
        try {
            tile = TilePath.parse(path);
        } catch (TilePathException e) {
            throw ApiException.notFound("tile " + path + " (" + e.getMessage() + ")");
        }
        Optional<byte[]> bytes = log.storage().read(tile.path());
        if (bytes.isEmpty()) {
            throw ApiException.notFound(path);
        }
        ctx.contentType("application/octet-stream")
                .header("Cache-Control", tile.isFull() ? IMMUTABLE : SHORT)
                .result(bytes.get());
    }
}
