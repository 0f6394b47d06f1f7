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
    /** Records in one CSV export: 5 bounded reads of 200. */
    static final int MAX_CSV = 1000;

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
        web.page("/log/records.csv", Permission.PUBLIC_READ, this::csv);
    }

    private void list(Context ctx, Principal p) throws ReportException {
        Query query = query(ctx);
        Map<String, String> errors = query.errors();
        List<LoggedRecord> records = errors.isEmpty() ? read(query, query.before(), PAGE + 1) : List.of();
        Map<String, String> values = query.values();
        Counted counted = query.counted();
        boolean more = records.size() > PAGE;
        if (more) {
            records = records.subList(0, PAGE);
        }
        if (!errors.isEmpty()) {
            ctx.status(400);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("form", new Form(values, errors));
        m.put("types", query.types());
        m.put("counted", counted == null ? "" : counted.describe());
        m.put("records", records);
        m.put("older", more ? query(values, records.get(records.size() - 1).index()) : "");
        // The export starts where this page starts (before, if given), with the same filters.
        String csvQuery = query(values, query.before() == Long.MAX_VALUE ? 0 : query.before());
        m.put("csv", "/log/records.csv" + (query.before() == Long.MAX_VALUE ? csvQuery.replaceFirst("^\\?before=0&?", "?") : csvQuery)
                .replaceFirst("\\?$", ""));
        web.render(ctx, p, "log-records.jte", "Log records", m);
    }

    /** The filters of the list and its CSV, read and checked once; {@code values} as given, for the form and links. */
    private record Query(List<String> types, String type, String subject, Instant from, Instant to, long before,
                         Counted counted, Map<String, String> errors, Map<String, String> values) {}

    private Query query(Context ctx) throws ReportException {
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
        Map<String, String> values = new HashMap<>();
        for (String k : List.of("type", "from", "to", "engagement", "quarter", "figure", "group")) {
            String v = ctx.queryParam(k);
            if (v != null) values.put(k, v);
        }
        return new Query(types, type, subject, from, to, before, counted, errors, values);
    }

    /** Up to {@code limit} matching records below index {@code below}, newest first: one bounded read. */
    private List<LoggedRecord> read(Query q, long below, int limit) {
        if (q.counted() != null) {
            return QuarterReports.listed(q.counted().report(), q.counted().indices(), below, limit,
                    r -> (q.type() == null || r.type().equals(q.type())) && (q.subject() == null || r.subject().equals(q.subject()))
                            && (q.from() == null || !r.time().isBefore(q.from())) && (q.to() == null || r.time().isBefore(q.to())));
        }
        return core.records().page(q.type(), q.subject(), q.from(), q.to(), below, limit);
    }

    /**
     * The list as CSV, with its filters: at most {@link #MAX_CSV} records, newest first, read in pages of 200 (each a
     * bounded index read, as for the page: anyone may ask). For older ones, ask again with {@code before} set to the
     * last line's index.
     */
    private void csv(Context ctx, Principal p) throws ReportException {
        Query query = query(ctx);
        ListFilters.rejectIfAny(query.errors());
        Csv csv = new Csv(List.of("index", "type", "subject", "actor", "time"));
        long below = query.before();
        int rows = 0;
        while (rows < MAX_CSV) {
            int want = Math.min(200, MAX_CSV - rows);
            List<LoggedRecord> batch = read(query, below, want);
            for (LoggedRecord r : batch) {
                csv.line(List.of(String.valueOf(r.index()), r.type(), r.subject(), r.actor(), r.time().toString()));
            }
            rows += batch.size();
            if (batch.size() < want) {
                break;  // no older record matches
            }
            below = batch.get(batch.size() - 1).index();
        }
        csv.send(ctx, "log-records.csv");
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
