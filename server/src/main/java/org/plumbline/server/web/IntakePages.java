package org.plumbline.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.plumbline.core.Concerns;
import org.plumbline.core.Core;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.intake.Concern;
import org.plumbline.core.intake.NewAttachment;
import org.plumbline.core.intake.ConcernStatus;
import org.plumbline.core.intake.Receipt;
import org.plumbline.server.auth.Authenticator;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.http.ApiErrors;
import org.plumbline.server.http.ApiException;
import org.plumbline.server.http.MemoryMultipart;
import org.plumbline.server.intake.Intake;
import org.plumbline.server.intake.IntakeApi;
import org.plumbline.server.intake.ProofOfWork;
import org.plumbline.server.intake.RecipientKeys;

/**
 * The intake's pages. The reporter's ({@code /report…}) need no account and no JavaScript, load nothing from
 * another origin (the report and return forms load one same-origin script, {@code /public/intake-pow.js}, which
 * solves the proof-of-work; without it they still work, under a stricter rate), never read the server's session
 * cookie, and set a cookie
 * only once a receipt has been entered ({@value #COOKIE}: HttpOnly, SameSite=Strict, path {@code /report}, gone
 * when the browser closes). The recipients' ({@code /intake…}) are ordinary signed-in pages.
 */
public final class IntakePages {
    static final String COOKIE = "plumbline_report";

    /** A report in the recipients' list, with whether each deadline is overdue today. */
    record Row(Concern concern, boolean acknowledgementOverdue, boolean feedbackOverdue) {}

    /** A recipient who does not hold a report's key, as the share form offers them. */
    record Recipient(String account, String name) {}

    private final Web web;
    private final Javalin app;
    private final Core core;
    private final Intake intake;
    private final RecipientKeys keys;
    private final Clock clock;
    private final org.plumbline.server.auth.UserStore users;

    public IntakePages(Web web, Javalin app, Core core, Intake intake, RecipientKeys keys, Clock clock,
                       org.plumbline.server.auth.UserStore users) {
        this.users = users;
        this.web = web;
        this.app = app;
        this.core = core;
        this.intake = intake;
        this.keys = keys;
        this.clock = clock;
    }

    public void register() {
        app.get("/report", ctx -> reporterPage(ctx, "report.jte", "Report a concern", Map.of("form", Form.EMPTY)));
        app.post("/report", this::submit);
        app.get("/report/return", ctx -> reporterPage(ctx, "report-return.jte", "Return to your report", Map.of("form", Form.EMPTY)));
        app.post("/report/return", this::enterReceipt);
        app.get("/report/conversation", this::conversation);
        app.post("/report/conversation", this::answer);
        app.post("/report/attachments", this::attach);
        app.get("/report/attachments/{n}", this::reporterDownload);
        app.post("/report/leave", this::leave);
        web.page("/intake", Permission.INTAKE_HANDLE, this::list);
        web.page("/intake/{id}", Permission.INTAKE_HANDLE, (ctx, p) -> report(ctx, p, Form.EMPTY));
        web.page("/intake/{id}/attachments/{n}", Permission.INTAKE_HANDLE, (ctx, p) ->
                IntakeApi.serve(ctx, core.concerns().attachment(id(ctx), IntakeApi.number(ctx), p.actor(), keys.of(p))));
        web.action("/intake/{id}/messages", Permission.INTAKE_HANDLE, this::reply);
        web.action("/intake/{id}/case", Permission.INTAKE_HANDLE, this::openCase);
        web.action("/intake/{id}/recipients", Permission.INTAKE_HANDLE, this::share);
        web.action("/intake/{id}/link", Permission.INTAKE_HANDLE, this::link);
    }

    private void reporterPage(Context ctx, String template, String title, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("title", title);
        ctx.contentType("text/html; charset=utf-8");
        ctx.header("Cache-Control", "no-store");
        ctx.result(Templates.render(template, all));
    }

    /**
     * A report from the form: multipart (the page's form, with its files, read in memory in an upload slot), or
     * URL-encoded from a client without files. The proof-of-work fields are filled by the page's script; without
     * it they are empty and the stricter rate applies.
     */
    private void submit(Context ctx) {
        Authenticator.refuseCrossOrigin(ctx);
        if (!isMultipart(ctx)) {
            submit(ctx, ctx.formParam("message"), ctx.formParam("topic"), List.of(),
                    proof(ctx.formParam("powChallenge"), ctx.formParam("powCounter")));
            return;
        }
        try (var slot = intake.uploadSlot()) {
            MemoryMultipart form = MemoryMultipart.read(ctx, Set.of("message", "topic", "powChallenge", "powCounter"), "files");
            submit(ctx, form.fields().get("message"), form.fields().get("topic"), IntakeApi.newAttachments(form),
                    proof(form.fields().get("powChallenge"), form.fields().get("powCounter")));
        } catch (ApiException e) {
            if (!shownOnForm(e)) throw e;
            showReportForm(ctx, e, null, null);
        }
    }

    private void submit(Context ctx, String message, String topic, List<NewAttachment> files, ProofOfWork.Answer proof) {
        try {
            Intake.Receipted r = intake.submit(message, topic, files, proof);
            reporterPage(ctx, "report-receipt.jte", "Your receipt", Map.of("receipt", r.receipt(), "record", r.record()));
        } catch (RuntimeException e) {
            ApiException api = ApiErrors.translate(e);
            if (!shownOnForm(api)) throw api;
            showReportForm(ctx, api, message, topic);
        }
    }

    private void showReportForm(Context ctx, ApiException api, String message, String topic) {
        closeIfUnread(ctx, api);
        ctx.status(api.status());
        ApiErrors.retryAfter(ctx, api);
        reporterPage(ctx, "report.jte", "Report a concern", Map.of("form",
                new Form(Map.of("message", message == null ? "" : message, "topic", topic == null ? "" : topic), errors(api))));
    }

    /** After a 413 the rest of the body was not read: only closing the connection stops it. */
    private static void closeIfUnread(Context ctx, ApiException api) {
        if (api.status() == 413) ctx.header("Connection", "close");
    }

    private static boolean isMultipart(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.regionMatches(true, 0, "multipart/form-data", 0, "multipart/form-data".length());
    }

    /** The page's proof-of-work fields: empty (no script ran) means none. */
    private static ProofOfWork.Answer proof(String challenge, String counter) {
        boolean none = (challenge == null || challenge.isBlank()) && (counter == null || counter.isBlank());
        return none ? null : new ProofOfWork.Answer(challenge == null ? "" : challenge, counter == null ? "" : counter);
    }

    private void enterReceipt(Context ctx) {
        Authenticator.refuseCrossOrigin(ctx);
        try {
            String token = intake.session(ctx.formParam("receipt"), proof(ctx.formParam("powChallenge"), ctx.formParam("powCounter")));
            Cookie cookie = new Cookie(COOKIE, token, "/report", -1, true, 0, true);
            cookie.setSameSite(SameSite.STRICT);
            ctx.cookie(cookie);
            ctx.redirect("/report/conversation", io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (RuntimeException e) {
            ApiException api = ApiErrors.translate(e);
            if (!shownOnForm(api)) throw api;
            ctx.status(api.status());
            ApiErrors.retryAfter(ctx, api);
            reporterPage(ctx, "report-return.jte", "Return to your report", Map.of("form", new Form(Map.of(), errors(api))));
        }
    }

    /**
     * Bad input, the global rate and a busy slot are shown on the reporter's own page (no script, no session),
     * not on the staff error page.
     */
    private static boolean shownOnForm(ApiException api) {
        return api.status() == 400 || api.status() == 413 || api.status() == 429
                || (api.status() == 503 && api.code().equals("busy"));
    }

    private static Map<String, String> errors(ApiException api) {
        return api.status() == 400 ? api.fields() : Map.of("form", api.getMessage());
    }

    private Optional<Concerns.ReporterAccess> access(Context ctx) {
        return intake.accessIfAny(ctx.cookie(COOKIE));
    }

    private void conversation(Context ctx) {
        conversation(ctx, Form.EMPTY);
    }

    private void conversation(Context ctx, Form form) {
        Optional<Concerns.ReporterAccess> access = access(ctx);
        if (access.isEmpty()) {
            ctx.redirect("/report/return", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        reporterPage(ctx, "report-conversation.jte", "Your report",
                Map.of("c", core.concerns().reporterView(access.get()), "form", form));
    }

    private void answer(Context ctx) {
        Authenticator.refuseCrossOrigin(ctx);
        Optional<Concerns.ReporterAccess> access = access(ctx);
        if (access.isEmpty()) {
            ctx.redirect("/report/return", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        try {
            core.concerns().reporterMessage(access.get(), ctx.formParam("text"));
            ctx.redirect("/report/conversation", io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (RuntimeException e) {
            ApiException api = ApiErrors.translate(e);
            if (api.status() != 400) throw api;
            ctx.status(400);
            String text = ctx.formParam("text");
            conversation(ctx, new Form(Map.of("text", text == null ? "" : text), api.fields()));
        }
    }

    /** The reporter adds files from the conversation page. */
    private void attach(Context ctx) {
        Authenticator.refuseCrossOrigin(ctx);
        Optional<Concerns.ReporterAccess> access = access(ctx);
        if (access.isEmpty()) {
            ctx.redirect("/report/return", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        try (var slot = intake.uploadSlot()) {
            MemoryMultipart form = MemoryMultipart.read(ctx, Set.of(), "files");
            intake.attach(access.get(), IntakeApi.newAttachments(form));
            ctx.redirect("/report/conversation", io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (RuntimeException e) {
            ApiException api = ApiErrors.translate(e);
            if (!shownOnForm(api)) throw api;
            closeIfUnread(ctx, api);
            ctx.status(api.status());
            ApiErrors.retryAfter(ctx, api);
            conversation(ctx, new Form(Map.of(), errors(api)));
        }
    }

    private void reporterDownload(Context ctx) {
        Optional<Concerns.ReporterAccess> access = access(ctx);
        if (access.isEmpty()) {
            ctx.redirect("/report/return", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        IntakeApi.serve(ctx, core.concerns().reporterAttachment(access.get(), IntakeApi.number(ctx)));
    }

    private void leave(Context ctx) {
        Authenticator.refuseCrossOrigin(ctx);
        intake.endSession(ctx.cookie(COOKIE));
        Cookie gone = new Cookie(COOKIE, "", "/report", 0, true, 0, true);
        gone.setSameSite(SameSite.STRICT);
        ctx.cookie(gone);
        ctx.redirect("/report/return", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** Reports past a deadline today, for the dashboard. */
    static List<Row> overdue(Core core, java.time.Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return core.concerns().list().stream().map(c -> new Row(c,
                        c.deadlines().acknowledgementOverdue(c.status(), today), c.deadlines().feedbackOverdue(c.status(), today)))
                .filter(r -> r.acknowledgementOverdue() || r.feedbackOverdue()).toList();
    }

    private void list(Context ctx, Principal p) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<Row> rows = core.concerns().list().stream().map(c -> new Row(c,
                c.deadlines().acknowledgementOverdue(c.status(), today), c.deadlines().feedbackOverdue(c.status(), today)))
                .toList().reversed();
        web.render(ctx, p, "intake.jte", "Reports", Map.of("rows", rows));
    }

    private void report(Context ctx, Principal p, Form form) {
        long id = id(ctx);
        Concerns.Conversation c = core.concerns().read(id, p.actor(), keys.of(p));
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Concern h = c.concern();
        Map<String, Object> m = new HashMap<>();
        m.put("c", c);
        m.put("row", new Row(h, h.deadlines().acknowledgementOverdue(h.status(), today), h.deadlines().feedbackOverdue(h.status(), today)));
        m.put("statuses", List.of(ConcernStatus.values()));
        m.put("form", form);
        People people = People.of(users.all());
        m.put("without", core.concerns().recipientsWithout(id).stream()
                .map(a -> new Recipient(a, people.name(a))).toList());
        web.render(ctx, p, "intake-report.jte", "Report " + id, m);
    }

    private void reply(Context ctx, Principal p) {
        long id = id(ctx);
        String text = ctx.formParam("text");
        String status = ctx.formParam("status");
        try {
            ConcernStatus target = status == null || status.isBlank() ? null : ConcernStatus.byWire(status)
                    .orElseThrow(() -> ApiException.badRequest("status", "unknown status"));
            core.concerns().reply(id, p.actor(), text == null || text.isBlank() ? null : text, target);
            Web.done(ctx, "/intake/" + id, "Sent to the reporter");
        } catch (RuntimeException e) {
            ApiException api = ApiErrors.translate(e);
            if (api.status() != 400) throw api;
            ctx.status(400);
            report(ctx, p, new Form(Map.of("text", text == null ? "" : text), api.fields()));
        }
    }

    private void share(Context ctx, Principal p) {
        long id = id(ctx);
        core.concerns().share(id, p.actor(), keys.of(p), ctx.formParam("account"));
        Web.done(ctx, "/intake/" + id, "Shared; the record says so");
    }

    private void link(Context ctx, Principal p) {
        long id = id(ctx);
        String caseId = ctx.formParam("caseId");
        try {
            long target = parseId(caseId == null ? "" : caseId, "caseId");
            core.concerns().linkCase(id, target, p.actor());
            Web.done(ctx, "/intake/" + id, "Linked to case " + target + " and logged");
        } catch (RuntimeException e) {
            ApiException api = ApiErrors.translate(e);
            if (api.status() != 400 && api.status() != 404) throw api;
            ctx.status(400);
            report(ctx, p, new Form(Map.of("caseId", caseId == null ? "" : caseId),
                    api.status() == 404 ? Map.of("caseId", "there is no such case") : api.fields()));
        }
    }

    private void openCase(Context ctx, Principal p) {
        long id = id(ctx);
        String engagement = ctx.formParam("engagementId");
        String title = ctx.formParam("title");
        try {
            Long engagementId = engagement == null || engagement.isBlank() ? null : parseId(engagement, "engagementId");
            CaseFile c = core.concerns().openCase(id, engagementId, title == null || title.isBlank() ? "Concern " + id : title,
                    "Opened from concern " + id + "; the report stays encrypted in the intake.", p.actor());
            Web.done(ctx, "/cases/" + c.id(), "Case opened from report " + id + " and logged (record " + c.logIndex() + ")");
        } catch (RuntimeException e) {
            ApiException api = ApiErrors.translate(e);
            if (api.status() != 400) throw api;
            ctx.status(400);
            report(ctx, p, new Form(Map.of("title", title == null ? "" : title, "engagementId", engagement == null ? "" : engagement),
                    api.fields()));
        }
    }

    private static long parseId(String s, String field) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field, "a number");
        }
    }

    private static long id(Context ctx) {
        return org.plumbline.server.http.PathParams.id(ctx, "id");
    }

    /** For the templates: the receipt's length in digits. */
    static int receiptDigits() {
        return Receipt.DIGITS;
    }
}
