package org.plumbline.server.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plumbline.core.report.Count;
import org.plumbline.core.report.Figure;
import org.plumbline.core.report.Quarter;
import org.plumbline.core.report.ReportException;
import org.plumbline.core.report.TransparencyReport;
import org.plumbline.server.api.RecordApi;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.http.ApiException;
import org.plumbline.server.log.QuarterReports;
import org.plumbline.server.log.TransparencyLog;

/**
 * {@code /transparency}, for anyone: the log's published checkpoint and witness lag, and a quarter's
 * transparency report — its figures, each linking to exactly the records it counts, and the report as
 * JSON and CSV files that {@code plumbline transparency verify} checks. Reports come from
 * {@link QuarterReports}, which builds each once and caches it.
 */
public final class TransparencyPages {
    private final Web web;
    private final TransparencyLog log;
    private final QuarterReports reports;

    public TransparencyPages(Web web, TransparencyLog log, QuarterReports reports) {
        this.web = web;
        this.log = log;
        this.reports = reports;
    }

    public void register() {
        web.page("/transparency", Permission.PUBLIC_READ, this::page);
        web.page("/transparency/{quarter}/report.json", Permission.PUBLIC_READ,
                (ctx, p) -> download(ctx, "json", "application/json"));
        web.page("/transparency/{quarter}/report.csv", Permission.PUBLIC_READ,
                (ctx, p) -> download(ctx, "csv", "text/csv; charset=utf-8"));
    }

    /** A row of the figures table: one figure's number in one group, and where its records are listed. */
    public record Row(String figure, String label, String group, int count, String href) {}

    /** A heading of the figures table and its rows. */
    public record Section(String title, List<Row> rows) {}

    /** A quarter the chooser offers. */
    public record Choice(String value, String label, boolean selected) {}

    private void page(Context ctx, Principal p) throws ReportException {
        Map<String, Object> m = new HashMap<>();
        // The checkpoint served at /log/checkpoint: with witnesses, the newest one a quorum cosigned.
        m.put("checkpoint", RecordApi.text(log.publishedCheckpoint()));
        m.put("vkey", log.verifierKey());
        m.put("size", log.size());
        m.put("witnesses", log.witnessLag().map(l -> l.cosigned() < 0
                ? "No checkpoint has been cosigned by a quorum of witnesses yet."
                : "Cosigned by a quorum of witnesses up to " + l.cosigned() + " records"
                        + (l.entries() == 0 ? "." : "; " + l.entries() + " newer records await cosignatures"
                                + l.lastFailure().map(f -> " (last attempt: " + f + ")").orElse("") + "."))
                .orElse(""));
        Quarter quarter = quarter(ctx.queryParam("quarter"));
        TransparencyReport report = report(quarter);
        List<Choice> choices = new ArrayList<>();
        for (Quarter q : reports.quarters()) {
            choices.add(new Choice(q.toString(), q + (q.equals(reports.current()) ? " (current, partial)" : ""), q.equals(quarter)));
        }
        m.put("quarter", quarter.toString());
        m.put("choices", choices);
        m.put("partial", report.partial());
        m.put("sections", sections(report));
        m.put("reportSize", String.valueOf(report.lines().size()));
        m.put("reportCheckpoint", String.valueOf(checkpointSize(report)));
        m.put("cosignatures", RecordApi.text(report.checkpoint()).lines().filter(l -> l.startsWith("\u2014 ")).count() - 1);
        web.render(ctx, p, "transparency.jte", "Transparency", m);
    }

    private static long checkpointSize(TransparencyReport report) {
        return Long.parseLong(RecordApi.text(report.checkpoint()).lines().skip(1).findFirst().orElse("0"));
    }

    private void download(Context ctx, String kind, String contentType) throws ReportException {
        Quarter quarter = quarter(ctx.pathParam("quarter"));
        TransparencyReport report = report(quarter);
        ctx.contentType(contentType)
                .header("Content-Disposition", "attachment; filename=\"plumbline-transparency-" + quarter + "." + kind + "\"")
                .header("Cache-Control", report.partial() ? "no-cache" : "public, max-age=3600")
                .result(kind.equals("json") ? report.toJson() : report.toCsv());
    }

    /** The quarter asked for (the current one when none is), refused unless a report exists for it. */
    private Quarter quarter(String text) {
        if (text == null || text.isBlank()) return reports.current();
        Quarter q;
        try {
            q = Quarter.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("quarter", e.getMessage());
        }
        if (!reports.quarters().contains(q)) {
            throw ApiException.notFound("a transparency report for " + q + " (the log has records from "
                    + reports.quarters().getLast() + " to " + reports.current() + ")");
        }
        return q;
    }

    private TransparencyReport report(Quarter q) throws ReportException {
        Optional<TransparencyReport> r;
        try {
            r = reports.report(q);
        } catch (ReportException e) {
            throw ApiException.unavailable("report-too-large", e.getMessage());
        }
        return r.orElseThrow(() -> ApiException.notFound("a transparency report for " + q));
    }

    /** The figures by section, in {@link Figure#ALL}'s order; a breakdown with no records shows one empty row. */
    static List<Section> sections(TransparencyReport report) {
        Map<String, List<Row>> by = new LinkedHashMap<>();
        for (Figure f : Figure.ALL) {
            List<Row> rows = by.computeIfAbsent(f.section(), k -> new ArrayList<>());
            List<Count> counts = report.counts().stream().filter(c -> c.figure().equals(f.id())).toList();
            if (counts.isEmpty()) {
                rows.add(new Row(f.id(), f.label(), "", 0, ""));
            }
            for (Count c : counts) {
                rows.add(new Row(f.id(), f.label(), c.group() == null ? "" : c.group(), c.count(), href(report.quarter(), c)));
            }
        }
        List<Section> out = new ArrayList<>();
        by.forEach((title, rows) -> out.add(new Section(title, rows)));
        return out;
    }

    /** The record browser listing exactly the records of one count. */
    static String href(Quarter q, Count c) {
        return "/log/records?quarter=" + q + "&figure=" + c.figure()
                + (c.group() == null ? "" : "&group=" + URLEncoder.encode(c.group(), StandardCharsets.UTF_8));
    }
}
