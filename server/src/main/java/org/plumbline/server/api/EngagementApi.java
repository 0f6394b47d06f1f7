package org.plumbline.server.api;

import org.plumbline.server.http.PathParams;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plumbline.core.Core;
import org.plumbline.core.domain.ValidationException;
import org.plumbline.core.domain.Attestation;
import org.plumbline.core.domain.BodyKind;
import org.plumbline.core.domain.Customer;
import org.plumbline.core.domain.Declaration;
import org.plumbline.core.domain.Engagement;
import org.plumbline.core.domain.EngagementVersion;
import org.plumbline.core.domain.NewCustomer;
import org.plumbline.core.domain.Vocabulary;
import org.plumbline.core.domain.Wire;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;

/** Customers, engagements and their declaration history (every version, each with its proof). */
public final class EngagementApi {
    static final Set<String> DECLARATION_FIELDS = Set.of("accounts", "billingAccount", "services", "regions",
            "contractReference", "purposes", "dataCategories", "acknowledgedProhibitedUses",
            "attestation.accountManager", "attestation.statement");

    private static final String DECLARATION_SCHEMA = """
            "accounts":{"type":"array","items":{"type":"string"}},"billingAccount":{"type":"string"},
            "services":{"type":"array","items":{"type":"string"}},"regions":{"type":"array","items":{"type":"string"}},
            "contractReference":{"type":"string"},"purposes":{"type":"array","items":{"type":"string"}},
            "dataCategories":{"type":"array","items":{"type":"string"}},
            "acknowledgedProhibitedUses":{"type":"array","items":{"type":"string"}},
            "attestation":{"type":"object","properties":{"accountManager":{"type":"string"},"statement":{"type":"string"}}}""";

    private final Core core;
    private final Clock clock;

    public EngagementApi(Core core, Clock clock) {
        this.core = core;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/api/vocabulary", Permission.OWN_SESSION, "engagements",
                        "Declared purposes, data categories and prohibited-use clauses a declaration is checked against",
                        this::vocabulary),
                Route.get("/api/customers", Permission.ENGAGEMENT_READ, "engagements", "List customers", this::customers),
                Route.post("/api/customers", Permission.ENGAGEMENT_DECLARE, "engagements", "Register a customer",
                        """
                        {"type":"object","required":["name","kind","country"],"properties":{"name":{"type":"string"},
                          "kind":{"enum":["ministry","agency","unit"]},"country":{"type":"string","pattern":"^[A-Z]{2}$"},
                          "parentId":{"type":"integer"}}}""",
                        this::registerCustomer),
                Route.get("/api/engagements", Permission.ENGAGEMENT_READ, "engagements", "List engagements", this::list),
                Route.post("/api/engagements", Permission.ENGAGEMENT_DECLARE, "engagements",
                        "Declare a new engagement (version 1), attested by the account manager",
                        "{\"type\":\"object\",\"required\":[\"customerId\",\"reference\"],\"properties\":{"
                                + "\"customerId\":{\"type\":\"integer\"},\"reference\":{\"type\":\"string\"}," + DECLARATION_SCHEMA + "}}",
                        this::declare),
                Route.get("/api/engagements/{id}", Permission.ENGAGEMENT_READ, "engagements",
                        "An engagement with its current declaration, declaration history, cases and directives", this::get),
                Route.post("/api/engagements/{id}/amendments", Permission.ENGAGEMENT_DECLARE, "engagements",
                        "Amend the declaration: a new version; 409 if someone amended it since expectedVersion",
                        "{\"type\":\"object\",\"required\":[\"expectedVersion\"],\"properties\":{"
                                + "\"expectedVersion\":{\"type\":\"integer\"}," + DECLARATION_SCHEMA + "}}",
                        this::amend));
    }

    private void vocabulary(Context ctx, Principal p) {
        Vocabulary v = core.engagements().vocabulary();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("purposes", v.purposes());
        out.put("dataCategories", v.dataCategories());
        out.put("prohibitedUses", v.prohibitedUses());
        ctx.json(out);
    }

    private void customers(Context ctx, Principal p) {
        ctx.json(Views.all(core.customers().list(), Views::customer));
    }

    Customer registerCustomer(RequestBody body, Principal p) {
        body.allowOnly(Set.of("name", "kind", "country", "parentId"));
        String name = body.string("name", true, 200);
        String kind = body.oneOf("kind", true, Set.of("ministry", "agency", "unit"));
        String country = body.string("country", true, 2);
        Long parent = body.longValue("parentId", false);
        body.done();
        return core.customers().register(new NewCustomer(name, Wire.parse(BodyKind.class, kind, "kind"), country, parent),
                p.actor());
    }

    private void registerCustomer(Context ctx, Principal p) {
        ctx.status(201).json(Views.customer(registerCustomer(RequestBody.of(ctx), p)));
    }

    private void list(Context ctx, Principal p) {
        Map<Long, Customer> customers = customersById();
        ctx.json(core.engagements().list().stream()
                .map(e -> Views.engagement(e, customers.get(e.customerId()), clock.instant())).toList());
    }

    public Map<Long, Customer> customersById() {
        Map<Long, Customer> out = new LinkedHashMap<>();
        core.customers().list().forEach(c -> out.put(c.id(), c));
        return out;
    }

    /** Reads a declaration's fields (JSON or form); the domain checks them against the vocabulary. */
    static Declaration declaration(RequestBody body) {
        return new Declaration(body.list("accounts", false), body.optional("billingAccount"), body.list("services", false),
                body.list("regions", false), body.optional("contractReference"), body.list("purposes", false),
                body.list("dataCategories", false), body.list("acknowledgedProhibitedUses", false),
                new Attestation(body.optional("attestation.accountManager"), body.optional("attestation.statement")));
    }

    /** Adds the domain's complaints about the declaration to the request's own, so that one 400 names them all. */
    private void checkDeclaration(Declaration declaration, RequestBody body) {
        try {
            declaration.validate(core.engagements().vocabulary());
        } catch (ValidationException e) {
            e.fieldErrors().forEach(body::error);
        }
    }

    public EngagementVersion declare(RequestBody body, Principal p) {
        Set<String> allowed = new java.util.HashSet<>(DECLARATION_FIELDS);
        allowed.add("customerId");
        allowed.add("reference");
        body.allowOnly(allowed);
        Long customerId = body.longValue("customerId", true);
        String reference = body.string("reference", true, 64);
        Declaration declaration = declaration(body);
        checkDeclaration(declaration, body);
        body.done();
        return core.engagements().declare(customerId, reference, declaration, p.actor());
    }

    private void declare(Context ctx, Principal p) {
        EngagementVersion v = declare(RequestBody.of(ctx), p);
        ctx.status(201).json(detail(v.engagementId()));
    }

    public EngagementVersion amend(long id, RequestBody body, Principal p) {
        Set<String> allowed = new java.util.HashSet<>(DECLARATION_FIELDS);
        allowed.add("expectedVersion");
        body.allowOnly(allowed);
        Integer expected = body.integer("expectedVersion", true, 1, Integer.MAX_VALUE);
        Declaration declaration = declaration(body);
        checkDeclaration(declaration, body);
        body.done();
        return core.engagements().amend(id, expected, declaration, p.actor());
    }

    private void amend(Context ctx, Principal p) {
        long id = PathParams.id(ctx, "id");
        amend(id, RequestBody.of(ctx), p);
        ctx.status(201).json(detail(id));
    }

    private void get(Context ctx, Principal p) {
        ctx.json(detail(PathParams.id(ctx, "id")));
    }

    Map<String, Object> detail(long id) {
        Engagement e = core.engagements().get(id);
        Customer c = core.customers().get(e.customerId());
        Map<String, Object> out = Views.engagement(e, c, clock.instant());
        out.put("declaration", Views.version(core.engagements().current(id)));
        out.put("history", Views.all(core.engagements().history(id), Views::version));
        out.put("cases", core.cases().forEngagement(id).stream().map(k -> Views.caseSummary(k, clock.instant())).toList());
        out.put("directives", core.directives().forEngagement(id).stream()
                .map(d -> Views.directive(d, clock.instant())).toList());
        return out;
    }
}
