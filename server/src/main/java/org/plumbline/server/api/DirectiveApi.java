package org.plumbline.server.api;

import org.plumbline.server.http.Json;
import org.plumbline.server.http.PathParams;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plumbline.core.Core;
import org.plumbline.core.Directives;
import org.plumbline.core.domain.AckOutcome;
import org.plumbline.core.domain.Directive;
import org.plumbline.core.domain.Wire;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;

/**
 * Directives for enforcement systems. A machine client polls {@code GET /api/directives?since=<cursor>},
 * acts on each directive (after checking its Ed25519 signature with the key from
 * {@code /api/directives/public-key}), acknowledges it, and remembers {@code nextCursor}. Cursors are log
 * indices, which commit in order, so no directive is ever skipped.
 */
public final class DirectiveApi {
    public static final int MAX_PAGE = 500;

    private final Core core;
    private final Clock clock;

    public DirectiveApi(Core core, Clock clock) {
        this.core = core;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/api/directives", Permission.DIRECTIVE_READ, "directives",
                        "Directives after a cursor (?since=<cursor>&limit=<n>, oldest first) and the cursor to continue from",
                        this::since),
                Route.get("/api/directives/public-key", Permission.DIRECTIVE_READ, "directives",
                        "The Ed25519 public key directives are signed with (base64, raw 32 bytes)", this::publicKey),
                Route.get("/api/directives/{id}", Permission.DIRECTIVE_READ, "directives", "One directive", this::get),
                Route.post("/api/directives/{id}/acknowledgement", Permission.DIRECTIVE_ACK, "directives",
                        "Acknowledge a directive (applied or failed); 409 if already acknowledged",
                        """
                        {"type":"object","required":["outcome"],"properties":{"outcome":{"enum":["applied","failed"]},"detail":{"type":"string"}}}""",
                        this::acknowledge));
    }

    public Directives.Page page(Long since, Integer limit) {
        return core.directives().since(since == null ? -1 : since, limit == null ? 100 : limit);
    }

    private void since(Context ctx, Principal p) {
        RequestBody q = RequestBody.of(queryNode(ctx));
        Integer limit = q.integer("limit", false, 1, MAX_PAGE);
        String rawSince = ctx.queryParam("since");
        Long since = null;
        if (rawSince != null && !rawSince.isBlank()) {
            if (rawSince.strip().matches("-1|\\d{1,18}")) {
                since = Long.parseLong(rawSince.strip());
            } else {
                q.error("since", "must be a cursor returned by an earlier call (a whole number), or -1 for the start");
            }
        }
        q.done();
        Directives.Page page = page(since, limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("directives", page.directives().stream().map(d -> Views.directive(d, clock.instant())).toList());
        out.put("nextCursor", page.nextCursor());
        ctx.json(out);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode queryNode(Context ctx) {
        var node = Json.MAPPER.createObjectNode();
        ctx.queryParamMap().forEach((k, v) -> node.put(k, v.get(0)));
        return node;
    }

    private void publicKey(Context ctx, Principal p) {
        ctx.json(Map.of("algorithm", "Ed25519", "publicKey", Base64.getEncoder().encodeToString(core.directives().publicKey())));
    }

    private void get(Context ctx, Principal p) {
        ctx.json(Views.directive(core.directives().get(PathParams.id(ctx, "id")), clock.instant()));
    }

    Directive acknowledge(long id, RequestBody body, Principal p) {
        body.allowOnly(Set.of("outcome", "detail"));
        String outcome = body.oneOf("outcome", true, Set.of("applied", "failed"));
        String detail = body.string("detail", false, 2000);
        body.done();
        return core.directives().acknowledge(id, p.actor(), Wire.parse(AckOutcome.class, outcome, "outcome"),
                detail == null ? "" : detail);
    }

    private void acknowledge(Context ctx, Principal p) {
        ctx.json(Views.directive(acknowledge(PathParams.id(ctx, "id"), RequestBody.of(ctx), p), clock.instant()));
    }
}
