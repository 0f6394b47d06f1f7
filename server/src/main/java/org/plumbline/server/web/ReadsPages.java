package org.plumbline.server.web;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plumbline.core.Core;
import org.plumbline.core.record.LoggedRecord;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.auth.UserStore;
import org.plumbline.server.http.ApiException;

/**
 * For auditors: who read which confidential case, when — the {@code case.read} records, newest first, by person,
 * case and period, a page at a time, and as CSV. Read from the log's index (type, subject, period), so a page is a
 * bounded index read; the person filter is applied to what that read returns, looking at most {@link #MAX_SCAN}
 * records per page.
 */
public final class ReadsPages {
    static final int PAGE_SIZE = 50;
    static final int CSV_ROWS = 5_000;
    static final int MAX_SCAN = 20_000;
    private static final int BATCH = 200;

    private final Web web;
    private final Core core;
    private final UserStore users;

    public ReadsPages(Web web, Core core, UserStore users) {
        this.web = web;
        this.core = core;
        this.users = users;
    }

    public void register() {
        web.page("/audit/reads", Permission.READS_AUDIT, this::list);
        web.page("/audit/reads.csv", Permission.READS_AUDIT, this::csv);
    }

    /** One read: the record, the reader (actor and name) and the case (number and title). */
    record Read(long index, Instant time, String reader, long caseId, String title) {}

    /** The filters: a case number, a reader's account, a period of days (UTC, inclusive), and the page's cursor. */
    record Query(Long caseId, String reader, String readerActor, LocalDate from, LocalDate to, Long before) {
        String link(String path, Long cursor) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("case", caseId == null ? null : caseId.toString());
            params.put("reader", reader);
            params.put("from", from == null ? null : from.toString());
            params.put("to", to == null ? null : to.toString());
            params.put("before", cursor == null ? null : cursor.toString());
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
    }

    /** A page of reads and the cursor of the next (null at the end). */
    record Result(List<Read> reads, Long next, boolean scanLimited) {}

    private Query query(Context ctx) {
        Map<String, String> errors = new LinkedHashMap<>();
        Long caseId = number(ctx, "case", errors);
        Long before = number(ctx, "before", errors);
        String reader = ctx.queryParam("reader");
        String actor = null;
        if (reader == null || reader.isBlank()) {
            reader = null;
        } else if (reader.length() > 100 || reader.codePoints().anyMatch(Character::isISOControl)) {
            errors.put("reader", "an account name");
            reader = null;
        } else {
            var user = users.byUsername(reader.strip());
            if (user.isEmpty()) {
                errors.put("reader", "no account with this name");
            } else {
                actor = Principal.actorOf(user.get().id());
            }
        }
        LocalDate from = day(ctx, "from", errors);
        LocalDate to = day(ctx, "to", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.put("to", "on or after from");
        }
        if (!errors.isEmpty()) {
            StringBuilder message = new StringBuilder("These filters are not valid: ");
            errors.forEach((field, why) -> message.append(field).append(" (").append(why).append("); "));
            throw new ApiException(400, "invalid", message.substring(0, message.length() - 2) + ".", errors);
        }
        return new Query(caseId, reader, actor, from, to, before);
    }

    private static Long number(Context ctx, String name, Map<String, String> errors) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return null;
        v = v.strip().replaceFirst("^#", "");
        try {
            long n = Long.parseLong(v);
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            errors.put(name, "a whole number");
            return null;
        }
    }

    private static LocalDate day(Context ctx, String name, Map<String, String> errors) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return null;
        try {
            if (v.length() != 10) throw new DateTimeParseException("length", v, 0);
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.put(name, "a day as YYYY-MM-DD");
            return null;
        }
    }

    /** Up to {@code wanted} reads below the query's cursor, looking at no more than {@link #MAX_SCAN} records. */
    private Result reads(Query q, int wanted) {
        String subject = q.caseId() == null ? null : "case/" + q.caseId();
        Instant from = q.from() == null ? null : q.from().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = q.to() == null ? null : q.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long cursor = q.before() == null ? Long.MAX_VALUE : q.before();
        List<LoggedRecord> found = new ArrayList<>();
        int scanned = 0;
        boolean end = false;
        scan:
        while (scanned < MAX_SCAN) {
            List<LoggedRecord> batch = core.records().page("case.read", subject, from, to, cursor, BATCH);
            for (LoggedRecord r : batch) {
                scanned++;
                cursor = r.index();
                if (q.readerActor() == null || q.readerActor().equals(r.actor())) {
                    found.add(r);
                    if (found.size() == wanted) break scan;
                }
            }
            if (batch.size() < BATCH) {
                end = true;
                break;
            }
        }
        People people = People.of(users.all());
        Map<Long, String> titles = new HashMap<>();
        List<Read> reads = new ArrayList<>();
        for (LoggedRecord r : found) {
            long caseId = Long.parseLong(r.subject().substring(r.subject().indexOf('/') + 1));
            String title = titles.computeIfAbsent(caseId, id -> {
                try {
                    return core.cases().get(id).title();
                } catch (RuntimeException e) {
                    return "";
                }
            });
            reads.add(new Read(r.index(), r.time(), people.name(r.actor()), caseId, title));
        }
        boolean limited = !end && found.size() < wanted;
        return new Result(reads, end ? null : cursor, limited);
    }

    private void list(Context ctx, Principal p) {
        Query q = query(ctx);
        Result r = reads(q, PAGE_SIZE);
        Map<String, Object> m = new HashMap<>();
        m.put("q", q);
        m.put("result", r);
        m.put("people", users.all().stream().filter(u -> !u.role().machine()).toList());
        web.render(ctx, p, "reads.jte", "Who read which case", m);
    }

    private void csv(Context ctx, Principal p) {
        Query q = query(ctx);
        Result r = reads(q, CSV_ROWS);
        Csv csv = new Csv(List.of("record", "time", "reader", "case", "title"));
        for (Read read : r.reads()) {
            csv.line(List.of(String.valueOf(read.index()), read.time().toString(), read.reader(), String.valueOf(read.caseId()),
                    read.title()));
        }
        csv.send(ctx, "case-reads.csv");
    }
}
