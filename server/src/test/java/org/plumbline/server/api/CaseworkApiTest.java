package org.plumbline.server.api;

import org.plumbline.server.http.Json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.plumbline.core.domain.DirectiveSigner;
import org.plumbline.core.record.LogRecord;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.auth.Role;

/** The whole case workflow through the JSON API, as the roles that do each step. */
class CaseworkApiTest {
    @Test
    void fromDeclarationToAcknowledgedDirective() throws Exception {
        JsonNode engagement = Api.engagement();
        long engagementId = engagement.get("id").asLong();
        List<String> accounts = new ArrayList<>();
        engagement.at("/declaration/declaration/accounts").forEach(a -> accounts.add(a.asText()));
        assertThat(engagement.get("version").asInt()).isEqualTo(1);
        assertThat(engagement.get("history")).hasSize(1);

        Api.Answer opened = Api.post(Role.REVIEWER, "/api/cases", """
                {"engagementId":%d,"origin":"finding","originRef":"speech-to-text-volume","title":"Audio transcription at scale",
                 "summary":"Declared cyber-defence, but 300k audio-hours/day of speech-to-text.","confidential":true}"""
                .formatted(engagementId));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        long caseId = opened.json().get("id").asLong();
        int version = opened.json().get("version").asInt();
        String base = "/api/cases/" + caseId;

        // Field-level validation: every bad field is named.
        Api.Answer bad = Api.post(Role.REVIEWER, base + "/assessments",
                "{\"expectedVersion\":" + version + ",\"scale\":9,\"scope\":\"x\",\"leverage\":\"total\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("fields").fieldNames()).toIterable()
                .contains("scale", "scope", "irremediability", "likelihood", "leverage", "relation", "rationale");

        Api.Answer moved = Api.post(Role.REVIEWER, base + "/state",
                "{\"expectedVersion\":" + version + ",\"state\":\"in-review\",\"note\":\"starting review\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        int v2 = moved.json().get("version").asInt();

        // A change against a stale version is a conflict.
        Api.Answer stale = Api.post(Role.REVIEWER, base + "/state",
                "{\"expectedVersion\":" + version + ",\"state\":\"closed\"}");
        assertThat(stale.status()).isEqualTo(409);

        Api.Answer assessed = Api.post(Role.REVIEWER, base + "/assessments", """
                {"expectedVersion":%d,"scale":5,"scope":4,"irremediability":5,"likelihood":2,"leverage":"high",
                 "relation":"contribute","rationale":"Mass processing of intercepted calls would be grave and irreversible."}"""
                .formatted(v2));
        assertThat(assessed.status()).as(assessed.body()).isEqualTo(201);
        assertThat(assessed.json().get("severity").asInt()).isEqualTo(5);

        // Evidence upload (multipart) and download.
        byte[] file = ("metering summary " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String boundary = "----plumbline" + UUID.randomUUID();
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n"
                + "Monthly speech-to-text meter totals\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"meters.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                + new String(file, StandardCharsets.UTF_8) + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> up = TestServer.send(HttpRequest.newBuilder(TestServer.uri(base + "/evidence"))
                .header("Authorization", "Bearer " + TestServer.token(Role.REVIEWER))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart)).build());
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        JsonNode evidence = Json.MAPPER.readTree(up.body());
        assertThat(evidence.get("size").asLong()).isEqualTo(file.length);
        HttpResponse<byte[]> down = java.net.http.HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(TestServer.uri(evidence.get("download").asText()))
                        .header("Authorization", "Bearer " + TestServer.token(Role.AUDITOR)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(down.body()).isEqualTo(file);
        assertThat(down.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");

        assertThat(Api.post(Role.APPROVER, base + "/comments", "{\"body\":\"Ask the account team for the usage report.\"}")
                .status()).isEqualTo(201);

        // A reviewer may not decide a severe case; the escalation policy names the field.
        JsonNode current = Api.get(Role.REVIEWER, base).json();
        String suspend = """
                {"expectedVersion":%d,"kind":"suspend","accounts":["%s"],"services":["Speech to Text"],
                 "rationale":"Usage contradicts the declared purpose."}""";
        Api.Answer tooLow = Api.post(Role.REVIEWER, base + "/decision",
                suspend.formatted(current.get("version").asInt(), accounts.get(0)));
        assertThat(tooLow.status()).as(tooLow.body()).isEqualTo(400);

        Api.Answer escalated = Api.post(Role.REVIEWER, base + "/escalation",
                "{\"expectedVersion\":" + current.get("version").asInt() + ",\"note\":\"severity 5\"}");
        assertThat(escalated.status()).as(escalated.body()).isEqualTo(200);
        // An approver is not enough for a severity-5 case either: it needs the leadership rung.
        Api.Answer approverOnly = Api.post(Role.APPROVER, base + "/decision",
                suspend.formatted(escalated.json().get("version").asInt(), accounts.get(0)));
        assertThat(approverOnly.status()).isEqualTo(400);
        assertThat(approverOnly.json().at("/fields/deciderLevel").asText()).contains("leadership");
        Api.Answer decided = Api.postWithToken(TestServer.leadershipToken(), base + "/decision",
                suspend.formatted(escalated.json().get("version").asInt(), accounts.get(0)));
        assertThat(decided.status()).as(decided.body()).isEqualTo(201);

        // The enforcement system finds the directive after its cursor, checks the signature, acknowledges.
        JsonNode key = Api.get(Role.ENFORCEMENT_SYSTEM, "/api/directives/public-key").json();
        JsonNode page = Api.get(Role.ENFORCEMENT_SYSTEM, "/api/directives?since=-1&limit=500").json();
        JsonNode directive = null;
        for (JsonNode d : page.get("directives")) {
            if (d.get("engagementId").asLong() == engagementId) {
                directive = d;
            }
        }
        assertThat(directive).isNotNull();
        assertThat(directive.get("services").get(0).asText()).isEqualTo("Speech to Text");
        assertThat(DirectiveSigner.verify(java.util.Base64.getDecoder().decode(key.get("publicKey").asText()),
                java.util.Base64.getDecoder().decode(directive.get("payload").asText()),
                java.util.Base64.getDecoder().decode(directive.get("signature").asText()))).isTrue();
        long cursor = directive.get("cursor").asLong();
        JsonNode after = Api.get(Role.ENFORCEMENT_SYSTEM, "/api/directives?since=" + cursor).json();
        after.get("directives").forEach(d -> assertThat(d.get("cursor").asLong()).isGreaterThan(cursor));

        String ackPath = "/api/directives/" + directive.get("id").asLong() + "/acknowledgement";
        Api.Answer ack = Api.post(Role.ENFORCEMENT_SYSTEM, ackPath, "{\"outcome\":\"applied\",\"detail\":\"disabled\"}");
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.json().at("/acknowledgement/outcome").asText()).isEqualTo("applied");
        assertThat(Api.post(Role.ENFORCEMENT_SYSTEM, ackPath, "{\"outcome\":\"applied\"}").status()).isEqualTo(409);

        // The case page shows it all, and its records are in the log.
        JsonNode full = Api.get(Role.APPROVER, base).json();
        assertThat(full.get("state").asText()).isEqualTo("decided");
        assertThat(full.get("evidence")).hasSize(1);
        assertThat(full.get("comments")).hasSize(1);
        assertThat(full.at("/decision/kind").asText()).isEqualTo("suspend");
        long decisionIndex = full.at("/decision/logIndex").asLong();
        byte[] record = Api.bytes("/api/records/" + decisionIndex).body();
        assertThat(LogRecord.parse(record).type()).isEqualTo("decision.made");

        // Its proof verifies offline against a policy that trusts only the log's key.
        var proof = Api.bytes("/api/records/" + decisionIndex + "/proof");
        assertThat(proof.statusCode()).isEqualTo(200);
        assertThat(proof.headers().firstValue("Content-Disposition").orElse("")).contains(".tlog-proof");
        String vkey = TestServer.get("/log/vkey", Role.PUBLIC).body().strip();
        var policy = org.plumbline.log.policy.Policy.parse("log " + vkey + "\nquorum none\n");
        var checkpoint = org.plumbline.log.proof.TlogProof.verify(proof.body(), record, policy);
        assertThat(checkpoint.size()).isGreaterThan(decisionIndex);
        byte[] tampered = record.clone();
        tampered[tampered.length - 2] ^= 1;
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> org.plumbline.log.proof.TlogProof.verify(proof.body(), tampered, policy))
                .isInstanceOf(org.plumbline.log.proof.ProofVerificationException.class);
    }

    @Test
    void readingAConfidentialCaseIsLoggedAndInvestigatorsSeeOnlyTheirCases() throws Exception {
        long engagementId = Api.engagement().get("id").asLong();
        String body = """
                {"engagementId":%d,"origin":"concern","title":"Concern %s","summary":"Names of sources","confidential":true}""";
        long mine = Api.post(Role.REVIEWER, "/api/cases", body.formatted(engagementId, Api.unique())).json().get("id").asLong();
        JsonNode other = Api.post(Role.REVIEWER, "/api/cases", body.formatted(engagementId, Api.unique())).json();
        long others = other.get("id").asLong();

        String investigator = "matrix-external-investigator";
        JsonNode mineCase = Api.get(Role.REVIEWER, "/api/cases/" + mine).json();
        Api.Answer assigned = Api.post(Role.REVIEWER, "/api/cases/" + mine + "/assignment",
                "{\"expectedVersion\":" + mineCase.get("version").asInt() + ",\"assignee\":\"" + investigator + "\"}");
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);

        assertThat(Api.get(Role.EXTERNAL_INVESTIGATOR, "/api/cases/" + mine).status()).isEqualTo(200);
        assertThat(Api.get(Role.EXTERNAL_INVESTIGATOR, "/api/cases/" + others).status()).isEqualTo(404);
        assertThat(Api.post(Role.EXTERNAL_INVESTIGATOR, "/api/cases/" + others + "/comments", "{\"body\":\"x\"}").status())
                .isEqualTo(404);
        List<Long> listed = new ArrayList<>();
        Api.get(Role.EXTERNAL_INVESTIGATOR, "/api/cases").json().forEach(c -> listed.add(c.get("id").asLong()));
        assertThat(listed).contains(mine).doesNotContain(others);

        // Each reading of the confidential case left a case.read record naming the reader by
        // account identifier (user/<id>), not by account name.
        String readerActor = Principal.actorOf(TestServer.get().users().byUsername(investigator).orElseThrow().id());
        var records = TestServer.get().core().records();
        long reads = records.forSubject("case/" + mine).stream()
                .filter(r -> r.type().equals("case.read") && r.actor().equals(readerActor)).count();
        assertThat(reads).isEqualTo(1);
        var entries = TestServer.get().core().entries();
        long byName = entries.read(0, Math.toIntExact(entries.count())).stream()
                .filter(r -> new String(r, java.nio.charset.StandardCharsets.UTF_8).contains(investigator)).count();
        assertThat(byName).as("records naming the investigator's account in the clear").isZero();
    }

    @Test
    void anAuditorCanRevealACommittedFieldAndTheRevealIsLogged() throws Exception {
        JsonNode engagement = Api.engagement();
        long index = engagement.at("/declaration/logIndex").asLong();
        LogRecord logged = LogRecord.parse(Api.bytes("/api/records/" + index).body());
        assertThat(logged.commitments()).isNotEmpty();
        String field = logged.commitments().keySet().iterator().next();

        assertThat(Api.post(Role.REVIEWER, "/api/records/" + index + "/reveal", "{\"field\":\"" + field + "\"}").status())
                .isEqualTo(403);
        Api.Answer reveal = Api.post(Role.AUDITOR, "/api/records/" + index + "/reveal", "{\"field\":\"" + field + "\"}");
        assertThat(reveal.status()).as(reveal.body()).isEqualTo(200);
        assertThat(reveal.json().get("verified").asBoolean()).isTrue();
        assertThat(reveal.json().get("commitment").asText()).isEqualTo(logged.commitments().get(field));
        Api.Answer unknown = Api.post(Role.AUDITOR, "/api/records/" + index + "/reveal", "{\"field\":\"nope\"}");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void amendingAgainstAStaleVersionIsAConflict() {
        JsonNode engagement = Api.engagement();
        long id = engagement.get("id").asLong();
        String u = Api.unique();
        String amendment = "{\"expectedVersion\":1," + Api.DECLARATION.formatted(u) + "}";
        Api.Answer first = Api.post(Role.ACCOUNT_MANAGER, "/api/engagements/" + id + "/amendments", amendment);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("history")).hasSize(2);
        assertThat(Api.post(Role.ACCOUNT_MANAGER, "/api/engagements/" + id + "/amendments", amendment).status())
                .isEqualTo(409);
        Api.Answer invalid = Api.post(Role.ACCOUNT_MANAGER, "/api/engagements/" + id + "/amendments",
                "{\"expectedVersion\":2,\"purposes\":[\"espionage\"]}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("fields").has("purposes[0]")).isTrue();
        assertThat(invalid.json().get("fields").has("accounts")).isTrue();
    }
}
