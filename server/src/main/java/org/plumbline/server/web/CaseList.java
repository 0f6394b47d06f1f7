package org.plumbline.server.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.domain.CaseState;
import org.plumbline.core.domain.EscalationLevel;
import org.plumbline.core.domain.Wire;
import org.plumbline.server.http.ApiException;

/**
 * The cases list's search, filters, sorting and paging (`/cases`), and its CSV export (`/cases.csv`) with the same
 * filters. The text search reads only what the list shows (case number and title, engagement reference, customer
 * name, assignee): never a case's confidential summary, whose reading is logged case by case.
 *
 * @param q        text to find, case-insensitive (at most {@link #MAX_TEXT} characters)
 * @param state    a case state, or null for any
 * @param severity "1".."5", "unassessed", or null for any
 * @param level    an escalation level, or null for any
 * @param assignee an account name, "none" for unassigned, or null for anyone
 * @param sort     "due" (soonest first), "severity" (most severe first), "opened" (newest first)
 * @param page     1-based
 */
record CaseList(String q, CaseState state, String severity, EscalationLevel level, String assignee, String sort, int page) {
    static final int PAGE_SIZE = 50;
    static final int MAX_TEXT = 200;
    static final int MAX_PAGE = 10_000;
    static final List<String> SORTS = List.of("due", "severity", "opened");
    static final List<String> SEVERITIES = List.of("5", "4", "3", "2", "1", "unassessed");

    /** A case row as the list and the export show it. */
    record Line(WebPages.CaseRow row, String customer) {}

    /** One page of matches. */
    record Page(List<Line> lines, int total, int page, int pages) {}

    /** The query from {@code ctx}'s parameters; every bad one is named in one 400. */
    static CaseList of(Context ctx) {
        Map<String, String> errors = new LinkedHashMap<>();
        String q = text(ctx, "q", errors);
        CaseState state = null;
        String s = blankToNull(ctx.queryParam("state"));
        if (s != null) {
            try {
                state = Wire.parse(CaseState.class, s, "state");
            } catch (RuntimeException e) {
                errors.put("state", "one of open, in-review, escalated, decided, closed");
            }
        }
        String severity = blankToNull(ctx.queryParam("severity"));
        if (severity != null && !SEVERITIES.contains(severity)) {
            errors.put("severity", "1 to 5, or unassessed");
            severity = null;
        }
        EscalationLevel level = null;
        String l = blankToNull(ctx.queryParam("level"));
        if (l != null) {
            try {
                level = Wire.parse(EscalationLevel.class, l, "level");
            } catch (RuntimeException e) {
                errors.put("level", "one of reviewer, approver, leadership");
            }
        }
        String assignee = text(ctx, "assignee", errors);
        String sort = blankToNull(ctx.queryParam("sort"));
        if (sort == null) {
            sort = "due";
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
        return new CaseList(q, state, severity, level, assignee, sort, page);
    }

    private static String text(Context ctx, String name, Map<String, String> errors) {
        return ListFilters.text(ctx, name, MAX_TEXT, errors);
    }

    private static String blankToNull(String s) {
        return ListFilters.blankToNull(s);
    }

    /** The matching lines, sorted (not yet paged). */
    List<Line> filter(List<Line> all, People people) {
        String needle = q == null ? null : q.toLowerCase(Locale.ROOT);
        List<Line> out = new ArrayList<>();
        for (Line line : all) {
            CaseFile c = line.row().c();
            if (state != null && c.state() != state) continue;
            if (level != null && c.level() != level) continue;
            if (severity != null && !(severity.equals("unassessed") ? c.severity() == null
                    : c.severity() != null && c.severity() == Integer.parseInt(severity))) continue;
            if (assignee != null && !(assignee.equals("none") ? c.assignee() == null : assignee.equals(c.assignee()))) continue;
            if (needle != null && !matches(line, needle, people)) continue;
            out.add(line);
        }
        Comparator<Line> order = switch (sort) {
            case "severity" -> Comparator.comparingInt((Line x) -> x.row().c().severity() == null ? 0 : x.row().c().severity())
                    .reversed().thenComparing(x -> x.row().c().dueAt());
            case "opened" -> Comparator.comparing((Line x) -> x.row().c().openedAt()).reversed();
            default -> Comparator.comparing((Line x) -> x.row().c().dueAt());
        };
        out.sort(order.thenComparingLong(x -> x.row().c().id()));
        return out;
    }

    private static boolean matches(Line line, String needle, People people) {
        CaseFile c = line.row().c();
        for (String field : new String[] {"#" + c.id(), c.title(), line.row().engagement(), line.customer(), c.assignee(),
                c.assignee() == null ? null : people.name(c.assignee())}) {
            if (field != null && field.toLowerCase(Locale.ROOT).contains(needle)) return true;
        }
        return false;
    }

    Page page(List<Line> matching) {
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int shown = Math.min(page, pages);
        int from = (shown - 1) * PAGE_SIZE;
        return new Page(matching.subList(from, Math.min(matching.size(), from + PAGE_SIZE)), matching.size(), shown, pages);
    }

    /** This query's parameters for a link, with {@code page} replaced (0: left out). */
    String link(String path, int toPage) {
        StringBuilder b = new StringBuilder(path);
        char sep = '?';
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", q);
        params.put("state", state == null ? null : Wire.name(state));
        params.put("severity", severity);
        params.put("level", level == null ? null : Wire.name(level));
        params.put("assignee", assignee);
        params.put("sort", sort.equals("due") ? null : sort);
        params.put("page", toPage <= 1 ? null : String.valueOf(toPage));
        for (var e : params.entrySet()) {
            if (e.getValue() == null) continue;
            b.append(sep).append(e.getKey()).append('=')
                    .append(java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8));
            sep = '&';
        }
        return b.toString();
    }

    /** The matches as CSV, one line per case (formula cells defused: see {@link Csv}). */
    static Csv csv(List<Line> lines, People people) {
        Csv csv = new Csv(List.of("case", "title", "engagement", "customer", "severity", "state", "level", "assignee",
                "deadline", "opened"));
        for (Line line : lines) {
            CaseFile c = line.row().c();
            csv.line(List.of(String.valueOf(c.id()), c.title(), line.row().engagement(),
                    line.customer() == null ? "" : line.customer(), c.severity() == null ? "unassessed" : String.valueOf(c.severity()),
                    Wire.name(c.state()), Wire.name(c.level()), c.assignee() == null ? "" : people.name(c.assignee()),
                    c.dueAt().toString(), c.openedAt().toString()));
        }
        return csv;
    }
}
