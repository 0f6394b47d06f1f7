package org.plumbline.server.api;

import org.plumbline.server.http.ApiException;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import org.plumbline.log.http.LogResources;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.log.TransparencyLog;

/**
 * The public read side of the log, laid out as C2SP tlog-tiles: {@code /log/checkpoint},
 * {@code /log/tile/<L>/<N>[.p/<W>]}, {@code /log/tile/entries/<N>[.p/<W>]}, and {@code /log/vkey}. The log
 * module's {@link LogResources} decides what exists and with which Content-Type and Cache-Control (full
 * tiles immutable for a year; partial tiles and the checkpoint short-lived); this class only puts it on HTTP.
 */
public final class LogReadApi {
    /** Full tiles kept in memory (they never change): 8,192 bytes each, so 4,096 of them are 32 MiB. */
    static final int CACHED_TILES = 4096;

    private final TransparencyLog log;
    private final LogResources resources;
    private final java.util.Map<String, LogResources.Resource> immutable = new java.util.concurrent.ConcurrentHashMap<>();

    public LogReadApi(TransparencyLog log) {
        this.log = log;
        this.resources = new LogResources(log.storage(), log.verifierKey());
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/log/checkpoint", Permission.PUBLIC_READ, "log",
                        "The latest signed checkpoint (C2SP tlog-checkpoint), with witness cosignatures when a witness policy is configured",
                        (ctx, p) -> ctx.contentType("text/plain; charset=utf-8").header("Cache-Control", "no-cache")
                                .result(log.publishedCheckpoint())),
                Route.get("/log/vkey", Permission.PUBLIC_READ, "log", "The log's verifier key (C2SP signed-note vkey)",
                        (ctx, p) -> serve(ctx, "vkey")),
                Route.get("/log/tile/<path>", Permission.PUBLIC_READ, "log",
                        "A Merkle tree tile or entry bundle (C2SP tlog-tiles)", (ctx, p) -> serve(ctx, "tile/" + ctx.pathParam("path"))));
    }

    private void serve(Context ctx, String path) throws IOException {
        LogResources.Resource r = immutable.get(path);
        if (r == null) {
            r = resources.get(path).orElseThrow(() -> ApiException.notFound("log resource " + path));
            if (r.cacheControl().equals(LogResources.IMMUTABLE) && immutable.size() < CACHED_TILES) {
                immutable.put(path, r);
            }
        }
        if (r.compress()) {
            // Entry bundles: Javalin gzips them for clients that accept it (tlog-tiles: SHOULD be compressed),
            // and a shared cache must keep one answer per encoding.
            ctx.header("Vary", "Accept-Encoding");
        }
        ctx.contentType(r.contentType()).header("Cache-Control", r.cacheControl()).result(r.body());
    }
}
