package org.plumbline.server;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.plumbline.core.Core;
import org.plumbline.core.domain.RaisedFinding;

/**
 * The usage-signals pages: findings (list, with the upload form for those who may upload) and each
 * finding with its evidence chart, linked from and to its case.
 */
final class FindingPages {
    private final Web web;
    private final Core core;
    private final SignalsApi api;
    private final UsageSignals signals;

    FindingPages(Web web, Core core, SignalsApi api, UsageSignals signals) {
        this.web = web;
        this.core = core;
        this.api = api;
        this.signals = signals;
    }

    void register() {
        web.page("/findings", Permission.CASE_READ, (ctx, p) -> list(ctx, p, Form.EMPTY));
        web.action("/findings/uploads", Permission.USAGE_UPLOAD, this::upload);
        web.action("/findings/scans", Permission.USAGE_UPLOAD, this::scan);
        web.page("/findings/{id}", Permission.CASE_READ, this::finding);
    }

    /** A row of the findings table: the finding and its engagement's reference. */
    record Row(RaisedFinding finding, String engagement) {}

    private void list(Context ctx, Principal p, Form form) {
        Map<Long, String> references = new HashMap<>();
        List<Row> rows = api.visible(p).stream().map(f -> new Row(f, references.computeIfAbsent(f.finding().engagementId(),
                id -> core.engagements().get(id).reference()))).toList();
        Map<String, Object> m = new HashMap<>();
        m.put("rows", rows);
        m.put("canUpload", AccessPolicy.allows(p.role(), Permission.USAGE_UPLOAD));
        m.put("form", form);
        web.render(ctx, p, "findings.jte", "Findings", m);
    }

    private void upload(Context ctx, Principal p) throws Exception {
        try {
            UsageSignals.UploadOutcome o = api.upload(ctx);
            String what = o.alreadyUploaded() ? "This file was already uploaded (SHA-256 " + o.sha256().substring(0, 12)
                    + "…): nothing changed" : "Uploaded " + Fmt.size(o.size()) + " of FOCUS usage (" + o.format()
                    + ", SHA-256 " + o.sha256().substring(0, 12) + "…)";
            Web.done(ctx, "/findings", what + "; scan raised " + o.scan().raised().size() + " new finding"
                    + (o.scan().raised().size() == 1 ? "" : "s") + ".");
        } catch (ApiException e) {
            if (e.status() != 400) throw e;
            ctx.status(400);
            list(ctx, p, new Form(Map.of(), e.fields().isEmpty() ? Map.of("file", e.getMessage()) : e.fields()));
        }
    }

    private void scan(Context ctx, Principal p) throws Exception {
        UsageSignals.ScanOutcome o = signals.scan();
        Web.done(ctx, "/findings", "Scanned " + o.rows() + " usage rows: " + o.findings() + " finding"
                + (o.findings() == 1 ? "" : "s") + ", " + o.raised().size() + " new.");
    }

    private void finding(Context ctx, Principal p) {
        SignalsApi.Shown s = api.read(EngagementApi.pathId(ctx, "id"), p);
        Map<String, Object> m = new HashMap<>();
        m.put("f", s.finding());
        m.put("c", s.caseFile());
        m.put("engagement", core.engagements().get(s.finding().finding().engagementId()));
        SignalsApi.Chart chart = api.chart(s.finding());
        m.put("chart", new gg.jte.Content() {
            @Override
            public void writeTo(gg.jte.TemplateOutput output) {
                output.writeContent(chart.svg());
            }
        });
        m.put("markers", chart.markers());
        m.put("figures", s.finding().finding().figures().entrySet().stream()
                .map(e -> new String[] {e.getKey(), figure(e.getValue())}).toList());
        web.render(ctx, p, "finding.jte", "Finding " + s.finding().id(), m);
    }

    private static String figure(Object v) {
        if (v instanceof Number n && !(v instanceof Long || v instanceof Integer)) {
            return FindingChart.number(n.doubleValue());
        }
        return String.valueOf(v);
    }
}
