package org.plumbline.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;
import org.plumbline.server.http.LogSafe;

/**
 * Control characters in names and case fields: a NUL cannot be stored (it used to give 500) and a line
 * break would forge lines in the application log. They are refused with a 400 naming the field.
 */
class ControlCharacterTest {

    @Test
    void controlCharactersInACaseOrAUserAreRefusedByField() {
        long engagementId = Api.engagement().get("id").asLong();
        Api.Answer nul = Api.post(Role.REVIEWER, "/api/cases", """
                {"engagementId":%d,"origin":"finding","originRef":"r","title":"t\\u0000","summary":"s\\u0000","confidential":true}"""
                .formatted(engagementId));
        assertThat(nul.status()).as(nul.body()).isEqualTo(400);
        assertThat(nul.json().get("fields").fieldNames()).toIterable().contains("title", "summary");
        // A summary is multi-line text: line breaks are fine, a NUL or an escape character is not.
        Api.Answer ok = Api.post(Role.REVIEWER, "/api/cases", """
                {"engagementId":%d,"origin":"finding","originRef":"r","title":"t","summary":"line one\\nline two","confidential":true}"""
                .formatted(engagementId));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        String base = "/api/cases/" + ok.json().get("id").asLong();
        Api.Answer comment = Api.post(Role.REVIEWER, base + "/comments", "{\"body\":\"x\\u001b[2J\"}");
        assertThat(comment.status()).as(comment.body()).isEqualTo(400);
        assertThat(comment.json().get("fields").fieldNames()).toIterable().contains("body");

        String forged = "ctl-" + Api.unique();
        Api.Answer user = Api.post(Role.ADMIN, "/api/users", """
                {"username":"%s\\n12:00:00.000 INFO forged","displayName":"A\\u0000B","role":"auditor","password":"long enough password"}"""
                .formatted(forged));
        assertThat(user.status()).as(user.body()).isEqualTo(400);
        assertThat(user.json().get("fields").fieldNames()).toIterable().contains("username", "displayName");
        Api.Answer session = Api.post(Role.PUBLIC, "/api/session",
                "{\"username\":\"" + forged + "\\u0000\\n12:00:00.000 INFO forged\",\"password\":\"whatever\"}");
        assertThat(session.status()).as(session.body()).isEqualTo(400);
    }

    @Test
    void controlCharactersInACustomerOrADeclarationAreRefusedByField() {
        Api.Answer customer = Api.post(Role.ACCOUNT_MANAGER, "/api/customers",
                "{\"name\":\"Ministry\\u0000 of Nulls\",\"kind\":\"ministry\",\"country\":\"NL\"}");
        assertThat(customer.status()).as(customer.body()).isEqualTo(400);
        assertThat(customer.json().get("fields").fieldNames()).toIterable().contains("name");

        String u = Api.unique();
        Api.Answer good = Api.post(Role.ACCOUNT_MANAGER, "/api/customers",
                "{\"name\":\"Ministry of Controls " + u + "\",\"kind\":\"ministry\",\"country\":\"NL\"}");
        assertThat(good.status()).as(good.body()).isEqualTo(201);
        long customerId = good.json().get("id").asLong();
        String declaration = Api.DECLARATION.formatted(u)
                .replace("\"MSA-" + u + "\"", "\"MSA-" + u + "\\u0000\"")
                .replace("customer's CISO.", "customer's CISO.\\u001b[2J")
                .replace("\"Amara Okafor\"", "\"Amara\\nOkafor\"");
        Api.Answer engagement = Api.post(Role.ACCOUNT_MANAGER, "/api/engagements",
                "{\"customerId\":" + customerId + ",\"reference\":\"ENG-C-" + u + "\"," + declaration + "}");
        assertThat(engagement.status()).as(engagement.body()).isEqualTo(400);
        assertThat(engagement.json().get("fields").fieldNames()).toIterable()
                .contains("contractReference", "attestation.statement", "attestation.accountManager");
    }

    @Test
    void loggedErrorsEscapeControlCharacters() throws Exception {
        assertThat(LogSafe.escape("a\nb\u0000c")).isEqualTo("a\\u000ab\\u0000c");
        Throwable logged = LogSafe.escaped(new IllegalStateException("bad\n12:00:00.000 INFO forged",
                new IllegalArgumentException("x\ry")));
        assertThat(logged.getMessage()).isEqualTo("java.lang.IllegalStateException: bad\\u000a12:00:00.000 INFO forged");
        assertThat(logged.getCause().getMessage()).isEqualTo("java.lang.IllegalArgumentException: x\\u000dy");
        assertThat(logged.getStackTrace()).isNotEmpty();
        assertThat(Files.readString(Path.of("target", "test-logs", "server.log"))).doesNotContain("INFO forged");
    }
}
