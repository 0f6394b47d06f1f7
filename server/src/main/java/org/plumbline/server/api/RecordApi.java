package org.plumbline.server.api;

import org.plumbline.server.http.ApiException;
import org.plumbline.server.http.PathParams;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plumbline.core.Core;
import org.plumbline.core.record.Reveal;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.log.TransparencyLog;

/**
 * Logged records, their proofs, and reveals. A record and its proof are public — the log they are in is
 * public — and contain confidential fields only as salted commitments. An auditor may have one such field
 * revealed; the reveal is itself logged.
 */
public final class RecordApi {
    private final Core core;
    private final TransparencyLog log;

    public RecordApi(Core core, TransparencyLog log) {
        this.core = core;
        this.log = log;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/api/records/{index}", Permission.PUBLIC_READ, "records",
                        "The record at a log index, as its canonical JSON bytes (exactly the log entry)", this::record),
                Route.get("/api/records/{index}/proof", Permission.PUBLIC_READ, "records",
                        "The record's offline inclusion proof (c2sp.org/tlog-proof@v1) against the latest checkpoint",
                        this::proof),
                Route.post("/api/records/{index}/reveal", Permission.REVEAL, "records",
                        "Reveal one confidential field (salt and value) to an auditor; the reveal is logged",
                        """
                        {"type":"object","required":["field"],"properties":{"field":{"type":"string"}}}""",
                        this::reveal));
    }

    private long index(Context ctx) {
        return PathParams.id(ctx, "index");
    }

    private void record(Context ctx, Principal p) {
        long index = index(ctx);
        byte[] bytes = core.records().record(index).orElseThrow(() -> ApiException.notFound("record " + index));
        ctx.contentType("application/json").header("Cache-Control", org.plumbline.log.http.LogResources.IMMUTABLE).result(bytes);
    }

    /**
     * The proof file for the record at {@code index}, integrating it first if the log has not caught up yet (on the
     * instance that integrates; another reads the newest checkpoint, and answers 503 if that does not cover it yet).
     */
    byte[] proof(long index) throws IOException {
        if (core.records().record(index).isEmpty()) {
            throw ApiException.notFound("record " + index);
        }
        if (log.size() <= index) {
            log.catchUp();
        }
        if (log.size() <= index) {
            // Another instance integrates the log, and has not yet published a checkpoint covering the record
            // (it does within a tick; a takeover after its death within a few).
            throw ApiException.unavailable("busy", "record " + index + " is not in the published log yet; retry shortly");
        }
        // Against the witness-cosigned checkpoint when it covers the record, so a policy with a witness quorum passes.
        return log.proof(index).toBytes();
    }

    private void proof(Context ctx, Principal p) throws IOException {
        long index = index(ctx);
        byte[] proof = proof(index);
        ctx.contentType("text/plain; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"record-" + index + ".tlog-proof\"")
                .header("Cache-Control", "no-store")
                .result(proof);
    }

    private void reveal(Context ctx, Principal p) {
        long index = index(ctx);
        RequestBody body = RequestBody.of(ctx).allowOnly(Set.of("field"));
        String field = body.string("field", true, 200);
        body.done();
        Reveal r = core.records().reveal(index, field, p.actor());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", index);
        out.put("field", r.field());
        out.put("salt", r.saltHex());
        out.put("value", r.value());
        out.put("commitment", r.commitment());
        out.put("verified", r.verify(core.records().record(index).orElseThrow()));
        ctx.json(out);
    }

    public static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
