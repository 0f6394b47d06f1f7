package org.plumbline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;

/** The public log pages, as someone without an account sees them: browse, filter, and open a record. */
class LogBrowserPagesTest {

    @Test
    void anyoneBrowsesRecordsByEngagementTypeAndPeriod() {
        JsonNode engagement = Api.engagement();
        String reference = engagement.get("reference").asText();
        long id = engagement.get("id").asLong();
        HttpResponse<String> all = TestServer.get("/log/records", Role.PUBLIC);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("id=\"records\"").contains("engagement/" + id);

        HttpResponse<String> mine = TestServer.get("/log/records?engagement=" + reference, Role.PUBLIC);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body()).contains("engagement/" + id).doesNotContain("engagement/" + (id - 1) + "<")
                .doesNotContain("case/");

        HttpResponse<String> declared = TestServer.get("/log/records?type=engagement.declared&engagement=" + reference,
                Role.PUBLIC);
        // (every type is an option of the filter; the table's cells are what was found)
        assertThat(declared.body()).contains("<td class=\"mono\">engagement.declared</td>")
                .doesNotContain("<td class=\"mono\">customer.registered</td>");

        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        assertThat(TestServer.get("/log/records?from=" + today + "&to=" + today + "&engagement=" + reference, Role.PUBLIC).body())
                .contains("engagement/" + id);
        assertThat(TestServer.get("/log/records?from=2001-01-01&to=2001-12-31", Role.PUBLIC).body()).contains("id=\"no-records\"");
    }

    @Test
    void wrongFiltersAreNamedAndPagesGoOlder() {
        HttpResponse<String> bad = TestServer.get("/log/records?type=no.such.type&from=yesterday&engagement=ENG-NOPE", Role.PUBLIC);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"type-error\"").contains("id=\"from-error\"").contains("id=\"engagement-error\"")
                .doesNotContain("\"error\":");
        assertThat(bad.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(TestServer.get("/log/records?before=12x", Role.PUBLIC).statusCode()).isEqualTo(400);

        for (int i = 0; i < LogBrowserPages.PAGE / 2 + 1; i++) {
            Api.engagement();  // two records each: more than one page
        }
        HttpResponse<String> first = TestServer.get("/log/records", Role.PUBLIC);
        assertThat(first.body()).contains("id=\"older\"");
        String older = first.body().replaceAll("(?s).*href=\"/log/records\\?before=(\\d+)\".*", "$1");
        HttpResponse<String> second = TestServer.get("/log/records?before=" + older, Role.PUBLIC);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).doesNotContain(">" + older + "</a>").contains(">" + (Long.parseLong(older) - 1) + "</a>");
    }

    @Test
    void aRecordPageAndTheTransparencyPageArePublicButRevealingIsNot() {
        Api.engagement();
        HttpResponse<String> transparency = TestServer.get("/transparency", Role.PUBLIC);
        assertThat(transparency.statusCode()).isEqualTo(200);
        assertThat(transparency.body()).contains("id=\"browse-records\"");
        HttpResponse<String> record = TestServer.get("/records/0", Role.PUBLIC);
        assertThat(record.statusCode()).isEqualTo(200);
        assertThat(record.body()).contains("id=\"fields\"").doesNotContain("id=\"reveal-");
        HttpResponse<String> reveal = TestServer.send(java.net.http.HttpRequest.newBuilder(TestServer.uri("/records/0/reveal"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", TestServer.get().url())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("field=summary")).build());
        assertThat(reveal.statusCode()).as("revealing needs a signed-in auditor").isIn(302, 303, 401, 403);
    }
}
