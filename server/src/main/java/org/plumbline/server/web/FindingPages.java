package org.plumbline.server.web;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.plumbline.core.Core;
import org.plumbline.core.domain.RaisedFinding;
import org.plumbline.server.http.ApiException;
import org.plumbline.server.api.FindingChart;
import org.plumbline.server.http.PathParams;
import org.plumbline.server.api.SignalsApi;
import org.plumbline.server.auth.AccessPolicy;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.signals.cases.ScanReport;
import org.plumbline.signals.cases.UsageSignals;

/**
 * The usage-signals pages: findings (list, with the upload form for those who may upload) and each
 * finding with its evidence chart, linked from and to its case.
 */
public final class FindingPages {
    private final Web web;
    private final Core core;
    private final SignalsApi api;
    private final UsageSignals signals;

    public FindingPages(Web web, Core core, SignalsApi api, UsageSignals signals) {
        this.web = web;
        this.core = core;
        this.api = api;
        this.signals = signals;
    }

    public void register() {
        web.page("/findings", Permission.CASE_READ, (ctx, p) -> list(ctx, p, Form.EMPTY));
        web.action("/findings/uploads", Permission.USAGE_UPLOAD, this::upload);
        web.action("/findings/scans", Permission.USAGE_UPLOAD, this::scan);
        web.page("/findings.csv", Permission.CASE_READ, this::csv);
        web.page("/unmapped-accounts.csv", Permission.USAGE_READ, this::unmappedCsv);
        web.page("/findings/{id}", Permission.CASE_READ, this::finding);
    }

    /** A row of the findings table: the finding, its engagement's reference, and whether its case is still active. */
    record Row(RaisedFinding finding, String engagement, boolean open) {}

    /** Severities from the most severe, as the dashboard counts them. */
    static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");
    /** How many of the newest findings the dashboard lists. */
    static final int DASHBOARD_NEWEST = 5;

    /**
     * The dashboard's findings panel: open findings (case still active) by severity, the newest few, and
     * (for those who may read scan reports) the latest scan.
     *
     * @param considered how many findings were counted: the newest {@link SignalsApi#LIST_LIMIT} at most
     */
    record Panel(Map<String, Integer> openBySeverity, int open, List<Row> newest, int considered, ScanReport lastScan,
                 boolean showScan) {}

    Panel panel(Principal p) {
        List<Row> rows = rows(api.visibleWithCases(p));
        Map<String, Integer> bySeverity = new java.util.LinkedHashMap<>();
        SEVERITIES.forEach(sev -> bySeverity.put(sev, 0));
        rows.stream().filter(Row::open).forEach(r -> bySeverity.merge(r.finding().finding().severity(), 1, Integer::sum));
        boolean showScan = AccessPolicy.allows(p.role(), Permission.USAGE_READ);
        return new Panel(bySeverity, (int) rows.stream().filter(Row::open).count(),
                rows.subList(0, Math.min(DASHBOARD_NEWEST, rows.size())), rows.size(),
                showScan ? signals.latest().orElse(null) : null, showScan);
    }

    private List<Row> rows(List<SignalsApi.Visible> visible) {
        // A recorded finding names its engagement by reference already.
        return visible.stream().map(v -> new Row(v.finding(), v.finding().finding().engagement(), v.caseFile().state().isActive()))
                .toList();
    }

    private void list(Context ctx, Principal p, Form form) {
        // ?severity=high&open=true: what the dashboard's counts link to; q, rule, from, to and page narrow further.
        FindingList query = FindingList.of(ctx);
        List<Row> all = rows(api.visibleWithCases(p));
        Map<String, Object> m = new HashMap<>();
        m.put("query", query);
        m.put("result", query.page(query.filter(all)));
        m.put("rules", all.stream().map(r -> r.finding().finding().rule()).distinct().sorted().toList());
        m.put("canUpload", AccessPolicy.allows(p.role(), Permission.USAGE_UPLOAD));
        m.put("form", form);
        boolean showScan = AccessPolicy.allows(p.role(), Permission.USAGE_READ);
        m.put("showScan", showScan);
        m.put("scan", showScan ? signals.latest().orElse(null) : null);
        m.put("unmapped", unmappedPage(ctx, showScan ? signals.latest().orElse(null) : null));
        m.put("now", java.time.Instant.now());
        web.render(ctx, p, "findings.jte", "Findings", m);
    }

    /**
     * A page of the unmapped accounts (25), those whose account or billing account contains {@code uq}; the
     * list is the scan report's (at most 10,000, already ranked).
     */
    record UnmappedPage(List<org.plumbline.signals.AccountSummary> accounts, int total, int page, int pages, String uq) {
        String link(int toPage) {
            StringBuilder b = new StringBuilder("/findings?");
            if (uq != null) b.append("uq=").append(java.net.URLEncoder.encode(uq, java.nio.charset.StandardCharsets.UTF_8)).append('&');
            return b.append("upage=").append(toPage).append("#unmapped").toString();
        }
    }

    static final int UNMAPPED_PAGE = 25;

    private static UnmappedPage unmappedPage(Context ctx, ScanReport scan) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        String uq = ctx.queryParam("uq");
        if (uq == null || uq.isBlank()) {
            uq = null;
        } else if (uq.length() > 200 || uq.codePoints().anyMatch(Character::isISOControl)) {
            errors.put("uq", "at most 200 characters, no control characters");
        }
        int page = 1;
        String p = ctx.queryParam("upage");
        if (p != null && !p.isBlank()) {
            try {
                page = Integer.parseInt(p);
                if (page < 1 || page > 10_000) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                errors.put("upage", "a whole number from 1 to 10000");
            }
        }
        if (!errors.isEmpty()) {
            StringBuilder message = new StringBuilder("These filters are not valid: ");
            errors.forEach((field, why) -> message.append(field).append(" (").append(why).append("); "));
            throw new ApiException(400, "invalid", message.substring(0, message.length() - 2) + ".", errors);
        }
        if (scan == null) {
            return new UnmappedPage(List.of(), 0, 1, 1, uq);
        }
        List<org.plumbline.signals.AccountSummary> matching = matchingUnmapped(scan, uq);
        int pages = Math.max(1, (matching.size() + UNMAPPED_PAGE - 1) / UNMAPPED_PAGE);
        int shown = Math.min(page, pages);
        int first = (shown - 1) * UNMAPPED_PAGE;
        return new UnmappedPage(matching.subList(first, Math.min(matching.size(), first + UNMAPPED_PAGE)), matching.size(),
                shown, pages, uq == null ? null : uq.strip());
    }

    /** The latest scan's unmapped accounts whose account or billing account contains {@code uq} (all if null), ranked. */
    private static List<org.plumbline.signals.AccountSummary> matchingUnmapped(ScanReport scan, String uq) {
        String needle = uq == null ? null : uq.strip().toLowerCase(java.util.Locale.ROOT);
        return scan.unmapped().stream()
                .filter(a -> needle == null || a.account().toLowerCase(java.util.Locale.ROOT).contains(needle)
                        || (a.billingAccount() != null && a.billingAccount().toLowerCase(java.util.Locale.ROOT).contains(needle)))
                .toList();
    }

    /**
     * The unmapped accounts as CSV, with the list's search (every match, not one page; the scan report keeps at
     * most 10,000). Metering aggregates only, like the page.
     */
    private void unmappedCsv(Context ctx, Principal p) {
        UnmappedPage checked = unmappedPage(ctx, null);  // validates uq and upage the same way as the page
        ScanReport scan = signals.latest().orElse(null);
        Csv csv = new Csv(List.of("account", "billing account", "days seen", "first day", "last day", "cost",
                "storage bytes at end", "storage day", "ai use", "rules met"));
        if (scan != null) {
            for (var a : matchingUnmapped(scan, checked.uq())) {
                csv.line(List.of(a.account(), a.billingAccount() == null ? "" : a.billingAccount(), String.valueOf(a.daysSeen()),
                        String.valueOf(a.firstDay()), String.valueOf(a.lastDay()), a.cost() == null ? "" : a.cost().toPlainString(),
                        a.storageDay() == null ? "" : String.valueOf((long) a.storageBytesAtEnd()),
                        a.storageDay() == null ? "" : a.storageDay(),
                        a.aiUse().entrySet().stream().sorted(Map.Entry.comparingByKey())
                                .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(" ")),
                        scan.flagsOf(a.account()).stream().map(f -> f.rule()).distinct()
                                .collect(java.util.stream.Collectors.joining(" "))));
            }
        }
        csv.send(ctx, "unmapped-accounts.csv");
    }

    /** The findings list as CSV, with the list's filters (every match, not one page). */
    private void csv(Context ctx, Principal p) {
        FindingList query = FindingList.of(ctx);
        FindingList.csv(query.filter(rows(api.visibleWithCases(p)))).send(ctx, "findings.csv");
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
        SignalsApi.Shown s = api.read(PathParams.id(ctx, "id"), p);
        Map<String, Object> m = new HashMap<>();
        m.put("f", s.finding());
        m.put("c", s.caseFile());
        m.put("engagement", core.engagements().get(s.finding().engagementId()));
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
