package org.plumbline.server.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import org.plumbline.core.domain.Declaration;
import org.plumbline.core.domain.EngagementStatus;
import org.plumbline.core.domain.Wire;
import org.plumbline.server.http.ApiException;

/**
 * The engagements list's search (reference, customer, declared account), filters (status, country, purpose) and
 * paging (`/engagements`), and its CSV export (`/engagements.csv`).
 *
 * @param sort "reference" (A to Z, the default), "customer" (A to Z), "severity" (most severe first, unassessed
 *             last) or "review" (next review soonest first); ties go by reference, so the order is stable
 */
record EngagementList(String q, EngagementStatus status, String country, String purpose, String sort, int page) {
    static final List<String> SORTS = List.of("reference", "customer", "severity", "review");
    static final int PAGE_SIZE = 50;
    static final int MAX_PAGE = 10_000;

    /** A row with its current declaration (looked up only when a filter needs it or for the export). */
    record Line(WebPages.EngagementRow row, Declaration declaration) {}

    record Page(List<Line> lines, int total, int page, int pages) {}

    static EngagementList of(Context ctx) {
        Map<String, String> errors = new LinkedHashMap<>();
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            q = null;
        } else if (q.length() > 200 || q.codePoints().anyMatch(Character::isISOControl)) {
            errors.put("q", "at most 200 characters, no control characters");
            q = null;
        } else {
            q = q.strip();
        }
        EngagementStatus status = null;
        String s = ctx.queryParam("status");
        if (s != null && !s.isBlank()) {
            try {
                status = Wire.parse(EngagementStatus.class, s, "status");
            } catch (RuntimeException e) {
                errors.put("status", "a status the list offers");
            }
        }
        String country = ctx.queryParam("country");
        if (country == null || country.isBlank()) {
            country = null;
        } else if (!country.matches("[A-Z]{2}")) {
            errors.put("country", "two capital letters (ISO 3166)");
            country = null;
        }
        String purpose = ctx.queryParam("purpose");
        if (purpose == null || purpose.isBlank()) {
            purpose = null;
        } else if (!purpose.matches("[a-z0-9-]{1,100}")) {
            errors.put("purpose", "a purpose of the vocabulary");
            purpose = null;
        }
        String sort = ListFilters.blankToNull(ctx.queryParam("sort"));
        if (sort == null) {
            sort = "reference";
        } else if (!SORTS.contains(sort)) {
            errors.put("sort", "one of " + String.join(", ", SORTS));
        }
        int page = 1;
        String p = ctx.queryParam("page");
        if (p != null && !p.isBlank()) {
            try {
                page = Integer.parseInt(p);
                if (page < 1 || page > MAX_PAGE) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                errors.put("page", "a whole number from 1 to " + MAX_PAGE);
            }
        }
        ListFilters.rejectIfAny(errors);
        return new EngagementList(q, status, country, purpose, sort, page);
    }

    /** The matches, in the list's order; {@code declarations} is asked only when a filter reads declarations. */
    List<Line> filter(List<WebPages.EngagementRow> rows, LongFunction<Declaration> declarations, boolean withDeclarations) {
        String needle = q == null ? null : q.toLowerCase(Locale.ROOT);
        boolean needs = withDeclarations || purpose != null || needle != null;
        List<Line> out = new ArrayList<>();
        for (WebPages.EngagementRow r : rows) {
            if (status != null && r.e().status() != status) continue;
            if (country != null && (r.customer() == null || !country.equals(r.customer().country()))) continue;
            Declaration d = needs ? declarations.apply(r.e().id()) : null;
            if (purpose != null && !d.purposes().contains(purpose)) continue;
            if (needle != null && !r.e().reference().toLowerCase(Locale.ROOT).contains(needle)
                    && !(r.customer() != null && r.customer().name().toLowerCase(Locale.ROOT).contains(needle))
                    && d.accounts().stream().noneMatch(a -> a.toLowerCase(Locale.ROOT).contains(needle))
                    && !d.billingAccount().toLowerCase(Locale.ROOT).contains(needle)) continue;
            out.add(new Line(r, d));
        }
        java.util.Comparator<Line> order = switch (sort) {
            case "customer" -> java.util.Comparator.comparing(l -> l.row().customer() == null ? "" : l.row().customer().name());
            case "severity" -> java.util.Comparator.comparingInt(l -> l.row().e().severity() == null ? 0 : -l.row().e().severity());
            case "review" -> java.util.Comparator.comparing(l -> l.row().e().nextReviewAt() == null ? java.time.Instant.MAX
                    : l.row().e().nextReviewAt());
            default -> (a, b) -> 0;
        };
        out.sort(order.thenComparing(l -> l.row().e().reference()));
        return out;
    }

    Page page(List<Line> matching) {
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int shown = Math.min(page, pages);
        int first = (shown - 1) * PAGE_SIZE;
        return new Page(matching.subList(first, Math.min(matching.size(), first + PAGE_SIZE)), matching.size(), shown, pages);
    }

    String link(String path, int toPage) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", q);
        params.put("status", status == null ? null : Wire.name(status));
        params.put("country", country);
        params.put("purpose", purpose);
        params.put("sort", sort.equals("reference") ? null : sort);
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

    static Csv csv(List<Line> lines) {
        Csv csv = new Csv(List.of("reference", "customer", "country", "status", "version", "severity", "purposes", "accounts",
                "billing account", "next review"));
        for (Line l : lines) {
            var e = l.row().e();
            csv.line(List.of(e.reference(), l.row().customer() == null ? "" : l.row().customer().name(),
                    l.row().customer() == null ? "" : l.row().customer().country(), Wire.name(e.status()),
                    String.valueOf(e.version()), e.severity() == null ? "unassessed" : String.valueOf(e.severity()),
                    String.join(" ", l.declaration().purposes()), String.join(" ", l.declaration().accounts()),
                    l.declaration().billingAccount(), e.nextReviewAt() == null ? "" : e.nextReviewAt().toString()));
        }
        return csv;
    }
}
