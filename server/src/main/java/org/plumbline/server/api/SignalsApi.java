package org.plumbline.server.api;

import org.plumbline.server.http.ApiException;
import org.plumbline.server.http.PathParams;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plumbline.core.Core;
import org.plumbline.core.domain.NotFoundException;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.domain.Directive;
import org.plumbline.core.domain.RaisedFinding;
import org.plumbline.server.auth.CaseAccess;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.auth.Role;
import org.plumbline.core.domain.ValidationException;
import org.plumbline.core.domain.Finding;
import org.plumbline.signals.FileReport;
import org.plumbline.signals.cases.ScanReport;
import org.plumbline.signals.cases.UsageSignals;

/**
 * Usage signals over HTTP: upload FOCUS usage (kept by SHA-256, ingested, scanned), scan now, and read
 * the findings with their evidence charts. A finding belongs to its (confidential) case: whoever may
 * see the case may see the finding, and reading one is recorded like reading the case.
 */
public final class SignalsApi {
    /** Days of history drawn before a finding's window, so growth shows against what came before. */
    static final int HISTORY_DAYS = 30;

    private final Core core;
    private final UsageSignals signals;
    private final CaseApi cases;

    public SignalsApi(Core core, UsageSignals signals, CaseApi cases) {
        this.core = core;
        this.signals = signals;
        this.cases = cases;
    }

    public List<Route> routes() {
        return List.of(
                Route.post("/api/signals/uploads", Permission.USAGE_UPLOAD, "signals",
                        "Upload FOCUS usage (multipart/form-data 'file': CSV, gzip CSV or Parquet); kept by SHA-256, "
                                + "ingested and scanned; the same file again changes nothing",
                        """
                        {"type":"object","required":["file"],"properties":{"file":{"type":"string","format":"binary",
                          "description":"FOCUS 1.0-1.3 cost and usage data: CSV, gzip'd CSV or Parquet (at most 32 MiB; larger exports go in <data-dir>/signals/inbox)"}}}""",
                        this::upload),
                Route.post("/api/signals/scans", Permission.USAGE_UPLOAD, "signals",
                        "Scan now (the server also scans on a schedule and after each upload)", null, this::scan),
                Route.get("/api/signals/scans/latest", Permission.USAGE_READ, "signals",
                        "The latest scan (scheduled, after an upload or on request): when it ran, the files it ingested, "
                                + "findings, errors and the accounts whose usage matches no engagement; 404 before the first scan",
                        this::latestScan),
                Route.get("/api/signals/unmapped-accounts", Permission.USAGE_READ, "signals",
                        "Accounts with usage that match no engagement, from the latest scan: account, billing account, days seen, "
                                + "cost, storage held at the end, AI use (metering aggregates only), and the rules its usage meets; "
                                + "those meeting a rule first (most severe first), then by cost; at most 10,000 ('total' says how many)",
                        this::unmapped),
                Route.get("/api/findings", Permission.CASE_READ, "signals",
                        "Usage findings whose case the caller may see, newest first", this::list),
                Route.get("/api/findings/{id}", Permission.CASE_READ, "signals",
                        "A usage finding with its evidence series (reading it is logged like reading its case)", this::get),
                Route.get("/api/findings/{id}/chart.svg", Permission.CASE_READ, "signals",
                        "The finding's evidence chart (SVG)", this::chart));
    }

    /** Reads the 'file' part of a multipart request and uploads it. */
    public UsageSignals.UploadOutcome upload(Context ctx) throws IOException {
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (!type.startsWith("multipart/form-data")) {
            throw ApiException.badRequest("file", "send multipart/form-data with a 'file' part (FOCUS CSV, gzip CSV or Parquet)");
        }
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.filename().isBlank()) {
            throw ApiException.badRequest("file", "choose a FOCUS usage file to upload");
        }
        try (InputStream in = file.content()) {
            return signals.upload(in, file.filename());
        } catch (ValidationException e) {
            // Answered here rather than by the server's general mapping, so that the upload form shows it too.
            throw ApiException.badRequest(e.fieldErrors());
        }
    }

    private void upload(Context ctx, Principal p) throws IOException {
        UsageSignals.UploadOutcome o = upload(ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sha256", o.sha256());
        out.put("size", o.size());
        out.put("format", o.format());
        out.put("alreadyUploaded", o.alreadyUploaded());
        List<Map<String, Object>> files = new ArrayList<>();
        for (FileReport f : o.ingest().files()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("focusVersion", f.focusVersion());
            m.put("format", f.format());
            m.put("skippedDuplicate", f.skippedDuplicate());
            m.put("rows", f.rows());
            m.put("deviations", f.deviations());
            m.put("unrecognisedColumns", f.unrecognisedColumns());
            files.add(m);
        }
        out.put("ingested", files);
        out.put("scan", scanView(o.scan()));
        ctx.status(o.alreadyUploaded() ? 200 : 201).json(out);
    }

    private void scan(Context ctx, Principal p) throws IOException {
        // Takes no fields; one sent anyway (a filter the caller expects to apply) is refused, not ignored.
        RequestBody.of(ctx).allowOnly(Set.of()).done();
        ctx.json(scanView(signals.scan()));
    }

    private static Map<String, Object> scanView(UsageSignals.ScanOutcome s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("findings", s.findings());
        m.put("raised", s.raised().stream().map(o -> summary(o.finding())).toList());
        m.put("unattributed", s.unattributed());
        m.put("rows", s.rows());
        return m;
    }

    /** How many of the newest findings the lists and the dashboard consider. */
    public static final int LIST_LIMIT = 500;

    /** Findings whose case {@code p} may see. */
    List<RaisedFinding> visible(Principal p) {
        return visibleWithCases(p).stream().map(Visible::finding).toList();
    }

    /** A finding with its case (for its state: a finding is open while its case is active). */
    public record Visible(RaisedFinding finding, CaseFile caseFile) {}

    /** The newest {@link #LIST_LIMIT} findings whose case {@code p} may see, newest first, each with its case. */
    public List<Visible> visibleWithCases(Principal p) {
        List<Visible> out = new ArrayList<>();
        if (p.role() == Role.EXTERNAL_INVESTIGATOR) {
            // Their own cases' findings, however old: the newest findings of everyone else's cases would
            // crowd them out of the window below, and the page would say there are none.
            for (CaseFile c : core.cases().assignedTo(p.username())) {
                if (CaseAccess.maySee(p, c)) {
                    core.findings().forCase(c.id()).forEach(f -> out.add(new Visible(f, c)));
                }
            }
            out.sort(java.util.Comparator.comparingLong((Visible v) -> v.finding().id()).reversed());
            return out.size() > LIST_LIMIT ? List.copyOf(out.subList(0, LIST_LIMIT)) : out;
        }
        Map<Long, java.util.Optional<CaseFile>> seen = new java.util.HashMap<>();
        for (RaisedFinding f : core.findings().list(LIST_LIMIT)) {
            seen.computeIfAbsent(f.caseId(), id -> java.util.Optional.of(core.cases().get(id)).filter(c -> CaseAccess.maySee(p, c)))
                    .ifPresent(c -> out.add(new Visible(f, c)));
        }
        return out;
    }

    private void latestScan(Context ctx, Principal p) {
        ScanReport r = signals.latest().orElseThrow(() -> ApiException.notFound("scan (no usage scan has run yet)"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trigger", r.trigger());
        m.put("startedAt", r.startedAt().toString());
        m.put("finishedAt", r.finishedAt().toString());
        m.put("files", r.files());
        m.put("filesIngested", r.filesIngested());
        m.put("rowsIngested", r.rowsIngested());
        m.put("findings", r.findings());
        m.put("raised", r.raised());
        m.put("unattributed", r.unattributed());
        m.put("rowsProfiled", r.rowsProfiled());
        m.put("errors", r.errors());
        m.put("unmappedAccounts", r.unmappedTotal());
        m.put("unplacedUnits", r.unplacedUnits());
        m.put("recognition", r.recognition());
        ctx.json(m);
    }

    private void unmapped(Context ctx, Principal p) {
        var r = signals.latest();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scannedAt", r.map(s -> s.finishedAt().toString()).orElse(null));
        m.put("total", r.map(ScanReport::unmappedTotal).orElse(0));
        m.put("accounts", r.map(s -> s.unmapped().stream().map(a -> unmappedView(a, s.flagsOf(a.account()))).toList())
                .orElse(List.of()));
        ctx.json(m);
    }

    static Map<String, Object> unmappedView(org.plumbline.signals.AccountSummary a, List<ScanReport.Flag> flags) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account", a.account());
        m.put("billingAccount", a.billingAccount());
        m.put("daysSeen", a.daysSeen());
        m.put("firstDay", a.firstDay());
        m.put("lastDay", a.lastDay());
        m.put("rows", a.rows());
        m.put("cost", a.cost());
        m.put("storageBytesAtEnd", a.storageBytesAtEnd());
        m.put("storageDay", a.storageDay());
        m.put("aiUse", a.aiUse());
        m.put("flaggedBy", flags);
        return m;
    }

    private void list(Context ctx, Principal p) {
        ctx.json(visible(p).stream().map(SignalsApi::summary).toList());
    }

    /** The finding and its case, if {@code p} may see the case (reading a confidential case is logged). */
    public record Shown(RaisedFinding finding, CaseFile caseFile) {}

    public Shown read(long id, Principal p) {
        RaisedFinding f = core.findings().get(id).orElseThrow(() -> new NotFoundException("finding/" + id));
        CaseFile c = cases.read(f.caseId(), p);
        return new Shown(f, c);
    }

    private void get(Context ctx, Principal p) {
        Shown s = read(PathParams.id(ctx, "id"), p);
        Map<String, Object> out = summary(s.finding());
        out.put("evidence", s.finding().finding().evidence());
        out.put("figures", s.finding().finding().figures());
        Chart chart = chart(s.finding());
        out.put("series", chart.series());
        out.put("markers", chart.markers().stream().map(m -> Map.of("at", m.at().toString(), "label", m.label())).toList());
        ctx.json(out);
    }

    private void chart(Context ctx, Principal p) {
        Shown s = read(PathParams.id(ctx, "id"), p);
        ctx.contentType("image/svg+xml; charset=utf-8").header("Cache-Control", "no-store").result(chart(s.finding()).svg());
    }

    /** A finding's chart and the data it draws. */
    public record Chart(String svg, List<Map<String, Object>> series, List<FindingChart.Marker> markers) {}

    public Chart chart(RaisedFinding raised) {
        Finding f = raised.finding();
        LocalDate from = f.windowStart().minusDays(HISTORY_DAYS);
        var points = signals.series(f.account(), from, f.windowEnd().plusDays(HISTORY_DAYS));
        // Start where the data starts, when that is after the history we would like to show; end where it
        // ends (usage that went on after the window, e.g. despite a directive, is part of the evidence).
        from = points.stream().map(org.plumbline.signals.SeriesPoint::day).min(LocalDate::compareTo)
                .filter(d -> d.isBefore(f.windowStart())).orElse(f.windowStart());
        LocalDate to = points.stream().map(org.plumbline.signals.SeriesPoint::day).max(LocalDate::compareTo)
                .filter(d -> d.isAfter(f.windowEnd())).orElse(f.windowEnd());
        List<FindingChart.Marker> markers = new ArrayList<>();
        for (Directive d : core.directives().forEngagement(raised.engagementId())) {
            if (d.accounts().contains(f.account())) {
                markers.add(new FindingChart.Marker(d.effectiveAt(), d.subject() + " effective "
                        + d.effectiveAt().atOffset(ZoneOffset.UTC).toLocalDate() + " (" + String.join(", ", d.services()) + ")"));
            }
        }
        List<Map<String, Object>> series = points.stream().map(pt -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("day", pt.day().toString());
            m.put("metric", pt.metric());
            m.put("amount", pt.amount());
            m.put("cost", pt.cost());
            m.put("currency", pt.currency());
            return m;
        }).toList();
        String svg = FindingChart.svg(FindingChart.panelsFor(f.rule()), points, from, to, f.windowStart(), f.windowEnd(), markers);
        return new Chart(svg, series, markers);
    }

    static Map<String, Object> summary(RaisedFinding r) {
        Finding f = r.finding();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("key", f.key());
        m.put("rule", f.rule());
        m.put("title", f.title());
        m.put("severity", f.severity());
        m.put("engagementId", r.engagementId());
        m.put("account", f.account());
        m.put("subject", f.subject());
        m.put("windowStart", f.windowStart().toString());
        m.put("windowEnd", f.windowEnd().toString());
        m.put("caseId", r.caseId());
        m.put("openedCase", r.openedCase());
        m.put("raisedAt", r.raisedAt().toString());
        m.put("logIndex", r.logIndex());
        m.put("proof", Views.proofUrl(r.logIndex()));
        return m;
    }
}
