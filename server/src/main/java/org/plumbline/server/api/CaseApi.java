package org.plumbline.server.api;

import org.plumbline.server.http.ApiException;
import org.plumbline.server.http.Json;
import org.plumbline.server.http.PathParams;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plumbline.core.Cases;
import org.plumbline.core.Core;
import org.plumbline.core.domain.Assessment;
import org.plumbline.core.domain.AssessmentInput;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.domain.CaseOrigin;
import org.plumbline.core.domain.CaseState;
import org.plumbline.core.domain.Comment;
import org.plumbline.core.domain.Decision;
import org.plumbline.core.domain.DecisionInput;
import org.plumbline.core.domain.DecisionKind;
import org.plumbline.core.domain.EscalationLevel;
import org.plumbline.core.domain.Evidence;
import org.plumbline.core.domain.Leverage;
import org.plumbline.core.domain.NewCase;
import org.plumbline.core.domain.Relation;
import org.plumbline.core.domain.Wire;
import org.plumbline.server.auth.AccessPolicy;
import org.plumbline.server.auth.CaseAccess;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.auth.Role;
import org.plumbline.server.auth.UserStore;

/**
 * Due-diligence cases: open, read (a confidential case's reading is itself logged), assess, attach evidence,
 * comment, move, escalate, assign and decide. Changes name the case version they were made against and
 * get a 409 if someone changed the case meanwhile.
 */
public final class CaseApi {
    private final Core core;
    private final Clock clock;
    /** The accounts a case may be assigned to (the server's, not the domain's: core keeps the name only). */
    private final UserStore users;

    public CaseApi(Core core, Clock clock, UserStore users) {
        this.core = core;
        this.clock = clock;
        this.users = users;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/api/cases", Permission.CASE_READ, "cases",
                        "Cases the caller may see (?state=open|in-review|escalated|decided|closed), most severe and soonest due first",
                        this::list),
                Route.post("/api/cases", Permission.CASE_OPEN, "cases", "Open a case",
                        """
                        {"type":"object","required":["origin","title","summary"],"properties":{
                          "engagementId":{"type":"integer"},"origin":{"enum":["finding","concern","periodic-review","manual"]},
                          "originRef":{"type":"string"},"title":{"type":"string"},"summary":{"type":"string"},
                          "confidential":{"type":"boolean"},"assignee":{"type":"string"}}}""",
                        this::open),
                Route.get("/api/cases/{id}", Permission.CASE_READ, "cases",
                        "A case with assessments, evidence, comments, timeline and decision (reading a confidential case is logged)",
                        this::get),
                Route.post("/api/cases/{id}/assessments", Permission.CASE_MANAGE, "cases",
                        "Record an assessment (UNGP: severity = max(scale, scope, irremediability))",
                        """
                        {"type":"object","required":["expectedVersion","scale","scope","irremediability","likelihood","leverage","relation","rationale"],
                         "properties":{"expectedVersion":{"type":"integer"},"scale":{"type":"integer","minimum":1,"maximum":5},
                          "scope":{"type":"integer","minimum":1,"maximum":5},"irremediability":{"type":"integer","minimum":1,"maximum":5},
                          "likelihood":{"type":"integer","minimum":1,"maximum":5},"leverage":{"enum":["low","medium","high"]},
                          "relation":{"enum":["cause","contribute","directly-linked"]},"rationale":{"type":"string"}}}""",
                        this::assess),
                Route.post("/api/cases/{id}/state", Permission.CASE_MANAGE, "cases",
                        "Move the case (open → in-review → escalated → decided → closed)",
                        """
                        {"type":"object","required":["expectedVersion","state"],"properties":{"expectedVersion":{"type":"integer"},
                          "state":{"enum":["in-review","escalated","closed"]},"note":{"type":"string"}}}""",
                        this::move),
                Route.post("/api/cases/{id}/escalation", Permission.CASE_MANAGE, "cases",
                        "Escalate one rung up the ladder (reviewer → approver → leadership), saying why",
                        """
                        {"type":"object","required":["expectedVersion","note"],"properties":{"expectedVersion":{"type":"integer"},"note":{"type":"string"}}}""",
                        this::escalate),
                Route.post("/api/cases/{id}/assignment", Permission.CASE_ASSIGN, "cases",
                        "Assign the case to a person who may work it: an active reviewer, approver or external investigator (who then sees it)",
                        """
                        {"type":"object","required":["expectedVersion"],"properties":{"expectedVersion":{"type":"integer"},"assignee":{"type":"string"}}}""",
                        this::assign),
                Route.post("/api/cases/{id}/evidence", Permission.CASE_WORK, "cases",
                        "Attach evidence (multipart/form-data: file, description); stored by SHA-256", null, this::attach),
                Route.get("/api/cases/{id}/evidence/{sha256}", Permission.CASE_READ, "cases", "Download an evidence file",
                        this::download),
                Route.post("/api/cases/{id}/comments", Permission.CASE_WORK, "cases", "Add a working comment",
                        """
                        {"type":"object","required":["body"],"properties":{"body":{"type":"string"}}}""",
                        this::comment),
                Route.post("/api/cases/{id}/decision", Permission.DECIDE, "cases",
                        "Decide (no-action, conditions, suspend, terminate); suspend/terminate issue a signed directive",
                        """
                        {"type":"object","required":["expectedVersion","kind","rationale"],"properties":{"expectedVersion":{"type":"integer"},
                          "kind":{"enum":["no-action","conditions","suspend","terminate"]},
                          "accounts":{"type":"array","items":{"type":"string"}},"services":{"type":"array","items":{"type":"string"}},
                          "conditions":{"type":"string"},"rationale":{"type":"string"}}}""",
                        this::decide));
    }

    /** The cases {@code p} may see, optionally in one state. */
    public List<CaseFile> visible(Principal p, CaseState state) {
        List<CaseFile> all = p.role() == Role.EXTERNAL_INVESTIGATOR ? core.cases().assignedTo(p.username())
                : core.cases().list(state);
        return all.stream().filter(c -> state == null || c.state() == state).filter(c -> CaseAccess.maySee(p, c)).toList();
    }

    private void list(Context ctx, Principal p) {
        String s = ctx.queryParam("state");
        CaseState state = s == null || s.isBlank() ? null : Wire.parse(CaseState.class, s, "state");
        ctx.json(visible(p, state).stream().map(c -> Views.caseSummary(c, clock.instant())).toList());
    }

    public CaseFile open(RequestBody body, Principal p) {
        body.allowOnly(Set.of("engagementId", "origin", "originRef", "title", "summary", "confidential", "assignee"));
        Long engagementId = body.longValue("engagementId", false);
        String origin = body.oneOf("origin", true, Set.of("finding", "concern", "periodic-review", "manual"));
        String originRef = body.string("originRef", false, 200);
        String title = body.string("title", true, 200);
        String summary = body.string("summary", true, 20_000);
        boolean confidential = body.bool("confidential");
        String assignee = assignee(body);
        body.done();
        return core.cases().open(new NewCase(engagementId, Wire.parse(CaseOrigin.class, origin, "origin"), originRef, title,
                summary, confidential, assignee), p.actor());
    }

    private void open(Context ctx, Principal p) {
        CaseFile c = open(RequestBody.of(ctx), p);
        ctx.status(201).json(Views.caseFull(c, clock.instant()));
    }

    /** Reads a case for showing it: checks per-case access, and logs the reading of a confidential case. */
    public CaseFile read(long id, Principal p) {
        // Access is checked before anything is recorded, so that a refused look at someone else's case leaves
        // no read record. Only a confidential case needs the logged read (a transaction that appends
        // case.read); whether a case is confidential is fixed when it is opened.
        return core.cases().read(id, p.actor(), c -> CaseAccess.require(p, c));
    }

    private void get(Context ctx, Principal p) {
        long id = PathParams.id(ctx, "id");
        CaseFile c = read(id, p);
        Map<String, Object> out = Views.caseFull(c, clock.instant());
        Cases cases = core.cases();
        out.put("assessments", Views.all(cases.assessments(id), Views::assessment));
        out.put("evidence", Views.all(cases.evidence(id), Views::evidence));
        out.put("comments", Views.all(cases.comments(id), Views::comment));
        out.put("timeline", Views.all(cases.timeline(id), Views::event));
        out.put("decision", cases.decision(id).map(Views::decision).orElse(null));
        ctx.json(out);
    }

    /** The case, if {@code p} may see it; 404 otherwise. Not logged: for checks before a change. */
    private CaseFile visibleCase(long id, Principal p) {
        return CaseAccess.require(p, core.cases().get(id));
    }

    public Assessment assess(long id, RequestBody body, Principal p) {
        visibleCase(id, p);
        body.allowOnly(Set.of("expectedVersion", "scale", "scope", "irremediability", "likelihood", "leverage", "relation",
                "rationale"));
        Integer expected = body.integer("expectedVersion", true, 1, Integer.MAX_VALUE);
        Integer scale = body.integer("scale", true, 1, 5);
        Integer scope = body.integer("scope", true, 1, 5);
        Integer irremediability = body.integer("irremediability", true, 1, 5);
        Integer likelihood = body.integer("likelihood", true, 1, 5);
        String leverage = body.oneOf("leverage", true, Set.of("low", "medium", "high"));
        String relation = body.oneOf("relation", true, Set.of("cause", "contribute", "directly-linked"));
        String rationale = body.string("rationale", true, 20_000);
        body.done();
        return core.cases().assess(id, expected, new AssessmentInput(scale, scope, irremediability, likelihood,
                Wire.parse(Leverage.class, leverage, "leverage"), Wire.parse(Relation.class, relation, "relation"), rationale),
                p.actor());
    }

    private void assess(Context ctx, Principal p) {
        Assessment a = assess(PathParams.id(ctx, "id"), RequestBody.of(ctx), p);
        ctx.status(201).json(Views.assessment(a));
    }

    public CaseFile move(long id, RequestBody body, Principal p) {
        visibleCase(id, p);
        body.allowOnly(Set.of("expectedVersion", "state", "note"));
        Integer expected = body.integer("expectedVersion", true, 1, Integer.MAX_VALUE);
        String state = body.oneOf("state", true, Set.of("open", "in-review", "escalated", "decided", "closed"));
        String note = body.string("note", false, 2000);
        body.done();
        return core.cases().move(id, expected, Wire.parse(CaseState.class, state, "state"), note == null ? "" : note,
                p.actor());
    }

    private void move(Context ctx, Principal p) {
        ctx.json(Views.caseSummary(move(PathParams.id(ctx, "id"), RequestBody.of(ctx), p), clock.instant()));
    }

    public CaseFile escalate(long id, RequestBody body, Principal p) {
        visibleCase(id, p);
        body.allowOnly(Set.of("expectedVersion", "note"));
        Integer expected = body.integer("expectedVersion", true, 1, Integer.MAX_VALUE);
        String note = body.string("note", false, 2000);
        if (note == null && !body.hasError("note")) {
            body.error("note", "say why the case needs a higher level");
        }
        body.done();
        return core.cases().escalate(id, expected, note, p.actor());
    }

    private void escalate(Context ctx, Principal p) {
        ctx.json(Views.caseSummary(escalate(PathParams.id(ctx, "id"), RequestBody.of(ctx), p), clock.instant()));
    }

    public CaseFile assign(long id, RequestBody body, Principal p) {
        visibleCase(id, p);
        body.allowOnly(Set.of("expectedVersion", "assignee"));
        Integer expected = body.integer("expectedVersion", true, 1, Integer.MAX_VALUE);
        String assignee = assignee(body);
        body.done();
        return core.cases().assign(id, expected, assignee, p.actor());
    }

    /**
     * The optional {@code assignee}: the account name of someone who can work the case, an account that
     * exists, is not disabled and whose role may work cases. Core keeps only the name, so a case given to
     * nobody would sit unworked, one given to a name created later would hand it to whoever took that name,
     * and one given to an auditor or a machine would sit with someone who may not touch it.
     */
    private String assignee(RequestBody body) {
        String assignee = body.string("assignee", false, 100);
        if (assignee == null) {
            return null;
        }
        var user = users.byUsername(assignee).filter(u -> !u.disabled());
        if (user.isEmpty()) {
            body.error("assignee", "no active account with this name");
            return null;
        }
        if (!mayBeAssigned(user.get())) {
            body.error("assignee", "a " + user.get().role().id().replace('-', ' ') + " cannot work cases; assign a "
                    + "reviewer, an approver or an external investigator");
            return null;
        }
        return assignee;
    }

    /** Whether a case may be assigned to {@code u}: an active account whose role works cases. */
    public static boolean mayBeAssigned(UserStore.User u) {
        return !u.disabled() && AccessPolicy.allows(u.role(), Permission.CASE_WORK);
    }

    /** The people a case may be assigned to, by name. */
    public List<UserStore.User> assignable() {
        return users.all().stream().filter(CaseApi::mayBeAssigned)
                .sorted(java.util.Comparator.comparing(UserStore.User::displayName, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /** The active people who stand at {@code level} or above and may decide (for saying who can decide a case). */
    public List<UserStore.User> decidersAt(EscalationLevel level) {
        return users.all().stream().filter(u -> !u.disabled() && AccessPolicy.allows(u.role(), Permission.DECIDE))
                .filter(u -> level(u.principal()).atLeast(level))
                .sorted(java.util.Comparator.comparing(UserStore.User::displayName, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /** The lowest rung that may decide {@code kind} on {@code c}, by the escalation policy. */
    public EscalationLevel required(CaseFile c, DecisionKind kind) {
        return core.config().escalation().required(c.severity(), c.level(), kind);
    }

    private void assign(Context ctx, Principal p) {
        ctx.json(Views.caseSummary(assign(PathParams.id(ctx, "id"), RequestBody.of(ctx), p), clock.instant()));
    }

    public Evidence attach(long id, Context ctx, Principal p) throws IOException {
        visibleCase(id, p);
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (!type.startsWith("multipart/form-data")) {
            throw ApiException.badRequest("file", "send multipart/form-data with a 'file' part and a 'description'");
        }
        UploadedFile file = ctx.uploadedFile("file");
        String description = ctx.formParam("description");
        RequestBody errors = RequestBody.of(Json.MAPPER.createObjectNode());
        if (file == null || file.filename().isBlank()) {
            errors.error("file", "choose a file to attach");
        } else if (file.size() > Cases.MAX_EVIDENCE_BYTES) {
            errors.error("file", "at most " + Cases.MAX_EVIDENCE_BYTES / (1024 * 1024) + " MiB");
        }
        if (description == null || description.isBlank()) {
            errors.error("description", "say what this file shows");
        }
        errors.done();
        byte[] content;
        try (InputStream in = file.content()) {
            content = in.readAllBytes();
        }
        String media = file.contentType() == null || file.contentType().isBlank() ? "application/octet-stream"
                : file.contentType();
        return core.cases().attachEvidence(id, content, media, file.filename(), description.strip(), p.actor());
    }

    private void attach(Context ctx, Principal p) throws IOException {
        ctx.status(201).json(Views.evidence(attach(PathParams.id(ctx, "id"), ctx, p)));
    }

    private void download(Context ctx, Principal p) {
        long id = PathParams.id(ctx, "id");
        read(id, p); // downloading a confidential case's evidence is reading the case: it is logged too
        String sha = ctx.pathParam("sha256");
        Evidence e = core.cases().evidence(id).stream().filter(x -> x.sha256().equals(sha)).findFirst()
                .orElseThrow(() -> ApiException.notFound("evidence " + sha + " on case " + id));
        byte[] content = core.cases().evidenceContent(sha).orElseThrow(() -> ApiException.notFound("evidence " + sha));
        // Served as an attachment with its recorded type and no sniffing: evidence is never rendered inline.
        ctx.header("Content-Disposition", "attachment; filename=\"" + e.fileName().replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType(e.mediaType()).result(content);
    }

    public Comment comment(long id, RequestBody body, Principal p) {
        visibleCase(id, p);
        body.allowOnly(Set.of("body"));
        String text = body.string("body", true, 20_000);
        body.done();
        return core.cases().comment(id, text, p.actor());
    }

    private void comment(Context ctx, Principal p) {
        ctx.status(201).json(Views.comment(comment(PathParams.id(ctx, "id"), RequestBody.of(ctx), p)));
    }

    /** The rung of the escalation ladder the principal stands on. */
    public static EscalationLevel level(Principal p) {
        if (p.role() == Role.APPROVER) {
            return p.leadership() ? EscalationLevel.LEADERSHIP : EscalationLevel.APPROVER;
        }
        return EscalationLevel.REVIEWER;
    }

    public Decision decide(long id, RequestBody body, Principal p) {
        visibleCase(id, p);
        body.allowOnly(Set.of("expectedVersion", "kind", "accounts", "services", "conditions", "rationale"));
        Integer expected = body.integer("expectedVersion", true, 1, Integer.MAX_VALUE);
        String kind = body.oneOf("kind", true, Set.of("no-action", "conditions", "suspend", "terminate"));
        List<String> accounts = body.list("accounts", false);
        List<String> services = body.list("services", false);
        String conditions = body.string("conditions", false, 20_000);
        String rationale = body.string("rationale", true, 20_000);
        body.done();
        return core.cases().decide(id, expected, new DecisionInput(Wire.parse(DecisionKind.class, kind, "kind"), accounts,
                services, conditions, rationale, level(p)), p.actor());
    }

    private void decide(Context ctx, Principal p) {
        ctx.status(201).json(Views.decision(decide(PathParams.id(ctx, "id"), RequestBody.of(ctx), p)));
    }
}
