package org.plumbline.server.web;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.plumbline.core.domain.Directive;
import org.plumbline.core.domain.Wire;
import org.plumbline.server.http.ApiException;

/**
 * The directives list's search (number, engagement reference, account, service) and state filter (`/directives`;
 * the self-refreshing table keeps them), and its CSV export (`/directives.csv`).
 *
 * @param state waiting, overdue, applied or failed; null for any
 * @param sort  "newest" (issued, newest first; the default), "deadline" (acknowledgement deadline, soonest first)
 *              or "engagement" (by reference, A to Z); ties keep the newest first, so the order is stable
 */
record DirectiveList(String q, String state, String sort) {
    static final List<String> STATES = List.of("waiting", "overdue", "applied", "failed");
    static final List<String> SORTS = List.of("newest", "deadline", "engagement");

    static DirectiveList of(Context ctx) {
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
        String state = ctx.queryParam("state");
        if (state == null || state.isBlank()) {
            state = null;
        } else if (!STATES.contains(state)) {
            errors.put("state", "one of " + String.join(", ", STATES));
        }
        String sort = ListFilters.blankToNull(ctx.queryParam("sort"));
        if (sort == null) {
            sort = "newest";
        } else if (!SORTS.contains(sort)) {
            errors.put("sort", "one of " + String.join(", ", SORTS));
        }
        ListFilters.rejectIfAny(errors);
        return new DirectiveList(q, state, sort);
    }

    List<Directive> filter(List<Directive> all, Map<Long, String> refs, Instant now) {
        String needle = q == null ? null : q.toLowerCase(Locale.ROOT).replaceFirst("^#", "");
        return all.stream().filter(d -> state == null || state.equals(stateOf(d, now))).filter(d -> needle == null
                || String.valueOf(d.id()).equals(needle)
                || refs.getOrDefault(d.engagementId(), "").toLowerCase(Locale.ROOT).contains(needle)
                || d.accounts().stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).contains(needle))
                || d.services().stream().anyMatch(x -> x.toLowerCase(Locale.ROOT).contains(needle)))
                .sorted(order(refs)).toList();
    }

    private java.util.Comparator<Directive> order(Map<Long, String> refs) {
        java.util.Comparator<Directive> by = switch (sort) {
            case "deadline" -> java.util.Comparator.comparing(Directive::ackDeadline);
            case "engagement" -> java.util.Comparator.comparing(d -> refs.getOrDefault(d.engagementId(), ""));
            default -> (a, b) -> 0;
        };
        return by.thenComparing(java.util.Comparator.comparingLong(Directive::cursor).reversed());
    }

    static String stateOf(Directive d, Instant now) {
        if (d.ack() != null) return Wire.name(d.ack().outcome());
        return d.overdue(now) ? "overdue" : "waiting";
    }

    String link(String path) {
        StringBuilder b = new StringBuilder(path);
        char sep = '?';
        if (q != null) {
            b.append(sep).append("q=").append(java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8));
            sep = '&';
        }
        if (state != null) {
            b.append(sep).append("state=").append(state);
            sep = '&';
        }
        if (!sort.equals("newest")) b.append(sep).append("sort=").append(sort);
        return b.toString();
    }

    static Csv csv(List<Directive> directives, Map<Long, String> refs, Map<Long, Long> caseOf, Instant now) {
        Csv csv = new Csv(List.of("directive", "case", "engagement", "action", "accounts", "services", "effective", "state",
                "acknowledged", "record"));
        for (Directive d : directives) {
            csv.line(List.of(String.valueOf(d.id()), caseOf.containsKey(d.decisionId()) ? String.valueOf(caseOf.get(d.decisionId())) : "",
                    refs.getOrDefault(d.engagementId(), ""), Wire.name(d.action()), String.join(" ", d.accounts()),
                    String.join("; ", d.services()), d.effectiveAt().toString(), stateOf(d, now),
                    d.ack() == null ? "" : d.ack().at().toString(), String.valueOf(d.cursor())));
        }
        return csv;
    }
}
