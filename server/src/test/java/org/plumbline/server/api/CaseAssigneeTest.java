package org.plumbline.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;

/** A case is assigned to someone who can work it: an account that exists and is not disabled. */
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
}
