package org.plumbline.server.web;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plumbline.core.Core;
import org.plumbline.core.record.LoggedRecord;
import org.plumbline.core.report.Count;
import org.plumbline.core.report.Figure;
import org.plumbline.core.report.Quarter;
import org.plumbline.core.report.ReportException;
import org.plumbline.core.report.TransparencyReport;
import org.plumbline.server.http.ApiException;
import org.plumbline.server.log.QuarterReports;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.http.LogSafe;

/**
 * {@code /log/records}: anyone, signed in or not, pages through the log's records newest first, filtered by
 * type, by period and by engagement reference; each links to its record page with the canonical bytes and
 * the proof. Every page is a bounded index read (see core's {@code Records.page}), since it is anonymous.
 *
 * <p>With {@code quarter} and {@code figure} (and {@code group} for a breakdown), it lists exactly the records
 * one number of that quarter's transparency report counts, taken from the cached report itself (so the list
 * and the number cannot disagree, and the page costs no query beyond the report's).
 */
public final class LogBrowserPages {
    /** Records per page (core reads one more, to know whether an older page exists; it allows 200). */
    static final int PAGE = 50;

    private final Web web;
    private final Core core;

    private final QuarterReports reports;

    public LogBrowserPages(Web web, Core core, QuarterReports reports) {
        this.web = web;
        this.core = core;
        this.reports = reports;
    }

    public void register() {
        web.page("/log/records", Permission.PUBLIC_READ, this::list);
    }

    private void list(Context ctx, Principal p) throws ReportException {
        List<String> types = core.records().types();
        Map<String, String> errors = new LinkedHashMap<>();
        String type = blankToNull(ctx.queryParam("type"));
        if (type != null && !types.contains(type)) {
            errors.put("type", "no record has the type \"" + LogSafe.escape(type) + "\"");
        }
        Instant from = day(ctx, "from", errors, 0);
        Instant to = day(ctx, "to", errors, 1);  // "to" names the last day included
        String reference = blankToNull(ctx.queryParam("engagement"));
        String subject = null;
        if (reference != null) {
            subject = core.engagements().byReference(reference).map(e -> "engagement/" + e.id()).orElse(null);
            if (subject == null) {
                errors.put("engagement", "no engagement has the reference \"" + LogSafe.escape(reference) + "\"");
            }
        }
        long before = Long.MAX_VALUE;
        String b = ctx.queryParam("before");
        if (b != null && !b.isBlank()) {
            if (!b.matches("\\d{1,18}")) {
                errors.put("before", "must be a log index");
            } else {
                before = Long.parseLong(b);
            }
        }
        Counted counted = counted(ctx, errors);
        List<LoggedRecord> records;
        if (!errors.isEmpty()) {
            records = List.of();
        } else if (counted != null) {
            final long below = before;
            final String t = type;
            final String subj = subject;
            records = QuarterReports.listed(counted.report(), counted.indices(), below, PAGE + 1,
                    r -> (t == null || r.type().equals(t)) && (subj == null || r.subject().equals(subj))
                            && (from == null || !r.time().isBefore(from)) && (to == null || r.time().isBefore(to)));
        } else {
            records = core.records().page(type, subject, from, to, before, PAGE + 1);
        }
        boolean more = records.size() > PAGE;
        if (more) {
            records = records.subList(0, PAGE);
        }
        Map<String, String> values = new HashMap<>();
        for (String k : List.of("type", "from", "to", "engagement", "quarter", "figure", "group")) {
            String v = ctx.queryParam(k);
            if (v != null) values.put(k, v);
        }
        if (!errors.isEmpty()) {
            ctx.status(400);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("form", new Form(values, errors));
        m.put("types", types);
        m.put("counted", counted == null ? "" : counted.describe());
        m.put("records", records);
        m.put("older", more ? query(values, records.get(records.size() - 1).index()) : "");
        web.render(ctx, p, "log-records.jte", "Log records", m);
    }

    /** The records one number of a quarter's report counts: its words, the report, their log indices. */
    private record Counted(String describe, TransparencyReport report, List<Long> indices) {}

    /** The figure filter, if asked for: null when not, with an error in {@code errors} when it is wrong. */
    private Counted counted(Context ctx, Map<String, String> errors) throws ReportException {
        String figure = blankToNull(ctx.queryParam("figure"));
        String quarterText = blankToNull(ctx.queryParam("quarter"));
        String group = ctx.queryParam("group");
        if (figure == null && quarterText == null && group == null) return null;
        Quarter quarter = null;
        try {
            quarter = Quarter.parse(quarterText);
            if (!reports.quarters().contains(quarter)) {
                errors.put("quarter", "the log has no report for " + quarter);
            }
        } catch (IllegalArgumentException e) {
            errors.put("quarter", e.getMessage());
        }
        if (figure == null || Figure.byId(figure).isEmpty()) {
            errors.put("figure", "no figure of the report is called \"" + LogSafe.escape(String.valueOf(figure)) + "\"");
        } else if ((Figure.byId(figure).get().by() instanceof Figure.Total) != (group == null)) {
            errors.put("group", group == null ? "this figure is broken down: name a group" : "this figure is a total: no group");
        }
        if (!errors.isEmpty()) return null;
        TransparencyReport report;
        try {
            report = reports.report(quarter).orElseThrow();
        } catch (ReportException e) {
            throw ApiException.unavailable("report-too-large", e.getMessage());
        }
        Count c = report.count(figure, group);
        return new Counted(c.count() + " record" + (c.count() == 1 ? "" : "s") + " counted in " + quarter + " as \""
                + (group == null ? Figure.byId(figure).get().label()
                        : Figure.byId(figure).get().section() + ", " + Figure.byId(figure).get().label() + ": " + group) + "\"",
                report, c.indices());
    }

    /** The query string of the next (older) page: the same filters, below {@code index}. */
    private static String query(Map<String, String> values, long index) {
        StringBuilder q = new StringBuilder("?before=").append(index);
        values.forEach((k, v) -> {
            if (!v.isBlank()) q.append('&').append(k).append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
        });
        return q.toString();
    }

    /** A day given as YYYY-MM-DD, as the instant its UTC day starts (plus {@code plusDays}); null if not given. */
    private static Instant day(Context ctx, String name, Map<String, String> errors, int plusDays) {
        String v = blankToNull(ctx.queryParam(name));
        if (v == null) return null;
        try {
            return LocalDate.parse(v).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            errors.put(name, "a day as YYYY-MM-DD, e.g. 2026-10-01");
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

}
