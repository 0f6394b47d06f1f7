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
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.http.LogSafe;

/**
 * {@code /log/records}: anyone, signed in or not, pages through the log's records newest first, filtered by
 * type, by period and by engagement reference; each links to its record page with the canonical bytes and
 * the proof. Every page is a bounded index read (see core's {@code Records.page}), since it is anonymous.
 */
public final class LogBrowserPages {
    /** Records per page (core reads one more, to know whether an older page exists; it allows 200). */
    static final int PAGE = 50;

    private final Web web;
    private final Core core;

    public LogBrowserPages(Web web, Core core) {
        this.web = web;
        this.core = core;
    }

    public void register() {
        web.page("/log/records", Permission.PUBLIC_READ, this::list);
    }

    private void list(Context ctx, Principal p) {
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
        List<LoggedRecord> records = errors.isEmpty()
                ? core.records().page(type, subject, from, to, before, PAGE + 1) : List.of();
        boolean more = records.size() > PAGE;
        if (more) {
            records = records.subList(0, PAGE);
        }
        Map<String, String> values = new HashMap<>();
        for (String k : List.of("type", "from", "to", "engagement")) {
            String v = ctx.queryParam(k);
            if (v != null) values.put(k, v);
        }
        if (!errors.isEmpty()) {
            ctx.status(400);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("form", new Form(values, errors));
        m.put("types", types);
        m.put("records", records);
        m.put("older", more ? query(values, records.get(records.size() - 1).index()) : "");
        web.render(ctx, p, "log-records.jte", "Log records", m);
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
