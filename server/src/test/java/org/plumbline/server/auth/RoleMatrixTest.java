package org.plumbline.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plumbline.server.TestServer;
import org.plumbline.server.api.Route;

/**
 * Calls every API endpoint as every role and checks the answer against the table below, which is written
 * out by hand (not derived from {@link AccessPolicy}) so that a change to who may do what has to be made
 * twice, deliberately. "allowed" means the request got past authorisation (any status but 401/403: an
 * allowed call with placeholder arguments may still be a 400 or 404); "denied" means 401 for the public
 * and 403 for everyone else.
 */
class RoleMatrixTest {
    private static final String ALL = "account-manager reviewer approver external-investigator auditor enforcement-system admin";

    /** Routes no role opens: only a reporter's receipt token; every role's credentials are unauthenticated (401). */
    private static final String RECEIPT_ONLY = "receipt-token";

    /** METHOD path -> roles allowed ("public" = also without credentials). */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("POST /api/session", "public " + ALL);
        EXPECTED.put("GET /api/session", ALL);
        EXPECTED.put("DELETE /api/session", ALL);
        EXPECTED.put("GET /api/users", "admin");
        EXPECTED.put("POST /api/users", "admin");
        EXPECTED.put("POST /api/users/{username}/tokens", "admin");
        EXPECTED.put("POST /api/users/{username}/totp", "admin");
        EXPECTED.put("POST /api/users/{username}/disable", "admin");
        EXPECTED.put("POST /api/users/{username}/enable", "admin");
        EXPECTED.put("POST /api/users/{username}/role", "admin");
        EXPECTED.put("POST /api/users/{username}/password", "admin");
        EXPECTED.put("POST /api/users/{username}/second-factor-reset", "admin");
        String readers = "account-manager reviewer approver auditor admin";
        String caseReaders = "reviewer approver external-investigator auditor admin";
        String directiveReaders = "reviewer approver auditor enforcement-system admin";
        EXPECTED.put("GET /api/vocabulary", ALL);
        EXPECTED.put("GET /api/customers", readers);
        EXPECTED.put("POST /api/customers", "account-manager");
        EXPECTED.put("GET /api/engagements", readers);
        EXPECTED.put("POST /api/engagements", "account-manager");
        EXPECTED.put("GET /api/engagements/{id}", readers);
        EXPECTED.put("POST /api/engagements/{id}/amendments", "account-manager");
        EXPECTED.put("GET /api/cases", caseReaders);
        EXPECTED.put("POST /api/cases", "reviewer approver");
        EXPECTED.put("GET /api/cases/{id}", caseReaders);
        EXPECTED.put("POST /api/cases/{id}/assessments", "reviewer approver");
        EXPECTED.put("POST /api/cases/{id}/state", "reviewer approver");
        EXPECTED.put("POST /api/cases/{id}/escalation", "reviewer approver");
        EXPECTED.put("POST /api/cases/{id}/assignment", "reviewer approver admin");
        EXPECTED.put("POST /api/cases/{id}/evidence", "reviewer approver external-investigator");
        EXPECTED.put("GET /api/cases/{id}/evidence/{sha256}", caseReaders);
        EXPECTED.put("POST /api/cases/{id}/comments", "reviewer approver external-investigator");
        EXPECTED.put("POST /api/cases/{id}/decision", "reviewer approver");
        EXPECTED.put("POST /api/signals/uploads", "reviewer admin");
        EXPECTED.put("POST /api/signals/scans", "reviewer admin");
        EXPECTED.put("GET /api/signals/scans/latest", "reviewer approver auditor admin");
        EXPECTED.put("GET /api/signals/unmapped-accounts", "reviewer approver auditor admin");
        EXPECTED.put("GET /api/findings", caseReaders);
        EXPECTED.put("GET /api/findings/{id}", caseReaders);
        EXPECTED.put("GET /api/findings/{id}/chart.svg", caseReaders);
        EXPECTED.put("GET /api/directives", directiveReaders);
        EXPECTED.put("GET /api/directives/public-key", directiveReaders);
        EXPECTED.put("GET /api/directives/{id}", directiveReaders);
        EXPECTED.put("POST /api/directives/{id}/acknowledgement", "enforcement-system");
        EXPECTED.put("GET /api/records/{index}", "public " + ALL);
        EXPECTED.put("GET /api/records/{index}/proof", "public " + ALL);
        EXPECTED.put("POST /api/records/{index}/reveal", "auditor");
        EXPECTED.put("GET /api/openapi.json", "public " + ALL);
        EXPECTED.put("GET /log/checkpoint", "public " + ALL);
        EXPECTED.put("GET /log/vkey", "public " + ALL);
        EXPECTED.put("GET /log/tile/<path>", "public " + ALL);
        // The intake: anyone reports; recipients are reviewers. The reporter's own routes are opened by the token a
        // receipt gives, never by a role: every role's credentials get 401 there (IntakeApiTest uses a real token).
        EXPECTED.put("POST /api/intake/reports", "public " + ALL);
        EXPECTED.put("POST /api/intake/session", "public " + ALL);
        EXPECTED.put("GET /api/intake/challenge", "public " + ALL);
        EXPECTED.put("POST /api/intake/report/attachments", RECEIPT_ONLY);
        EXPECTED.put("GET /api/intake/report/attachments/{n}", RECEIPT_ONLY);
        EXPECTED.put("GET /api/intake/reports/{id}/attachments/{n}", "reviewer");
        EXPECTED.put("GET /api/intake/report", RECEIPT_ONLY);
        EXPECTED.put("POST /api/intake/report/messages", RECEIPT_ONLY);
        EXPECTED.put("GET /api/intake/reports", "reviewer");
        EXPECTED.put("GET /api/intake/reports/{id}", "reviewer");
        EXPECTED.put("POST /api/intake/reports/{id}/messages", "reviewer");
        EXPECTED.put("POST /api/intake/reports/{id}/case", "reviewer");
        EXPECTED.put("POST /api/intake/reports/{id}/recipients", "reviewer");
    }


    @BeforeAll
    static void start() {
        TestServer.get();
    }

    @Test
    void theTableCoversExactlyTheServedRoutes() {
        Set<String> served = TestServer.get().routes().stream().map(r -> r.method().name() + " " + r.path())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(served).isEqualTo(new TreeSet<>(EXPECTED.keySet()));
    }

    @Test
    void everyRoleGetsExactlyTheAccessTheTableGives() {
        List<String> mismatches = new ArrayList<>();
        for (Route route : TestServer.get().routes()) {
            String key = route.method().name() + " " + route.path();
            Set<String> allowed = Set.of(EXPECTED.get(key).split(" "));
            boolean receiptOnly = EXPECTED.get(key).equals(RECEIPT_ONLY);
            for (Role role : EnumSet.allOf(Role.class)) {
                int status = call(route, role).statusCode();
                boolean wasAllowed = status != 401 && status != 403;
                if (wasAllowed != allowed.contains(role.id())) {
                    mismatches.add(key + " as " + role.id() + ": got " + status + ", expected "
                            + (allowed.contains(role.id()) ? "allowed" : "denied"));
                }
                if (!wasAllowed) {
                    assertThat(status).as(key + " as " + role.id()).isEqualTo(role == Role.PUBLIC || receiptOnly ? 401 : 403);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static HttpResponse<String> call(Route route, Role role) {
        String path = route.path().replaceAll("\\{[a-zA-Z0-9]+}", "no-such-thing-42").replaceAll("<[a-zA-Z]+>", "0/x999");
        HttpRequest.Builder b = HttpRequest.newBuilder(TestServer.uri(path))
                .header("Content-Type", "application/json")
                .method(route.method().name(), route.method().name().equals("GET")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (role != Role.PUBLIC) {
            b.header("Authorization", "Bearer " + TestServer.token(role));
        }
        return TestServer.send(b.build());
    }

    @Test
    void everyRoleIdInTheTableExists() {
        Set<String> ids = Arrays.stream(Role.values()).map(Role::id).collect(Collectors.toSet());
        EXPECTED.values().stream().filter(v -> !v.equals(RECEIPT_ONLY))
                .forEach(v -> assertThat(ids).containsAll(List.of(v.split(" "))));
    }
}
