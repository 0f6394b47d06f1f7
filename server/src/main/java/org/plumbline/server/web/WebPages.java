package org.plumbline.server.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.plumbline.core.Cases;
import org.plumbline.core.Core;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.domain.CaseState;
import org.plumbline.core.domain.Customer;
import org.plumbline.core.domain.Directive;
import org.plumbline.core.domain.Engagement;
import org.plumbline.server.http.ApiErrors;
import org.plumbline.server.http.ApiException;
import org.plumbline.server.api.CaseApi;
import org.plumbline.server.api.DirectiveApi;
import org.plumbline.server.api.EngagementApi;
import org.plumbline.server.http.Json;
import org.plumbline.server.http.PathParams;
import org.plumbline.server.api.RecordApi;
import org.plumbline.server.api.RequestBody;
import org.plumbline.server.auth.AccessPolicy;
import org.plumbline.server.auth.Authenticator;
import org.plumbline.server.auth.CaseAccess;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.auth.UserStore;
import org.plumbline.server.log.TransparencyLog;

/**
 * The pages people use: dashboard, engagements (with declaration history), cases (assessment, evidence,
 * timeline, decision), directives and the log. Every form posts to the same operation the JSON API uses;
 * on invalid input the page comes back with each message next to its field.
 */
public final class WebPages {
    /** A row of the dashboard and case lists. */
    record CaseRow(CaseFile c, String engagement, boolean overdue) {
    }

    /** An engagement with its customer, for lists. */
    record EngagementRow(Engagement e, Customer customer, boolean reviewDue) {
    }

    private final Web web;
    private final Core core;
    private final Clock clock;
    private final EngagementApi engagements;
    private final CaseApi cases;
    private final DirectiveApi directives;
    private final TransparencyLog log;
    private final UserStore users;
    private final FindingPages findings;

    public WebPages(Web web, Core core, Clock clock, EngagementApi engagements, CaseApi cases, DirectiveApi directives,
             TransparencyLog log, UserStore users, FindingPages findings) {
        this.findings = findings;
        this.web = web;
        this.core = core;
        this.clock = clock;
        this.engagements = engagements;
        this.cases = cases;
        this.directives = directives;
        this.log = log;
        this.users = users;
    }

    public void register() {
        web.page("/", Permission.OWN_SESSION, this::dashboard);
        web.page("/engagements", Permission.ENGAGEMENT_READ, this::engagementList);
        web.page("/engagements/new", Permission.ENGAGEMENT_DECLARE, (ctx, p) -> newEngagement(ctx, p, Form.EMPTY));
        web.action("/engagements", Permission.ENGAGEMENT_DECLARE, this::declare);
        web.page("/engagements/{id}", Permission.ENGAGEMENT_READ, (ctx, p) -> engagement(ctx, p, Forms.NONE));
        web.action("/engagements/{id}/cases", Permission.CASE_OPEN, this::openCase);
        web.page("/engagements/{id}/amend", Permission.ENGAGEMENT_DECLARE, (ctx, p) -> amendForm(ctx, p, null));
        web.action("/engagements/{id}/amendments", Permission.ENGAGEMENT_DECLARE, this::amend);
        web.page("/cases", Permission.CASE_READ, this::caseList);
        web.page("/cases/{id}", Permission.CASE_READ, (ctx, p) -> casePage(ctx, p, Forms.NONE));
        web.action("/cases/{id}/assessment", Permission.CASE_MANAGE,
                (ctx, p) -> caseAction(ctx, p, "assess", () -> cases.assess(id(ctx), RequestBody.of(ctx), p), "Assessment recorded"));
        web.action("/cases/{id}/state", Permission.CASE_MANAGE,
                (ctx, p) -> caseAction(ctx, p, "state", () -> cases.move(id(ctx), RequestBody.of(ctx), p), "Case moved"));
        web.action("/cases/{id}/escalation", Permission.CASE_MANAGE,
                (ctx, p) -> caseAction(ctx, p, "state", () -> cases.escalate(id(ctx), RequestBody.of(ctx), p), "Case escalated"));
        web.action("/cases/{id}/assignment", Permission.CASE_ASSIGN,
                (ctx, p) -> caseAction(ctx, p, "assign", () -> cases.assign(id(ctx), RequestBody.of(ctx), p), "Case assigned"));
        web.action("/cases/{id}/evidence", Permission.CASE_WORK,
                (ctx, p) -> caseAction(ctx, p, "evidence", () -> cases.attach(id(ctx), ctx, p), "Evidence attached"));
        web.action("/cases/{id}/comments", Permission.CASE_WORK,
                (ctx, p) -> caseAction(ctx, p, "comment", () -> cases.comment(id(ctx), RequestBody.of(ctx), p), "Comment added"));
        web.action("/cases/{id}/decision", Permission.DECIDE,
                (ctx, p) -> caseAction(ctx, p, "decide", () -> cases.decide(id(ctx), RequestBody.of(ctx), p), "Decision recorded"));
        web.page("/directives", Permission.DIRECTIVE_READ, this::directiveList);
        // The log is public, and so are these pages: what a record says is public, its confidential fields
        // are commitments. Only revealing one needs a role.
        web.page("/transparency", Permission.PUBLIC_READ, this::transparency);
        web.page("/records", Permission.PUBLIC_READ, (ctx, p) -> {
            String index = ctx.queryParam("index");
            ctx.redirect(index != null && index.matches("\\d{1,18}") ? "/records/" + index : "/transparency");
        });
        web.page("/records/{id}", Permission.PUBLIC_READ, (ctx, p) -> record(ctx, p, null));
        web.action("/records/{id}/reveal", Permission.REVEAL, (ctx, p) -> {
            RequestBody body = RequestBody.of(ctx).allowOnly(java.util.Set.of("field"));
            String field = body.string("field", true, 200);
            body.done();
            record(ctx, p, core.records().reveal(id(ctx), field, p.actor()));
        });
    }

    private static long id(Context ctx) {
        return PathParams.id(ctx, "id");
    }

    private Instant now() {
        return clock.instant();
    }

    private List<CaseRow> rows(List<CaseFile> list) {
        Map<Long, String> refs = new HashMap<>();
        core.engagements().list().forEach(e -> refs.put(e.id(), e.reference()));
        Instant now = now();
        return list.stream().map(c -> new CaseRow(c, c.engagementId() == null ? "" : refs.getOrDefault(c.engagementId(), ""),
                c.overdue(now))).toList();
    }

    private List<EngagementRow> engagementRows() {
        Map<Long, Customer> customers = engagements.customersById();
        Instant now = now();
        return core.engagements().list().stream()
                .map(e -> new EngagementRow(e, customers.get(e.customerId()), e.reviewDue(now))).toList();
    }

    private void dashboard(Context ctx, Principal p) {
        Map<String, Object> m = new HashMap<>();
        List<CaseFile> active = new ArrayList<>();
        if (AccessPolicy.allows(p.role(), Permission.CASE_READ)) {
            for (CaseFile c : cases.visible(p, null)) {
                if (c.state().isActive()) {
                    active.add(c);
                }
            }
            // Most severe first (unassessed cases count as unknown, after assessed ones), then soonest due.
            active.sort(Comparator.comparing((CaseFile c) -> c.severity() == null ? 0 : c.severity()).reversed()
                    .thenComparing(CaseFile::dueAt));
        }
        m.put("cases", rows(active));
        m.put("showCases", AccessPolicy.allows(p.role(), Permission.CASE_READ));
        boolean seesDirectives = AccessPolicy.allows(p.role(), Permission.DIRECTIVE_READ);
        m.put("overdueDirectives", seesDirectives ? core.directives().overdue() : List.of());
        boolean seesEngagements = AccessPolicy.allows(p.role(), Permission.ENGAGEMENT_READ);
        m.put("reviewsDue", seesEngagements ? engagementRows().stream().filter(EngagementRow::reviewDue).toList() : List.of());
        m.put("showEngagements", seesEngagements);
        m.put("canDeclare", AccessPolicy.allows(p.role(), Permission.ENGAGEMENT_DECLARE));
        // Findings are parts of cases: the panel is for those who read cases, and counts only findings of cases they may see.
        m.put("findings", AccessPolicy.allows(p.role(), Permission.CASE_READ) ? findings.panel(p) : null);
        m.put("now", now());
        // Reports of concerns past a deadline (EU Directive 2019/1937): headers only, for their recipients.
        boolean seesReports = AccessPolicy.allows(p.role(), Permission.INTAKE_HANDLE);
        m.put("showReports", seesReports);
        m.put("overdueReports", seesReports ? IntakePages.overdue(core, now()) : List.of());
        web.render(ctx, p, "dashboard.jte", "Dashboard", m);
    }

    private void engagementList(Context ctx, Principal p) {
        Map<String, Object> m = new HashMap<>();
        m.put("rows", engagementRows());
        m.put("canDeclare", AccessPolicy.allows(p.role(), Permission.ENGAGEMENT_DECLARE));
        web.render(ctx, p, "engagements.jte", "Engagements", m);
    }

    private void newEngagement(Context ctx, Principal p, Form form) {
        declarationForm(ctx, p, form, false, "/engagements", "Register an engagement");
    }

    /** The amendment form, filled with the current declaration (or with what was just submitted, and its errors). */
    private void amendForm(Context ctx, Principal p, Form submitted) {
        long id = id(ctx);
        Engagement e = core.engagements().get(id);
        Form form = submitted;
        if (form == null) {
            var d = core.engagements().current(id).declaration();
            Map<String, String> v = new HashMap<>();
            v.put("expectedVersion", String.valueOf(e.version()));
            v.put("accounts", String.join(", ", d.accounts()));
            v.put("billingAccount", d.billingAccount());
            v.put("services", String.join(", ", d.services()));
            v.put("regions", String.join(", ", d.regions()));
            v.put("contractReference", d.contractReference());
            v.put("purposes", String.join(",", d.purposes()));
            v.put("dataCategories", String.join(",", d.dataCategories()));
            v.put("acknowledgedProhibitedUses", String.join(",", d.acknowledgedProhibitedUses()));
            v.put("attestation.accountManager", d.attestation().accountManager());
            v.put("attestation.statement", "");
            form = new Form(v, Map.of());
        }
        declarationForm(ctx, p, form, true, "/engagements/" + id + "/amendments", "Amend " + e.reference());
    }

    private void amend(Context ctx, Principal p) {
        long id = id(ctx);
        try {
            var v = engagements.amend(id, RequestBody.of(ctx), p);
            Web.done(ctx, "/engagements/" + id, "Declaration amended: version " + v.version() + " logged (record "
                    + v.logIndex() + ")");
        } catch (RuntimeException e) {
            ApiException api = ApiErrors.translate(e);
            Map<String, String> values = new HashMap<>(Web.values(ctx));
            if (api.status() == 409) {
                values.put("expectedVersion", String.valueOf(core.engagements().get(id).version()));
                ctx.status(409);
                amendForm(ctx, p, new Form(values, Map.of("form", "Someone amended this engagement while you were "
                        + "editing it (it is now at version " + values.get("expectedVersion") + "). Check the history, "
                        + "then submit again.")));
                return;
            }
            if (api.status() != 400) {
                throw api;
            }
            ctx.status(400);
            amendForm(ctx, p, new Form(values, api.fields()));
        }
    }

    private void declarationForm(Context ctx, Principal p, Form form, boolean amend, String action, String heading) {
        Map<String, Object> m = new HashMap<>();
        m.put("amend", amend);
        m.put("action", action);
        m.put("heading", heading);
        m.put("form", form);
        m.put("customers", core.customers().list());
        var vocabulary = core.engagements().vocabulary();
        m.put("purposes", vocabulary.purposes().stream().map(x -> new String[] {x.id(), x.title(), x.description()}).toList());
        m.put("categories", vocabulary.dataCategories().stream().map(x -> new String[] {x.id(), x.title()}).toList());
        m.put("clauses", vocabulary.prohibitedUses().stream().map(x -> new String[] {x.id(), x.text()}).toList());
        web.render(ctx, p, "engagement-new.jte", heading, m);
    }

    private void declare(Context ctx, Principal p) {
        try {
            RequestBody body = RequestBody.of(ctx);
            var v = engagements.declare(body, p);
            Web.done(ctx, "/engagements/" + v.engagementId(), "Engagement registered and logged (record " + v.logIndex() + ")");
        } catch (RuntimeException e) {
            ApiException api = ApiErrors.translate(e);
            if (api.status() != 400) {
                throw api;
            }
            ctx.status(400);
            newEngagement(ctx, p, new Form(Web.values(ctx), api.fields()));
        }
    }

    private void engagement(Context ctx, Principal p, Forms forms) {
        long id = id(ctx);
        Engagement e = core.engagements().get(id);
        Map<String, Object> m = new HashMap<>();
        m.put("e", e);
        m.put("customer", core.customers().get(e.customerId()));
        m.put("current", core.engagements().current(id));
        List<org.plumbline.core.domain.EngagementVersion> history = new ArrayList<>(core.engagements().history(id));
        java.util.Collections.reverse(history);
        m.put("history", history);
        m.put("cases", AccessPolicy.allows(p.role(), Permission.CASE_READ)
                ? rows(core.cases().forEngagement(id).stream().filter(c -> CaseAccess.maySee(p, c)).toList()) : List.of());
        m.put("directives", AccessPolicy.allows(p.role(), Permission.DIRECTIVE_READ) ? core.directives().forEngagement(id)
                : List.of());
        m.put("canOpen", AccessPolicy.allows(p.role(), Permission.CASE_OPEN));
        m.put("canAmend", AccessPolicy.allows(p.role(), Permission.ENGAGEMENT_DECLARE)
                && e.status() != org.plumbline.core.domain.EngagementStatus.TERMINATED);
        m.put("forms", forms);
        m.put("now", now());
        web.render(ctx, p, "engagement.jte", e.reference(), m);
    }

    private void openCase(Context ctx, Principal p) {
        long id = id(ctx);
        try {
            var node = Json.MAPPER.createObjectNode();
            ctx.formParamMap().forEach((k, v) -> {
                if (!k.equals(Authenticator.CSRF_FIELD)) {
                    node.put(k, v.get(0));
                }
            });
            node.put("engagementId", id);
            CaseFile c = cases.open(RequestBody.of(node), p);
            Web.done(ctx, "/cases/" + c.id(), "Case opened and logged (record " + c.logIndex() + ")");
        } catch (RuntimeException e) {
            ApiException api = ApiErrors.translate(e);
            if (api.status() != 400) {
                throw api;
            }
            ctx.status(400);
            engagement(ctx, p, new Forms("open", new Form(Web.values(ctx), api.fields())));
        }
    }

    private void caseList(Context ctx, Principal p) {
        Map<String, Object> m = new HashMap<>();
        String s = ctx.queryParam("state");
        CaseState state = null;
        if (s != null && !s.isBlank()) {
            state = org.plumbline.core.domain.Wire.parse(CaseState.class, s, "state");
        }
        m.put("rows", rows(cases.visible(p, state)));
        m.put("state", s == null ? "" : s);
        web.render(ctx, p, "cases.jte", "Cases", m);
    }

    private void casePage(Context ctx, Principal p, Forms forms) {
        long id = id(ctx);
        CaseFile c = cases.read(id, p);
        Cases all = core.cases();
        Map<String, Object> m = new HashMap<>();
        m.put("c", c);
        m.put("engagement", c.engagementId() == null ? null : core.engagements().get(c.engagementId()));
        m.put("declaration", c.engagementId() == null ? null : core.engagements().current(c.engagementId()).declaration());
        m.put("assessments", all.assessments(id));
        m.put("evidence", all.evidence(id));
        m.put("findings", core.findings().forCase(id));
        m.put("comments", all.comments(id));
        m.put("timeline", all.timeline(id));
        m.put("decision", all.decision(id).orElse(null));
        m.put("directives", c.engagementId() == null ? List.of() : core.directives().forEngagement(c.engagementId()).stream()
                .filter(d -> all.decision(id).map(dec -> dec.id() == d.decisionId()).orElse(false)).toList());
        m.put("canManage", AccessPolicy.allows(p.role(), Permission.CASE_MANAGE) && c.state().isActive());
        m.put("canWork", AccessPolicy.allows(p.role(), Permission.CASE_WORK) && c.state() != CaseState.CLOSED);
        m.put("canAssign", AccessPolicy.allows(p.role(), Permission.CASE_ASSIGN) && c.state().isActive());
        m.put("canDecide", AccessPolicy.allows(p.role(), Permission.DECIDE)
                && (c.state() == CaseState.IN_REVIEW || c.state() == CaseState.ESCALATED));
        m.put("level", org.plumbline.core.domain.Wire.name(CaseApi.level(p)));
        m.put("forms", forms);
        m.put("now", now());
        m.put("people", users.accountNamesByActor());
        web.render(ctx, p, "case.jte", "Case " + c.id(), m);
    }

    @FunctionalInterface
    private interface Operation {
        Object run() throws Exception;
    }

    private void caseAction(Context ctx, Principal p, String form, Operation op, String message) throws Exception {
        long id = id(ctx);
        try {
            op.run();
            Web.done(ctx, "/cases/" + id + "#" + form, message);
        } catch (Exception e) {
            ApiException api = ApiErrors.translate(e);
            if (api.status() == 409) {
                ctx.status(409);
                casePage(ctx, p, new Forms(form, new Form(Web.values(ctx), Map.of("form",
                        "Someone changed this case while you were working on it. The page now shows the latest state; "
                                + "check it and submit again."))));
                return;
            }
            if (api.status() != 400) {
                throw api;
            }
            ctx.status(400);
            casePage(ctx, p, new Forms(form, new Form(Web.values(ctx), api.fields())));
        }
    }

    private void directiveList(Context ctx, Principal p) {
        Map<String, Object> m = new HashMap<>();
        List<Directive> list = new ArrayList<>(directives.page(-1L, DirectiveApi.MAX_PAGE).directives());
        java.util.Collections.reverse(list);
        Map<Long, String> refs = new HashMap<>();
        core.engagements().list().forEach(e -> refs.put(e.id(), e.reference()));
        m.put("directives", list);
        m.put("refs", refs);
        m.put("now", now());
        web.render(ctx, p, "directives.jte", "Directives", m);
    }

    private void record(Context ctx, Principal p, org.plumbline.core.record.Reveal revealed) throws Exception {
        long index = id(ctx);
        byte[] bytes = core.records().record(index).orElseThrow(() -> ApiException.notFound("record " + index));
        org.plumbline.core.record.LogRecord record = org.plumbline.core.record.LogRecord.parse(bytes);
        Map<String, Object> m = new HashMap<>();
        m.put("index", index);
        m.put("record", record);
        m.put("fieldsJson", Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(record.fields()));
        m.put("canReveal", AccessPolicy.allows(p.role(), Permission.REVEAL));
        m.put("revealed", revealed);
        m.put("revealMatches", revealed != null && revealed.verify(bytes));
        web.render(ctx, p, "record.jte", "Record " + index, m);
    }

    private void transparency(Context ctx, Principal p) {
        Map<String, Object> m = new HashMap<>();
        // The checkpoint served at /log/checkpoint: with witnesses, the newest one a quorum cosigned.
        m.put("checkpoint", RecordApi.text(log.publishedCheckpoint()));
        m.put("vkey", log.verifierKey());
        m.put("size", log.size());
        m.put("witnesses", log.witnessLag().map(l -> l.cosigned() < 0
                ? "No checkpoint has been cosigned by a quorum of witnesses yet."
                : "Cosigned by a quorum of witnesses up to " + l.cosigned() + " records"
                        + (l.entries() == 0 ? "." : "; " + l.entries() + " newer records await cosignatures"
                                + l.lastFailure().map(f -> " (last attempt: " + f + ")").orElse("") + "."))
                .orElse(""));
        web.render(ctx, p, "transparency.jte", "Transparency log", m);
    }
}
