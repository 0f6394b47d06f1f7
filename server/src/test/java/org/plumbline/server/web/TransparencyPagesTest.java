package org.plumbline.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plumbline.core.report.Quarter;
import org.plumbline.core.report.ReportException;
import org.plumbline.core.report.ReportVerifier;
import org.plumbline.log.policy.Policy;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;

/**
 * The quarter's transparency report as anyone fetches it from the server with the demo loaded: the JSON file
 * verifies under a policy naming the log's key, the page's numbers are the file's, a number's link lists
 * exactly the records it counts, the current quarter is marked partial, and wrong or hostile parameters are
 * refused or escaped. (The shared test server has no witnesses; {@code WitnessedServerTest} checks a
 * cosigned report under a 2-of-3 policy.)
 */
class TransparencyPagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String quarter;

    @BeforeAll
    static void demo() throws Exception {
        TestServer.get().loadDemo();
        TestServer.get().log().catchUp();
        quarter = Quarter.of(java.time.Instant.now()).toString();
    }

    private static Policy policy() throws Exception {
        return Policy.parse("log " + TestServer.get("/log/vkey", Role.PUBLIC).body().strip() + "\nquorum none\n");
    }

    @Test
    void theDemoQuartersReportVerifiesAndAnAlteredLineDoesNot() throws Exception {
        HttpResponse<byte[]> file = Api.bytes("/transparency/" + quarter + "/report.json");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        ReportVerifier.Verified v = ReportVerifier.verify(file.body(), policy());
        assertThat(v.partial()).as("the quarter under way").isTrue();
        JsonNode report = JSON.readTree(file.body());
        assertThat(count(report, "engagements-declared", null)).isGreaterThanOrEqualTo(3);  // the demo's engagements at least

        String text = new String(file.body(), StandardCharsets.UTF_8);
        String line = text.lines().filter(l -> l.contains("engagement.declared")).findFirst().orElseThrow();
        String altered = text.replace(line, line.replace("\\\"version\\\":1", "\\\"version\\\":2"));
        assertThat(altered).isNotEqualTo(text);
        int lineNo = text.lines().toList().indexOf(line) + 1;
        assertThatThrownBy(() -> ReportVerifier.verify(altered.getBytes(StandardCharsets.UTF_8), policy()))
                .isInstanceOf(ReportException.class).hasMessageStartingWith("line " + lineNo + " (log index ");

        HttpResponse<String> csv = TestServer.get("/transparency/" + quarter + "/report.csv", Role.PUBLIC);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("kind,name,value,index,record,proof\r\n").contains("report,quarter," + quarter + ",");
    }

    @Test
    void thePageShowsTheFilesNumbersAndEachLinksToExactlyItsRecords() throws Exception {
        HttpResponse<String> page = TestServer.get("/transparency", Role.PUBLIC);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(quarter + " (current, partial)").contains("id=\"partial\"").contains("id=\"not-counted\"");
        JsonNode report = JSON.readTree(Api.bytes("/transparency/" + quarter + "/report.json").body());
        Matcher m = Pattern.compile("<a href=\"([^\"]+)\" class=\"figure\" id=\"[^\"]+\" data-figure=\"([^\"]+)\" data-group=\"([^\"]*)\">(\\d+)</a>")
                .matcher(page.body());
        int links = 0;
        while (m.find()) {
            links++;
            String figure = m.group(2);
            String group = m.group(3).isEmpty() ? null : unescape(m.group(3));
            int shown = Integer.parseInt(m.group(4));
            assertThat(shown).as(figure + "[" + group + "]").isEqualTo(count(report, figure, group));
            assertThat(listed(unescape(m.group(1)))).as(figure + "[" + group + "]").isEqualTo(indices(report, figure, group));
        }
        assertThat(links).isGreaterThan(5);

        // Independently of the report's own counting: the engagements declared in the quarter, from the record
        // browser's type and period filter, are the ones the total counts.
        Quarter q = Quarter.parse(quarter);
        long size = report.get("checkpoint").asText().lines().skip(1).mapToLong(Long::parseLong).findFirst().orElseThrow();
        Set<Long> byType = listed("/log/records?type=engagement.declared&from=" + q.start().toString().substring(0, 10)
                + "&to=" + q.lastDay() + "&before=" + size);
        assertThat(byType).isEqualTo(indices(report, "engagements-declared", null)).isNotEmpty();
    }

    @Test
    void aNumberOfMoreThanAPageListsAllItsRecordsPageByPage() throws Exception {
        for (int i = 0; i < LogBrowserPages.PAGE + 2; i++) {
            Api.engagement();
        }
        TestServer.get().log().catchUp();
        // The report is cached and rebuilt for a newer checkpoint only after ten times its last build's duration,
        // so the JSON and the page can come from two builds: read both until they come from the same one.
        JsonNode report;
        Set<Long> counted;
        HttpResponse<String> first;
        long readUntil = System.nanoTime() + 60_000_000_000L;
        do {
            report = JSON.readTree(Api.bytes("/transparency/" + quarter + "/report.json").body());
            counted = indices(report, "engagements-declared", null);
            first = TestServer.get("/log/records?quarter=" + quarter + "&figure=engagements-declared", Role.PUBLIC);
            if (counted.size() > LogBrowserPages.PAGE + 1
                    && first.body().contains(counted.size() + " records counted in " + quarter)) break;
            Thread.sleep(100);
        } while (System.nanoTime() < readUntil);
        assertThat(counted).hasSizeGreaterThan(LogBrowserPages.PAGE + 1);
        assertThat(first.body()).contains("id=\"older\"").contains(counted.size() + " records counted in " + quarter);
        assertThat(listed("/log/records?quarter=" + quarter + "&figure=engagements-declared")).isEqualTo(counted);
        // Other filters narrow a figure's list: the engagement reference leaves its one declaration.
        JsonNode one = Api.engagement();
        long index = one.at("/declaration/logIndex").asLong();
        TestServer.get().log().catchUp();
        // A report is rebuilt for a newer checkpoint only after ten times its last build's duration: wait for it.
        for (long deadline = System.nanoTime() + 60_000_000_000L; System.nanoTime() < deadline; Thread.sleep(100)) {
            JsonNode now = JSON.readTree(Api.bytes("/transparency/" + quarter + "/report.json").body());
            if (indices(now, "engagements-declared", null).contains(index)) break;
        }
        Set<Long> mine = listed("/log/records?quarter=" + quarter + "&figure=engagements-declared&engagement="
                + one.get("reference").asText());
        assertThat(mine).containsExactly(index);
    }

    @Test
    void wrongAndHostileParametersAreRefusedOrEscaped() {
        assertThat(TestServer.get("/transparency?quarter=2026-Q5", Role.PUBLIC).statusCode()).isEqualTo(400);
        assertThat(TestServer.get("/transparency?quarter=1999-Q1", Role.PUBLIC).statusCode()).isEqualTo(404);
        assertThat(TestServer.get("/transparency/2999-Q1/report.json", Role.PUBLIC).statusCode()).isEqualTo(404);
        HttpResponse<String> xss = TestServer.get("/transparency?quarter=%3Cscript%3Ealert(1)%3C/script%3E", Role.PUBLIC);
        assertThat(xss.statusCode()).isEqualTo(400);
        assertThat(xss.body()).doesNotContain("<script>alert(1)");
        HttpResponse<String> group = TestServer.get("/log/records?quarter=" + quarter
                + "&figure=engagements-declared-by-purpose&group=%3Cimg%20src=x%20onerror=alert(1)%3E%0D%0A", Role.PUBLIC);
        assertThat(group.statusCode()).isEqualTo(200);
        assertThat(group.body()).contains("id=\"no-records\"").doesNotContain("<img src=x");
        HttpResponse<String> figure = TestServer.get("/log/records?quarter=" + quarter + "&figure=%3Cb%3Enope", Role.PUBLIC);
        assertThat(figure.statusCode()).isEqualTo(400);
        assertThat(figure.body()).contains("id=\"figure-error\"").doesNotContain("<b>nope");
        assertThat(TestServer.get("/log/records?quarter=" + quarter + "&figure=engagements-declared&group=x", Role.PUBLIC).statusCode())
                .as("a total has no groups").isEqualTo(400);
    }

    @Test
    void parallelAnonymousRequestsShareOneReport() throws Exception {
        TestServer.get().log().catchUp();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> Api.bytes("/transparency/" + quarter + "/report.json")));
            }
            // Every request for one published checkpoint gets the one report cached for it. (Something in the
            // background — a scan raising findings, a deadline — may log and publish a newer checkpoint meanwhile:
            // then the later requests get that one's report.)
            Map<String, Set<String>> bodiesByCheckpoint = new java.util.HashMap<>();
            for (Future<HttpResponse<byte[]>> a : answers) {
                assertThat(a.get().statusCode()).isEqualTo(200);
                String body = new String(a.get().body(), StandardCharsets.UTF_8);
                String checkpoint = JSON.readTree(body).get("checkpoint").asText();
                bodiesByCheckpoint.computeIfAbsent(checkpoint, c -> new TreeSet<>()).add(body);
            }
            assertThat(bodiesByCheckpoint.values()).allSatisfy(bodies -> assertThat(bodies).hasSize(1));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The log indices the record browser lists at {@code path}, following "older" pages. */
    static Set<Long> listed(String path) {
        Set<Long> out = new TreeSet<>();
        String next = path;
        for (int pages = 0; next != null && pages < 100; pages++) {
            HttpResponse<String> r = TestServer.get(next, Role.PUBLIC);
            assertThat(r.statusCode()).as(next).isEqualTo(200);
            Matcher m = Pattern.compile("id=\"record-(\\d+)\"").matcher(r.body());
            while (m.find()) out.add(Long.parseLong(m.group(1)));
            Matcher older = Pattern.compile("href=\"(/log/records\\?before=[^\"]+)\" id=\"older\"").matcher(r.body());
            next = older.find() ? unescape(older.group(1)) : null;
        }
        return out;
    }

    static int count(JsonNode report, String figure, String group) {
        return indices(report, figure, group).size();
    }

    static Set<Long> indices(JsonNode report, String figure, String group) {
        Set<Long> out = new TreeSet<>();
        for (JsonNode f : report.get("figures")) {
            if (f.get("figure").asText().equals(figure) && (group == null ? f.get("group").isNull() : group.equals(f.get("group").asText()))) {
                f.get("indices").forEach(i -> out.add(i.asLong()));
            }
        }
        return out;
    }

    static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">");
    }
}
