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
import org.plumbline.core.domain.DecisionKind;
import org.plumbline.core.domain.Directive;
import org.plumbline.core.domain.EscalationLevel;
import org.plumbline.core.domain.Wire;
import org.plumbline.core.domain.Engagement;
import org.plumbline.server.http.ApiErrors;
import org.plumbline.server.http.ApiException;
import org.plumbline.server.api.CaseApi;
import org.plumbline.server.api.DirectiveApi;
import org.plumbline.server.api.EngagementApi;
import org.plumbline.server.http.Json;
import org.plumbline.server.http.PathParams;
import org.plumbline.server.api.RequestBody;
import org.plumbline.server.auth.AccessPolicy;
import org.plumbline.server.auth.Authenticator;
import org.plumbline.server.auth.CaseAccess;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.auth.UserStore;

/**
 * The pages people use: dashboard, engagements (with declaration history), cases (assessment, evidence,
 * timeline, decision), directives and records (the log's own pages are {@link TransparencyPages} and
 * {@link LogBrowserPages}). Every form posts to the same operation the JSON API uses;
 * on invalid input the page comes back with each message next to its field.
 */
public final class WebPages {
    /**
     * A row of the dashboard and case lists.
     *
     * @param worstFinding the most severe of the case's usage findings ("critical" … "low"), or null (none, or not looked up)
     */
    record CaseRow(CaseFile c, String engagement, boolean overdue, String worstFinding) {
        CaseRow(CaseFile c, String engagement, boolean overdue) {
            this(c, engagement, overdue, null);
        }

        /**
         * How severe the case is for ranking: the worse of its assessed severity (1–5) and its findings'
         * severity on the same scale (critical 5, high 4, medium 3, low 2), so that an unassessed case with a
         * critical finding is not ranked below assessed trivia; 0 when neither is known.
         */
        int rank() {
            int assessed = c.severity() == null ? 0 : c.severity();
            return Math.max(assessed, findingRank(worstFinding));
        }
    }

    /** A finding's severity on the assessment's 1–5 scale (0 for none). */
    static int findingRank(String severity) {
        if (severity == null) {
            return 0;
        }
        return switch (severity) {
            case "critical" -> 5;
            case "high" -> 4;
            case "medium" -> 3;
            case "low" -> 2;
            default -> 0;
        };
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
    private final UserStore users;
    private final FindingPages findings;

    public WebPages(Web web, Core core, Clock clock, EngagementApi engagements, CaseApi cases, DirectiveApi directives,
             UserStore users, FindingPages findings) {
        this.findings = findings;
        this.web = web;
        this.core = core;
        this.clock = clock;
        this.engagements = engagements;
        this.cases = cases;
        this.directives = directives;
        this.users = users;
    }

    public void register() {
        web.page("/", Permission.OWN_SESSION, this::dashboard);
        web.page("/engagements", Permission.ENGAGEMENT_READ, this::engagementList);
        web.page("/engagements.csv", Permission.ENGAGEMENT_READ, (ctx, p) -> {
            EngagementList query = EngagementList.of(ctx);
            EngagementList.csv(query.filter(engagementRows(), id -> core.engagements().current(id).declaration(), true))
                    .send(ctx, "engagements.csv");
        });
        web.page("/engagements/new", Permission.ENGAGEMENT_DECLARE, (ctx, p) -> newEngagement(ctx, p, prefilled(ctx)));
        web.action("/engagements", Permission.ENGAGEMENT_DECLARE, this::declare);
        web.page("/engagements/{id}", Permission.ENGAGEMENT_READ, (ctx, p) -> engagement(ctx, p, Forms.NONE));
        web.action("/engagements/{id}/cases", Permission.CASE_OPEN, this::openCase);
        web.page("/engagements/{id}/amend", Permission.ENGAGEMENT_DECLARE, (ctx, p) -> amendForm(ctx, p, null));
        web.action("/engagements/{id}/amendments", Permission.ENGAGEMENT_DECLARE, this::amend);
        web.page("/cases", Permission.CASE_READ, this::caseList);
        web.page("/cases.csv", Permission.CASE_READ, this::caseCsv);
        web.page("/cases/{id}", Permission.CASE_READ, (ctx, p) -> casePage(ctx, p, Forms.NONE));
        web.action("/cases/{id}/assessment", Permission.CASE_MANAGE,
                (ctx, p) -> caseAction(ctx, p, "assess", () -> cases.assess(id(ctx), RequestBody.of(ctx), p), "Assessment recorded"));
        web.action("/cases/{id}/state", Permission.CASE_MANAGE,
                (ctx, p) -> caseAction(ctx, p, "state", () -> cases.move(id(ctx), RequestBody.of(ctx), p), "Case moved"));
        web.action("/cases/{id}/escalation", Permission.CASE_MANAGE,
                (ctx, p) -> caseAction(ctx, p, "escalate", () -> cases.escalate(id(ctx), RequestBody.of(ctx), p), "Case escalated"));
        web.action("/cases/{id}/assignment", Permission.CASE_ASSIGN,
                (ctx, p) -> caseAction(ctx, p, "assign", () -> cases.assign(id(ctx), RequestBody.of(ctx), p), "Case assigned"));
        web.action("/cases/{id}/evidence", Permission.CASE_WORK,
                (ctx, p) -> caseAction(ctx, p, "evidence", () -> cases.attach(id(ctx), ctx, p), "Evidence attached"));
        web.action("/cases/{id}/comments", Permission.CASE_WORK,
                (ctx, p) -> caseAction(ctx, p, "comment", () -> cases.comment(id(ctx), RequestBody.of(ctx), p), "Comment added"));
        web.action("/cases/{id}/decision", Permission.DECIDE,
                (ctx, p) -> caseAction(ctx, p, "decide", () -> cases.decide(id(ctx), RequestBody.of(ctx), p), "Decision recorded"));
        web.page("/directives", Permission.DIRECTIVE_READ, this::directiveList);
        web.page("/directives.csv", Permission.DIRECTIVE_READ, this::directiveCsv);
        // The log is public, and so are these pages: what a record says is public, its confidential fields
        // are commitments. Only revealing one needs a role.
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

    /** The most severe of a case's findings, or null if it has none. */
    private String worstFinding(long caseId) {
        return core.findings().forCase(caseId).stream().map(f -> f.finding().severity())
                .max(Comparator.comparingInt(WebPages::findingRank)).orElse(null);
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
        }
        // Most severe first, by the worse of the assessment and the case's findings (a case whose severity is
        // known from neither comes after the others), then soonest due.
        List<CaseRow> ranked = new ArrayList<>(rows(active).stream()
                .map(r -> new CaseRow(r.c(), r.engagement(), r.overdue(), worstFinding(r.c().id()))).toList());
        ranked.sort(Comparator.comparingInt(CaseRow::rank).reversed().thenComparing(r -> r.c().dueAt()));
        m.put("cases", ranked);
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
        EngagementList query = EngagementList.of(ctx);
        Map<String, Object> m = new HashMap<>();
        m.put("query", query);
        m.put("result", query.page(query.filter(engagementRows(), id -> core.engagements().current(id).declaration(), false)));
        m.put("countries", core.customers().list().stream().map(Customer::country).distinct().sorted().toList());
        m.put("purposes", core.engagements().vocabulary().purposes().stream().map(x -> new String[] {x.id(), x.title()}).toList());
        m.put("statuses", java.util.Arrays.stream(org.plumbline.core.domain.EngagementStatus.values()).map(Wire::name).toList());
        m.put("canDeclare", AccessPolicy.allows(p.role(), Permission.ENGAGEMENT_DECLARE));
        web.render(ctx, p, "engagements.jte", "Engagements", m);
    }

    /**
     * The registration form prefilled from the query ({@code ?accounts=…&billingAccount=…}: what the unmapped
     * accounts list links to). Only these two fields, each bounded and free of control characters; the form
     * still validates everything when it is submitted.
     */
    static Form prefilled(Context ctx) {
        Map<String, String> v = new HashMap<>();
        for (String field : List.of("accounts", "billingAccount")) {
            String value = ctx.queryParam(field);
            if (value != null && value.length() <= 200 && value.codePoints().noneMatch(Character::isISOControl)) {
                v.put(field, value);
            }
        }
        return v.isEmpty() ? Form.EMPTY : new Form(v, Map.of());
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
        CaseList query = CaseList.of(ctx);
        List<CaseList.Line> matching = query.filter(caseLines(p, query), People.of(users.all()));
        Map<String, Object> m = new HashMap<>();
        m.put("query", query);
        m.put("result", query.page(matching));
        m.put("assignees", cases.assignable());
        web.render(ctx, p, "cases.jte", "Cases", m);
    }

    /** The cases list as CSV, with the list's filters (every match, not one page). */
    private void caseCsv(Context ctx, Principal p) {
        CaseList query = CaseList.of(ctx);
        People people = People.of(users.all());
        List<CaseList.Line> matching = query.filter(caseLines(p, query), people);
        CaseList.csv(matching, people).send(ctx, "cases.csv");
    }

    private List<CaseList.Line> caseLines(Principal p, CaseList query) {
        Map<Long, Customer> customers = engagements.customersById();
        Map<Long, Long> customerOf = new HashMap<>();
        core.engagements().list().forEach(e -> customerOf.put(e.id(), e.customerId()));
        return rows(cases.visible(p, query.state())).stream().map(r -> {
            Customer customer = r.c().engagementId() == null ? null : customers.get(customerOf.get(r.c().engagementId()));
            return new CaseList.Line(r, customer == null ? null : customer.name());
        }).toList();
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
        m.put("earlier", c.engagementId() == null ? List.of() : rows(all.forEngagement(c.engagementId()).stream()
                .filter(x -> x.id() != c.id() && x.openedAt().isBefore(c.openedAt()) && CaseAccess.maySee(p, x)).toList()));
        m.put("directives", c.engagementId() == null ? List.of() : core.directives().forEngagement(c.engagementId()).stream()
                .filter(d -> all.decision(id).map(dec -> dec.id() == d.decisionId()).orElse(false)).toList());
        m.put("canManage", AccessPolicy.allows(p.role(), Permission.CASE_MANAGE) && c.state().isActive());
        m.put("canWork", AccessPolicy.allows(p.role(), Permission.CASE_WORK) && c.state() != CaseState.CLOSED);
        m.put("canAssign", AccessPolicy.allows(p.role(), Permission.CASE_ASSIGN) && c.state().isActive());
        boolean decidable = c.state() == CaseState.IN_REVIEW || c.state() == CaseState.ESCALATED;
        m.put("canDecide", AccessPolicy.allows(p.role(), Permission.DECIDE) && decidable);
        m.put("box", decidable ? decisionBox(c, p) : null);
        m.put("assignees", cases.assignable());
        m.put("forms", forms);
        m.put("now", now());
        web.render(ctx, p, "case.jte", "Case " + c.id(), m);
    }

    /**
     * What the decision box says: the level the case needs for each kind of decision, who stands there, the
     * reader's own level, and the kinds the reader may record (only those are offered: a form that offers a
     * decision the server will refuse wastes the reviewer's rationale).
     *
     * @param needs the lowest level that may decide this case at all (the easiest kind)
     * @param byKind each kind of decision with the level it needs, as words
     * @param deciders who may decide at {@code needs} or above, by name
     */
    record DecisionBox(String needs, List<String[]> byKind, List<String> deciders, String mine, List<String> allowed) {
    }

    private DecisionBox decisionBox(CaseFile c, Principal p) {
        EscalationLevel mine = CaseApi.level(p);
        EscalationLevel needs = null;
        List<String[]> byKind = new ArrayList<>();
        List<String> allowed = new ArrayList<>();
        for (DecisionKind kind : DecisionKind.values()) {
            EscalationLevel required = cases.required(c, kind);
            needs = needs == null || required.compareTo(needs) < 0 ? required : needs;
            byKind.add(new String[] {Fmt.words(kind), Fmt.words(required)});
            if (mine.atLeast(required)) {
                allowed.add(Wire.name(kind));
            }
        }
        List<String> deciders = cases.decidersAt(needs).stream().map(UserStore.User::displayName).toList();
        return new DecisionBox(Fmt.words(needs), byKind, deciders, Fmt.words(mine), allowed);
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
        DirectiveList query = DirectiveList.of(ctx);
        Map<String, Object> m = new HashMap<>();
        // The newest first: the oldest 500 would hide today's directives once there are more than 500.
        List<Directive> list = core.directives().newest(DirectiveApi.MAX_PAGE);
        Map<Long, String> refs = new HashMap<>();
        core.engagements().list().forEach(e -> refs.put(e.id(), e.reference()));
        list = query.filter(list, refs, now());
        m.put("query", query);
        m.put("directives", list);
        m.put("refs", refs);
        // Each directive's case (through the decision that issued it), linked for those who may read cases.
        m.put("caseOf", AccessPolicy.allows(p.role(), Permission.CASE_READ)
                ? core.cases().casesOfDecisions(list.stream().map(Directive::decisionId).collect(java.util.stream.Collectors.toSet()))
                : Map.of());
        m.put("now", now());
        web.render(ctx, p, "directives.jte", "Directives", m);
    }

    private void directiveCsv(Context ctx, Principal p) {
        DirectiveList query = DirectiveList.of(ctx);
        // The newest first: the oldest 500 would hide today's directives once there are more than 500.
        List<Directive> list = core.directives().newest(DirectiveApi.MAX_PAGE);
        Map<Long, String> refs = new HashMap<>();
        core.engagements().list().forEach(e -> refs.put(e.id(), e.reference()));
        list = query.filter(list, refs, now());
        Map<Long, Long> caseOf = AccessPolicy.allows(p.role(), Permission.CASE_READ)
                ? core.cases().casesOfDecisions(list.stream().map(Directive::decisionId).collect(java.util.stream.Collectors.toSet()))
                : Map.of();
        DirectiveList.csv(list, refs, caseOf, now()).send(ctx, "directives.csv");
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
}
