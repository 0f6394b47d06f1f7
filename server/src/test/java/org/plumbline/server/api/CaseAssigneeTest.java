package org.plumbline.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;

/** A case is assigned to someone who can work it: an account that exists, is not disabled and whose role works cases. */
class CaseAssigneeTest {
    private static final String CASE = """
            {"engagementId":%d,"origin":"manual","title":"Assignee %s","summary":"s","assignee":"%s"}""";

    @Test
    void anAssigneeWithNoAccountIsA400NamingAssignee() {
        long engagement = Api.engagement().get("id").asLong();
        Api.Answer nobody = Api.post(Role.REVIEWER, "/api/cases", CASE.formatted(engagement, Api.unique(), "nobody-" + Api.unique()));
        assertThat(nobody.status()).as(nobody.body()).isEqualTo(400);
        assertThat(nobody.json().at("/fields/assignee").asText()).isNotBlank();

        Api.Answer someone = Api.post(Role.REVIEWER, "/api/cases", CASE.formatted(engagement, Api.unique(), "matrix-reviewer"));
        assertThat(someone.status()).as(someone.body()).isEqualTo(201);

        Api.Answer reassigned = Api.post(Role.REVIEWER, "/api/cases/" + someone.json().get("id").asLong() + "/assignment",
                "{\"expectedVersion\":" + someone.json().get("version").asInt() + ",\"assignee\":\"nobody-" + Api.unique() + "\"}");
        assertThat(reassigned.status()).as(reassigned.body()).isEqualTo(400);
        assertThat(reassigned.json().at("/fields/assignee").asText()).isNotBlank();
    }

    @Test
    void aDisabledAccountCannotBeAssigned() {
        String name = "gone-" + Api.unique();
        var user = TestServer.get().users().create(name, "Gone", Role.REVIEWER, TestServer.PASSWORD);
        TestServer.get().users().setDisabled(user.id(), true);
        long engagement = Api.engagement().get("id").asLong();
        Api.Answer gone = Api.post(Role.REVIEWER, "/api/cases", CASE.formatted(engagement, Api.unique(), name));
        assertThat(gone.status()).as(gone.body()).isEqualTo(400);
        assertThat(gone.json().at("/fields/assignee").asText()).isNotBlank();
    }

    @Test
    void anAccountWhoseRoleCannotWorkCasesIsRefusedAndTheCaseStaysAsItWas() {
        long engagement = Api.engagement().get("id").asLong();
        Api.Answer opened = Api.post(Role.REVIEWER, "/api/cases", CASE.formatted(engagement, Api.unique(), "matrix-reviewer"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        long id = opened.json().get("id").asLong();
        int version = opened.json().get("version").asInt();
        for (String who : new String[] {"matrix-auditor", "matrix-enforcement-system", "matrix-admin", "matrix-account-manager"}) {
            Api.Answer refused = Api.post(Role.REVIEWER, "/api/cases/" + id + "/assignment",
                    "{\"expectedVersion\":" + version + ",\"assignee\":\"" + who + "\"}");
            assertThat(refused.status()).as(who + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.json().at("/fields/assignee").asText()).as(who)
                    .contains("cannot work cases").contains("reviewer, an approver or an external investigator");
            Api.Answer newCase = Api.post(Role.REVIEWER, "/api/cases", CASE.formatted(engagement, Api.unique(), who));
            assertThat(newCase.status()).as(who).isEqualTo(400);
        }
        var after = Api.get(Role.REVIEWER, "/api/cases/" + id).json();
        assertThat(after.get("version").asInt()).isEqualTo(version);
        assertThat(after.get("assignee").asText()).isEqualTo("matrix-reviewer");

        Api.Answer investigator = Api.post(Role.REVIEWER, "/api/cases/" + id + "/assignment",
                "{\"expectedVersion\":" + version + ",\"assignee\":\"matrix-external-investigator\"}");
        assertThat(investigator.status()).as(investigator.body()).isEqualTo(200);
    }

    @Test
    void escalatingNeedsAReasonAndBadInputChangesNothing() {
        long engagement = Api.engagement().get("id").asLong();
        Api.Answer opened = Api.post(Role.REVIEWER, "/api/cases", CASE.formatted(engagement, Api.unique(), "matrix-reviewer"));
        long id = opened.json().get("id").asLong();
        Api.Answer review = Api.post(Role.REVIEWER, "/api/cases/" + id + "/state",
                "{\"expectedVersion\":" + opened.json().get("version").asInt() + ",\"state\":\"in-review\"}");
        assertThat(review.status()).as(review.body()).isEqualTo(200);
        int version = review.json().get("version").asInt();
        String[] bad = {"{\"expectedVersion\":%d}", "{\"expectedVersion\":%d,\"note\":\"   \"}",
                "{\"expectedVersion\":%d,\"note\":null}", "{\"expectedVersion\":%d,\"note\":\"why\\u0007\"}",
                "{\"expectedVersion\":%d,\"note\":7}", "{\"expectedVersion\":%d,\"note\":\"" + "x".repeat(2001) + "\"}"};
        for (String body : bad) {
            Api.Answer refused = Api.post(Role.REVIEWER, "/api/cases/" + id + "/escalation", body.formatted(version));
            assertThat(refused.status()).as(body + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.json().at("/fields/note").asText()).as(body).isNotBlank();
        }
        assertThat(Api.post(Role.REVIEWER, "/api/cases/" + id + "/escalation", bad[0].formatted(version)).json()
                .at("/fields/note").asText()).isEqualTo("say why the case needs a higher level");
        var after = Api.get(Role.REVIEWER, "/api/cases/" + id).json();
        assertThat(after.get("version").asInt()).isEqualTo(version);
        assertThat(after.get("level").asText()).isEqualTo("reviewer");

        Api.Answer escalated = Api.post(Role.REVIEWER, "/api/cases/" + id + "/escalation",
                "{\"expectedVersion\":" + version + ",\"note\":\"needs an approver: severe\"}");
        assertThat(escalated.status()).as(escalated.body()).isEqualTo(200);
        assertThat(escalated.json().get("level").asText()).isEqualTo("approver");
    }
}
