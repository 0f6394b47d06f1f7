package org.plumbline.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;

/** API answers hold cases, users and evidence: no cache (browser or proxy) may keep them; the public log may. */
class CacheControlTest {
    @Test
    void apiAnswersAreNotStoredButThePublicLogIsCacheable() {
        Map<String, Role> noStore = Map.of(
                "/api/cases", Role.REVIEWER,
                "/api/users", Role.ADMIN,
                "/api/engagements", Role.REVIEWER,
                "/api/session", Role.REVIEWER,
                "/api/findings", Role.REVIEWER,
                "/api/cases/999999999", Role.REVIEWER,          // a 404
                "/api/cases/999999999/evidence/00", Role.REVIEWER,
                "/api/no-such-endpoint", Role.REVIEWER);
        noStore.forEach((path, role) -> {
            HttpResponse<String> r = TestServer.get(path, role);
            assertThat(r.headers().firstValue("Cache-Control")).as(path + " (" + r.statusCode() + ")").hasValue("no-store");
        });
        // A real evidence download, the most sensitive of them.
        long engagement = Api.engagement().get("id").asLong();
        Api.Answer opened = Api.post(Role.REVIEWER, "/api/cases", """
                {"engagementId":%d,"origin":"manual","title":"Cache test","summary":"Confidential.","confidential":true}"""
                .formatted(engagement));
        String base = "/api/cases/" + opened.json().get("id").asLong();
        String boundary = "----cache";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nmeters\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                + "a,b\r\n--" + boundary + "--\r\n";
        HttpResponse<String> up = TestServer.send(HttpRequest.newBuilder(TestServer.uri(base + "/evidence"))
                .header("Authorization", "Bearer " + TestServer.token(Role.REVIEWER))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart)).build());
        String download = Api.parse(up).json().get("download").asText();
        HttpResponse<String> evidence = TestServer.get(download, Role.REVIEWER);
        assertThat(evidence.statusCode()).isEqualTo(200);
        assertThat(evidence.headers().firstValue("Cache-Control")).as(download).hasValue("no-store");

        HttpResponse<String> anonymous = TestServer.get("/api/cases", Role.PUBLIC);
        assertThat(anonymous.headers().firstValue("Cache-Control")).as("401").hasValue("no-store");

        assertThat(TestServer.get("/log/vkey", Role.PUBLIC).headers().firstValue("Cache-Control").orElse(""))
                .doesNotContain("no-store");
    }
}
