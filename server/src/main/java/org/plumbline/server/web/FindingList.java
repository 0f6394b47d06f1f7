package org.plumbline.server.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.plumbline.core.domain.Finding;
import org.plumbline.server.http.ApiException;

/**
 * The findings list's search, filters and paging (`/findings`), and its CSV export (`/findings.csv`) with the
 * same filters, over the findings the reader may see (newest first). The text search reads what the list shows
 * (title, rule, engagement, account, subject), never the confidential evidence sentence.
 *
 * @param q        text to find, case-insensitive
 * @param severity critical, high, medium or low; null for any
 * @param open     only findings whose case is still active
 * @param rule     a rule id; null for any
 * @param from     only findings whose window ends on or after this day; null for no bound
 * @param to       only findings whose window starts on or before this day; null for no bound
 * @param sort     "newest" (raised, newest first; the default), "severity" (most severe first), "engagement"
 *                 (by reference, A to Z) or "window" (latest window first); ties keep the newest first, so the
 *                 order is the same on every request and across pages
 * @param page     1-based
 */
record FindingList(String q, String severity, boolean open, String rule, LocalDate from, LocalDate to, String sort, int page) {
    static final List<String> SORTS = List.of("newest", "severity", "engagement", "window");
    static final int PAGE_SIZE = 50;
    static final int MAX_TEXT = 200;
    static final int MAX_PAGE = 10_000;

    /** One page of matches. */
    record Page(List<FindingPages.Row> rows, int total, int page, int pages) {}

    static FindingList of(Context ctx) {
        Map<String, String> errors = new LinkedHashMap<>();
        String q = text(ctx, "q", errors);
        String severity = blankToNull(ctx.queryParam("severity"));
        if (severity != null && !FindingPages.SEVERITIES.contains(severity)) {
            errors.put("severity", "one of " + String.join(", ", FindingPages.SEVERITIES));
            severity = null;
        }
        String open = blankToNull(ctx.queryParam("open"));
        if (open != null && !open.equals("true") && !open.equals("false")) {
            errors.put("open", "true or false");
        }
        String rule = text(ctx, "rule", errors);
        if (rule != null && !rule.matches("[a-z0-9-]{1,100}")) {
            errors.put("rule", "a rule id (lower-case letters, digits and hyphens)");
            rule = null;
        }
        LocalDate from = day(ctx, "from", errors);
        LocalDate to = day(ctx, "to", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.put("to", "on or after from");
        }
        String sort = blankToNull(ctx.queryParam("sort"));
        if (sort == null) {
            sort = "newest";
        } else if (!SORTS.contains(sort)) {
            errors.put("sort", "one of " + String.join(", ", SORTS));
        }
        int page = 1;
        String p = blankToNull(ctx.queryParam("page"));
        if (p != null) {
            try {
                page = Integer.parseInt(p);
                if (page < 1 || page > MAX_PAGE) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                errors.put("page", "a whole number from 1 to " + MAX_PAGE);
            }
        }
        ListFilters.rejectIfAny(errors);
        return new FindingList(q, severity, "true".equals(open), rule, from, to, sort, page);
    }

    private static LocalDate day(Context ctx, String name, Map<String, String> errors) {
        String v = blankToNull(ctx.queryParam(name));
        if (v == null) return null;
        try {
            if (v.length() != 10) throw new DateTimeParseException("length", v, 0);
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.put(name, "a day as YYYY-MM-DD");
            return null;
        }
    }

    private static String text(Context ctx, String name, Map<String, String> errors) {
        return ListFilters.text(ctx, name, MAX_TEXT, errors);
    }

    private static String blankToNull(String s) {
        return ListFilters.blankToNull(s);
    }

    boolean filtered() {
        return q != null || severity != null || open || rule != null || from != null || to != null;
    }

    /** The matching rows, in the order asked for (the rows are given newest first). */
    List<FindingPages.Row> filter(List<FindingPages.Row> rows) {
        String needle = q == null ? null : q.toLowerCase(Locale.ROOT);
        List<FindingPages.Row> out = new ArrayList<>();
        for (FindingPages.Row r : rows) {
            Finding f = r.finding().finding();
            if (severity != null && !f.severity().equals(severity)) continue;
            if (open && !r.open()) continue;
            if (rule != null && !f.rule().equals(rule)) continue;
            if (from != null && f.windowEnd().isBefore(from)) continue;
            if (to != null && f.windowStart().isAfter(to)) continue;
            if (needle != null && !matches(r, needle)) continue;
            out.add(r);
        }
        java.util.Comparator<FindingPages.Row> order = switch (sort) {
            case "severity" -> java.util.Comparator.comparingInt(r -> FindingPages.SEVERITIES.indexOf(r.finding().finding().severity()));
            case "engagement" -> java.util.Comparator.comparing(r -> r.engagement() == null ? "" : r.engagement());
            case "window" -> java.util.Comparator.comparing((FindingPages.Row r) -> r.finding().finding().windowEnd()).reversed();
            default -> (a, b) -> 0;
        };
        // Newest first among equals (by id, not by the given order, so that the order never depends on how rows came).
        out.sort(order.thenComparing(java.util.Comparator.comparingLong((FindingPages.Row r) -> r.finding().id()).reversed()));
        return out;
    }

    private static boolean matches(FindingPages.Row r, String needle) {
        Finding f = r.finding().finding();
        for (String field : new String[] {f.title(), f.rule(), r.engagement(), f.account(), f.subject()}) {
            if (field != null && field.toLowerCase(Locale.ROOT).contains(needle)) return true;
        }
        return false;
    }

    Page page(List<FindingPages.Row> matching) {
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int shown = Math.min(page, pages);
        int first = (shown - 1) * PAGE_SIZE;
        return new Page(matching.subList(first, Math.min(matching.size(), first + PAGE_SIZE)), matching.size(), shown, pages);
    }

    /** This query as a link to {@code path}, on page {@code toPage} (0 or 1: left out). */
    String link(String path, int toPage) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", q);
        params.put("severity", severity);
        params.put("open", open ? "true" : null);
        params.put("rule", rule);
        params.put("from", from == null ? null : from.toString());
        params.put("to", to == null ? null : to.toString());
        params.put("sort", sort.equals("newest") ? null : sort);
        params.put("page", toPage <= 1 ? null : String.valueOf(toPage));
        StringBuilder b = new StringBuilder(path);
        char sep = '?';
        for (var e : params.entrySet()) {
            if (e.getValue() == null) continue;
            b.append(sep).append(e.getKey()).append('=')
                    .append(java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8));
            sep = '&';
        }
        return b.toString();
    }

    static Csv csv(List<FindingPages.Row> rows) {
        Csv csv = new Csv(List.of("finding", "title", "rule", "severity", "engagement", "account", "subject", "window start",
                "window end", "case", "case active", "record"));
        for (FindingPages.Row r : rows) {
            Finding f = r.finding().finding();
            csv.line(List.of(String.valueOf(r.finding().id()), f.title(), f.rule(), f.severity(), r.engagement(), f.account(),
                    f.subject(), f.windowStart().toString(), f.windowEnd().toString(), String.valueOf(r.finding().caseId()),
                    String.valueOf(r.open()), String.valueOf(r.finding().logIndex())));
        }
        return csv;
    }
}
