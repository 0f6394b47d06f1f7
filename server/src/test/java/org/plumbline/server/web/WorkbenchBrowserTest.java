package org.plumbline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.plumbline.core.domain.Finding;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;
import org.plumbline.signals.cases.FindingRaiser;

/**
 * The reviewers' workbench in headless Chromium, as each role walks it (issue 15): confirmations after every
 * case action, people by name, escalation with a reason, who may decide, assignment from a list, the dashboard's
 * ranking by findings, and an external investigator's findings without links they may not follow.
 */
class WorkbenchBrowserTest {
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        TestServer.get().loadDemo();
        browser = new Browser(TestServer.get().url());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void signedOut() {
        // Each test starts as nobody, whatever the one before left behind.
        browser.open("/login");
        browser.driver.manage().deleteAllCookies();
    }

    /** On failure, the page as it was, for the reader of the report. */
    private void keepPage(String name) {
        try {
            browser.screenshot("failure-" + name);
            Files.writeString(Path.of("target", "screenshots", "failure-" + name + ".html"), browser.driver.getPageSource());
        } catch (Exception ignored) {
            // the test's own failure is the one to report
        }
    }

    private static JsonNode openCase(long engagement, String title) {
        Api.Answer opened = Api.post(Role.REVIEWER, "/api/cases", """
                {"engagementId":%d,"origin":"manual","title":"%s","summary":"Working the case in the browser.","assignee":"matrix-reviewer"}"""
                .formatted(engagement, title));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json();
    }

    private static String actorOf(String username) {
        return "user/" + TestServer.get().users().byUsername(username).orElseThrow().id();
    }

    @Test
    void aReviewerWorksACaseAndEveryActionConfirmsByName() {
        Browser b = browser;
        try {
            long engagement = Api.engagement().get("id").asLong();
            JsonNode c = openCase(engagement, "Workbench " + Api.unique());
            String url = "/cases/" + c.get("id").asLong();
            b.signIn("matrix-reviewer", TestServer.PASSWORD);
            b.open(url);
            // People by name, not by record id, on the staff's page.
            assertThat(b.byId("case-assignee").getText()).isEqualTo("Matrix reviewer");
            assertThat(b.byId("timeline").getText()).contains("opened by Matrix reviewer").doesNotContain("user/");

            // The confirmation shows: the message travels in the query, before the fragment.
            b.submit("start-review");
            assertThat(b.byId("flash").getText()).isEqualTo("Case moved");
            assertThat(b.driver.getCurrentUrl()).matches(".*" + url + "\\?done=[^#]+#state$");
            assertThat(b.byId("case-state").getText()).isEqualTo("in review");

            // Escalating without a reason is refused next to the field, and nothing moves.
            b.submit("escalate");
            assertThat(b.byId("escalation-note-error").getText()).isEqualTo("say why the case needs a higher level");
            assertThat(b.byId("case-state").getText()).isEqualTo("in review");
            b.type("escalation-note", "Unassessed but about bulk audio: an approver should see it.");
            b.submit("escalate");
            assertThat(b.byId("flash").getText()).isEqualTo("Case escalated");
            assertThat(b.byId("case-state").getText()).isEqualTo("escalated");
            assertThat(b.byId("timeline").getText()).contains("by Matrix reviewer: Unassessed but about bulk audio");

            // Assignment from the people who may work cases: no auditor, machine or admin is offered.
            List<String> offered = b.driver.findElements(By.cssSelector("#assignee option")).stream()
                    .map(o -> o.getDomAttribute("value")).toList();
            assertThat(offered).contains("matrix-reviewer", "matrix-approver", "matrix-external-investigator", "matrix-leadership")
                    .doesNotContain("matrix-auditor", "matrix-enforcement-system", "matrix-admin", "matrix-account-manager");
            b.select("assignee", "matrix-external-investigator");
            b.submit("assign");
            assertThat(b.byId("flash").getText()).isEqualTo("Case assigned");
            assertThat(b.byId("case-assignee").getText()).isEqualTo("Matrix external-investigator");

            // At approver level a reviewer is told who decides, and offered no decision they would be refused.
            assertThat(b.byId("decision-needs").getText()).isEqualTo("approver level");
            assertThat(b.byId("decision-deciders").getText()).contains("Matrix approver").contains("Matrix leadership")
                    .doesNotContain("Matrix reviewer");
            assertThat(b.byId("decision-mine").getText()).contains("You decide at reviewer level").contains("cannot decide");
            assertThat(b.driver.findElements(By.id("decision-form"))).isEmpty();
            ((org.openqa.selenium.JavascriptExecutor) b.driver).executeScript("arguments[0].scrollIntoView()", b.byId("decide"));
            b.screenshot("20-case-decision-who");
            b.signOut();

            // An approver takes it to leadership (with a reason); then only leadership may decide, and is offered the form.
            b.signIn("matrix-approver", TestServer.PASSWORD);
            b.open(url);
            b.type("escalation-note", "Possible mass surveillance: leadership decides.");
            b.submit("escalate");
            assertThat(b.byId("flash").getText()).isEqualTo("Case escalated");
            assertThat(b.driver.findElements(By.id("escalate"))).as("no escalation past the top").isEmpty();
            assertThat(b.byId("decision-needs").getText()).isEqualTo("leadership level");
            assertThat(b.byId("decision-deciders").getText()).contains("Matrix leadership").doesNotContain("Matrix approver");
            assertThat(b.driver.findElements(By.id("decision-form"))).isEmpty();
            b.signOut();
            b.signIn("matrix-leadership", TestServer.PASSWORD);
            b.open(url);
            assertThat(b.driver.findElements(By.cssSelector("#kind option"))).extracting(o -> o.getDomAttribute("value"))
                    .containsExactly("", "no-action", "conditions", "suspend", "terminate");
            b.select("kind", "no-action");
            b.type("decision-rationale", "Explained by the customer's statement.");
            b.submit("decide-submit");
            assertThat(b.byId("flash").getText()).isEqualTo("Decision recorded");
            assertThat(b.byId("decision").getText()).contains("Matrix leadership at leadership level");
            b.signOut();
        } catch (RuntimeException | AssertionError e) {
            keepPage("workbench-case");
            throw e;
        }
    }

    @Test
    void aRecordNamesItsActorForStaffAndKeepsTheIdInPublic() {
        Browser b = browser;
        JsonNode c = openCase(Api.engagement().get("id").asLong(), "Record names " + Api.unique());
        long index = c.get("logIndex").asLong();
        b.open("/records/" + index);
        assertThat(b.byId("record-actor").getText()).isEqualTo(actorOf("matrix-reviewer"));
        b.signIn("matrix-auditor", TestServer.PASSWORD);
        b.open("/records/" + index);
        assertThat(b.byId("record-actor").getText()).isEqualTo("Matrix reviewer");
        b.signOut();
    }

    @Test
    void theDashboardRanksAnUnassessedCaseWithACriticalFindingFirstAndTheInvestigatorSeesItsFindings() {
        Browser b = browser;
        try {
            String u = Api.unique();
            JsonNode e = Api.engagement();
            String account = e.at("/declaration/declaration/accounts/0").asText(e.at("/declaration/accounts/0").asText());
            LocalDate end = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
            FindingRaiser raiser = new FindingRaiser(TestServer.get().core());
            raiser.accept(new Finding(Finding.keyOf("bulk-communications-processing", account, "westeurope", end.minusDays(29), end),
                    "bulk-communications-processing", "Bulk communications processing " + u, "critical", account,
                    e.get("reference").asText(), "westeurope", end.minusDays(29), end, Map.of("storage_tb", 900.0),
                    "storage grew on " + account));
            long critical = raiser.raised().get(0).finding().caseId();
            long findingId = raiser.raised().get(0).finding().id();

            // A case assessed at severity 4, due sooner, that the old ranking put first.
            JsonNode assessed = openCase(Api.engagement().get("id").asLong(), "Assessed " + u);
            long aid = assessed.get("id").asLong();
            JsonNode moved = Api.post(Role.REVIEWER, "/api/cases/" + aid + "/state",
                    "{\"expectedVersion\":" + assessed.get("version").asInt() + ",\"state\":\"in-review\"}").json();
            Api.Answer assess = Api.post(Role.REVIEWER, "/api/cases/" + aid + "/assessments", """
                    {"expectedVersion":%d,"scale":4,"scope":2,"irremediability":2,"likelihood":3,"leverage":"high",
                     "relation":"contribute","rationale":"serious"}""".formatted(moved.get("version").asInt()));
            assertThat(assess.status()).as(assess.body()).isEqualTo(201);

            b.signIn("matrix-approver", TestServer.PASSWORD);
            b.open("/");
            List<WebElement> rows = b.driver.findElements(By.cssSelector("#open-cases tbody tr"));
            List<String> links = rows.stream().map(r -> r.findElement(By.cssSelector("a")).getDomAttribute("href")).toList();
            assertThat(links).contains("/cases/" + critical, "/cases/" + aid);
            assertThat(links.indexOf("/cases/" + critical)).isLessThan(links.indexOf("/cases/" + aid));
            assertThat(rows.get(links.indexOf("/cases/" + critical)).findElement(By.cssSelector(".case-severity")).getText())
                    .contains("unassessed").contains("critical finding");
            b.screenshot("21-dashboard-ranked");
            b.signOut();

            // Given to the external investigator: they see the case's findings, and no link they may not follow.
            JsonNode cur = Api.get(Role.REVIEWER, "/api/cases/" + critical).json();
            Api.Answer assigned = Api.post(Role.REVIEWER, "/api/cases/" + critical + "/assignment",
                    "{\"expectedVersion\":" + cur.get("version").asInt() + ",\"assignee\":\"matrix-external-investigator\"}");
            assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
            b.signIn("matrix-external-investigator", TestServer.PASSWORD);
            for (String page : new String[] {"/", "/findings", "/cases/" + critical, "/findings/" + findingId}) {
                b.open(page);
                assertThat(b.driver.findElements(By.cssSelector("a[href^='/engagements']"))).as(page).isEmpty();
            }
            b.open("/findings");
            assertThat(b.find("#finding-list").getText()).contains("Bulk communications processing " + u)
                    .contains(e.get("reference").asText());
            assertThat(b.driver.findElements(By.id("no-findings"))).isEmpty();
            b.open("/cases/" + critical);
            assertThat(b.find(".engagement-ref").getText()).isEqualTo(e.get("reference").asText());
            b.find("#case-findings a").click();
            assertThat(b.find("h1").getText()).contains("Bulk communications processing " + u);
            assertThat(b.text()).doesNotContain("Not allowed");
            b.screenshot("22-investigator-finding");
            b.signOut();
        } catch (RuntimeException | AssertionError e) {
            keepPage("workbench-ranking");
            throw e;
        }
    }

    @Test
    void directivesAndCasesLinkBothWaysAndAnEngagementLeadsToItsEarlierCases() throws Exception {
        Browser b = browser;
        try {
            b.signIn("matrix-approver", TestServer.PASSWORD);
            b.open("/directives");
            assertThat(b.byId("directive-table").getDomAttribute("aria-live")).isEqualTo("polite");
            WebElement row = b.driver.findElements(By.cssSelector("#directive-list tbody tr")).stream()
                    .filter(r -> r.getText().contains(org.plumbline.server.demo.DemoScenario.REVIEWED_ENGAGEMENT)).findFirst().orElseThrow();
            String id = row.getDomAttribute("id").replace("directive-", "");
            assertThat(row.findElement(By.cssSelector("a.directive-number")).getDomAttribute("href")).isEqualTo("/directives#directive-" + id);
            String caseLink = row.findElement(By.cssSelector("a.directive-case")).getDomAttribute("href");
            assertThat(caseLink).matches("/cases/\\d+");
            b.open(caseLink);
            assertThat(b.byId("directive-link").getDomAttribute("href")).isEqualTo("/directives#directive-" + id);

            // The list filters, and its refresh keeps the filter.
            b.open("/directives");
            b.type("q", org.plumbline.server.demo.DemoScenario.REVIEWED_ENGAGEMENT);
            b.submit("filter-directives");
            // The table swaps itself every few seconds: read it in one retried step.
            List<String> rows = new org.openqa.selenium.support.ui.WebDriverWait(b.driver, java.time.Duration.ofSeconds(20))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> d.findElements(By.cssSelector("#directive-list tbody tr")).stream().map(WebElement::getText).toList());
            assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r).contains(org.plumbline.server.demo.DemoScenario.REVIEWED_ENGAGEMENT));
            assertThat(b.byId("directive-table").getDomAttribute("hx-get")).isEqualTo("/directives?q=" + org.plumbline.server.demo.DemoScenario.REVIEWED_ENGAGEMENT);
            b.byId("directives-csv").click();
            Path csvFile = b.downloaded("directives.csv");
            List<String> csvLines = Files.readAllLines(csvFile);
            assertThat(csvLines).hasSize(rows.size() + 1);
            assertThat(csvLines.subList(1, csvLines.size())).allSatisfy(l -> assertThat(l).contains(org.plumbline.server.demo.DemoScenario.REVIEWED_ENGAGEMENT));
            Files.delete(csvFile);
            b.open("/directives?state=lost");
            assertThat(b.text()).contains("These filters are not valid: state (one of waiting, overdue, applied, failed).");

            long engagement = Api.engagement().get("id").asLong();
            long first = openCase(engagement, "First look " + Api.unique()).get("id").asLong();
            long second = openCase(engagement, "Second look " + Api.unique()).get("id").asLong();
            b.open("/cases/" + second);
            assertThat(b.byId("earlier-cases").findElements(By.tagName("a"))).extracting(a -> a.getDomAttribute("href"))
                    .containsExactly("/cases/" + first);
            b.open("/cases/" + first);
            assertThat(b.driver.findElements(By.id("earlier-cases"))).isEmpty();
            b.open("/engagements/" + engagement);
            assertThat(b.find("#cases").getText()).contains("#" + first).contains("#" + second);
            b.signOut();
        } catch (RuntimeException | AssertionError e) {
            keepPage("workbench-links");
            throw e;
        }
    }

    @Test
    void anUnmappedAccountLeadsToARegistrationPrefilledForIt() throws Exception {
        Browser b = browser;
        try {
            Path dir = Files.createTempDirectory("ui-unmapped");
            Path gen = new org.plumbline.signals.FocusGenerator(org.plumbline.signals.FocusGenerator.Options.of(dir, 10, 1, 98, "csv"))
                    .generate().usageFiles().get(0);
            String account = "unmapped-" + Api.unique();
            String billing = "bill-" + account;
            String csv = Files.readString(gen).replace("sub-0001", account).replace("ba-01", billing);
            TestServer.get().signals().upload(new java.io.ByteArrayInputStream(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    "unmapped.csv");
            TestServer.deleteRecursively(dir);

            b.signIn("matrix-reviewer", TestServer.PASSWORD);
            // 25 a page: find it by name (the test server holds many other tests' accounts).
            b.open("/findings");
            b.type("uq", account);
            b.submit("filter-unmapped");
            assertThat(b.byId("unmapped-count").getText()).isEqualTo("1 account");
            WebElement link = b.byId("register-" + account);
            String register = link.getDomProperty("value");
            assertThat(register).isEqualTo("/engagements/new?accounts=" + account + "&billingAccount=" + billing);
            b.signOut();

            b.signIn("matrix-account-manager", TestServer.PASSWORD);
            b.open(register);
            assertThat(b.byId("accounts").getDomProperty("value")).isEqualTo(account);
            assertThat(b.byId("billingAccount").getDomProperty("value")).isEqualTo(billing);
            // Only those two fields, and nothing with control characters or past the bound.
            b.open("/engagements/new?accounts=a%07b&billingAccount=" + "x".repeat(201) + "&reference=ENG-FORGED");
            assertThat(b.byId("accounts").getDomProperty("value")).isEmpty();
            assertThat(b.byId("billingAccount").getDomProperty("value")).isEmpty();
            assertThat(b.byId("reference").getDomProperty("value")).isEmpty();
            b.signOut();
        } catch (RuntimeException | AssertionError e) {
            keepPage("workbench-unmapped");
            throw e;
        }
    }

    @Test
    void everyPageHasASkipLinkScopedHeadersAndAnIcon() {
        Browser b = browser;
        b.signIn("matrix-approver", TestServer.PASSWORD);
        for (String page : new String[] {"/", "/cases", "/engagements", "/findings", "/directives", "/log/records"}) {
            b.open(page);
            // The first Tab reaches the skip link, which leads to the main content.
            b.find("body").sendKeys(org.openqa.selenium.Keys.TAB);
            WebElement focused = b.driver.switchTo().activeElement();
            assertThat(focused.getDomAttribute("id")).as(page).isEqualTo("skip-link");
            assertThat(focused.getDomAttribute("href")).isEqualTo("#main");
            assertThat(b.driver.findElements(By.id("main"))).hasSize(1);
            for (WebElement th : b.driver.findElements(By.cssSelector("thead th"))) {
                assertThat(th.getDomAttribute("scope")).as(page + ": " + th.getText()).isEqualTo("col");
            }
            assertThat(b.find("link[rel='icon']").getDomAttribute("href")).isEqualTo("/public/favicon.svg");
        }
        var icon = TestServer.send(java.net.http.HttpRequest.newBuilder(TestServer.uri("/public/favicon.svg")).GET().build());
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
        assertThat(icon.body()).startsWith("<svg");
        b.signOut();
    }

    @Test
    void theCasesListSearchesFiltersPagesAndExportsCsvThatNoSpreadsheetRuns() throws Exception {
        Browser b = browser;
        try {
            String u = "Paged " + Api.unique();
            long engagement = Api.engagement().get("id").asLong();
            JsonNode last = null;
            for (int i = 1; i <= 54; i++) {
                last = openCase(engagement, u + " case " + i);
            }
            openCase(engagement, "=HYPERLINK(\\\"http://evil.example\\\",\\\"" + u + "\\\")");
            Api.post(Role.REVIEWER, "/api/cases/" + last.get("id").asLong() + "/state",
                    "{\"expectedVersion\":" + last.get("version").asInt() + ",\"state\":\"in-review\"}");

            b.signIn("matrix-reviewer", TestServer.PASSWORD);
            b.open("/cases");
            b.type("q", u);
            b.submit("filter-cases");
            assertThat(b.byId("case-count").getText()).isEqualTo("55 cases, page 1 of 2");
            assertThat(b.driver.findElements(By.cssSelector("#case-list tbody tr"))).hasSize(50);
            b.screenshot("23-cases-search");
            b.submit("next-page");
            assertThat(b.driver.findElements(By.cssSelector("#case-list tbody tr"))).hasSize(5);
            assertThat(b.byId("previous-page").getDomAttribute("href")).contains("q=").doesNotContain("page=");

            b.select("state", "in-review");
            b.submit("filter-cases");
            assertThat(b.driver.findElements(By.cssSelector("#case-list tbody tr"))).singleElement()
                    .satisfies(r -> assertThat(r.getText()).contains(u + " case 54").contains("in review"));

            // Export: every match of the filters, formulas defused.
            b.open("/cases?q=" + java.net.URLEncoder.encode(u, java.nio.charset.StandardCharsets.UTF_8));
            b.byId("cases-csv").click();
            Path file = b.downloaded("cases.csv");
            List<String> lines = Files.readAllLines(file);
            assertThat(lines.get(0)).isEqualTo("case,title,engagement,customer,severity,state,level,assignee,deadline,opened");
            assertThat(lines).hasSize(56);
            assertThat(lines).anySatisfy(l -> assertThat(l).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\""));
            assertThat(lines).noneSatisfy(l -> assertThat(l).contains(",=HYPERLINK"));
            Files.delete(file);

            // Bad filters are named, and nothing is searched.
            b.open("/cases?page=0&severity=7&q=" + "x".repeat(201));
            assertThat(b.text()).contains("These filters are not valid: q (at most 200 characters); severity (1 to 5, or unassessed); page (a whole number from 1 to 10000).");
            assertThat(b.driver.findElements(By.id("case-list"))).isEmpty();
            b.open("/cases?q=%07");
            assertThat(b.driver.findElements(By.id("case-list"))).isEmpty();
            b.signOut();
        } catch (RuntimeException | AssertionError e) {
            keepPage("workbench-cases");
            throw e;
        }
    }

    @Test
    void theFindingsListSearchesFiltersByRuleSeverityAndPeriodAndExports() throws Exception {
        Browser b = browser;
        try {
            String u = "Filtered " + Api.unique();
            JsonNode e = Api.engagement();
            String account = e.at("/declaration/declaration/accounts/0").asText(e.at("/declaration/accounts/0").asText());
            FindingRaiser raiser = new FindingRaiser(TestServer.get().core());
            LocalDate end = LocalDate.parse("2026-06-30");
            String[][] made = {{"sudden-growth", "high", "2026-06-01"}, {"sudden-growth", "medium", "2026-04-01"},
                    {"region-outside-declared-regions", "high", "2026-05-01"}, {"region-outside-declared-regions", "low", "2026-02-01"}};
            for (String[] m : made) {
                LocalDate start = LocalDate.parse(m[2]);
                LocalDate stop = start.plusDays(29);
                raiser.accept(new Finding(Finding.keyOf(m[0], account, m[1], start, stop), m[0], u + " " + m[0] + " " + m[1], m[1],
                        account, e.get("reference").asText(), m[1], start, stop, Map.of("x", 1), "evidence " + m[1]));
            }
            b.signIn("matrix-reviewer", TestServer.PASSWORD);
            b.open("/findings");
            b.type("q", u);
            b.submit("filter-findings");
            assertThat(b.byId("finding-count").getText()).isEqualTo("4 findings");
            b.select("severity", "high");
            b.submit("filter-findings");
            assertThat(b.find("#finding-list tbody").getText()).contains(u + " sudden-growth high")
                    .contains(u + " region-outside-declared-regions high").doesNotContain("medium").doesNotContain(" low");
            b.select("severity", "");
            b.select("rule", "region-outside-declared-regions");
            b.submit("filter-findings");
            assertThat(b.byId("finding-count").getText()).isEqualTo("2 findings");
            // The period: windows that overlap it (May 1–30 overlaps; Feb does not).
            b.select("rule", "");
            b.open("/findings?q=" + java.net.URLEncoder.encode(u, java.nio.charset.StandardCharsets.UTF_8) + "&from=2026-05-15&to=2026-06-10");
            assertThat(b.find("#finding-list tbody").getText()).contains("sudden-growth high").contains("region-outside-declared-regions high")
                    .doesNotContain("medium").doesNotContain(" low");
            b.screenshot("24-findings-filters");
            b.byId("findings-csv").click();
            Path file = b.downloaded("findings.csv");
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).startsWith("finding,title,rule,severity,engagement,account");
            assertThat(lines.subList(1, 3)).allSatisfy(l -> assertThat(l).contains(u).contains(",high,"));
            Files.delete(file);

            b.open("/findings?from=2026-13-01&to=yesterday&severity=urgent&rule=DROP%20TABLE");
            assertThat(b.text()).contains("These filters are not valid: severity (one of critical, high, medium, low); "
                    + "rule (a rule id (lower-case letters, digits and hyphens)); from (a day as YYYY-MM-DD); to (a day as YYYY-MM-DD).");
            assertThat(b.driver.findElements(By.id("finding-list"))).isEmpty();
            b.signOut();
        } catch (RuntimeException | AssertionError e) {
            keepPage("workbench-findings");
            throw e;
        }
    }

    @Test
    void anAuditorSeesWhoReadWhichConfidentialCaseFiltersAndExportsIt() throws Exception {
        Browser b = browser;
        try {
            long engagement = Api.engagement().get("id").asLong();
            Api.Answer opened = Api.post(Role.REVIEWER, "/api/cases", """
                    {"engagementId":%d,"origin":"manual","title":"Read audit %s","summary":"s","confidential":true}"""
                    .formatted(engagement, Api.unique()));
            long id = opened.json().get("id").asLong();
            assertThat(Api.get(Role.REVIEWER, "/api/cases/" + id).status()).isEqualTo(200);
            assertThat(Api.get(Role.APPROVER, "/api/cases/" + id).status()).isEqualTo(200);

            // Only auditors: everyone else is refused the page and its export.
            for (Role role : Role.values()) {
                if (role == Role.PUBLIC || role == Role.AUDITOR) continue;
                assertThat(TestServer.get("/audit/reads", role).statusCode()).as(role.id()).isEqualTo(403);
                assertThat(TestServer.get("/audit/reads.csv", role).statusCode()).as(role.id()).isEqualTo(403);
            }

            b.signIn("matrix-auditor", TestServer.PASSWORD);
            b.open("/");
            b.driver.findElement(By.linkText("Reads")).click();
            b.type("case", String.valueOf(id));
            b.submit("filter-reads");
            String table = b.find("#read-list tbody").getText();
            assertThat(table).contains("Matrix reviewer").contains("Matrix approver").contains("#" + id);
            assertThat(b.driver.findElements(By.cssSelector("#read-list tbody tr"))).hasSize(2);
            b.screenshot("25-auditor-reads");
            b.select("reader", "matrix-approver");
            b.submit("filter-reads");
            assertThat(b.driver.findElements(By.cssSelector("#read-list tbody tr"))).singleElement()
                    .satisfies(r -> assertThat(r.getText()).contains("Matrix approver"));
            b.byId("reads-csv").click();
            Path file = b.downloaded("case-reads.csv");
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).isEqualTo("record,time,reader,case,title");
            assertThat(lines.get(1)).contains(",Matrix approver," + id + ",Read audit ");
            Files.delete(file);
            b.open("/audit/reads?case=abc&reader=nobody-" + Api.unique() + "&from=2026-02-30");
            assertThat(b.text()).contains("These filters are not valid: case (a whole number); reader (no account with this name); "
                    + "from (a day as YYYY-MM-DD).");
            b.signOut();
        } catch (RuntimeException | AssertionError e) {
            keepPage("workbench-reads");
            throw e;
        }
    }

    @Test
    void anAdminChangesARoleResetsAPasswordAndASecondFactorAndConfirmsBeforeDisabling() {
        Browser b = browser;
        try {
            String name = "staff-" + Api.unique();
            var user = TestServer.get().users().create(name, "Staff Member", Role.REVIEWER, TestServer.PASSWORD);
            TestServer.get().users().setTotpSecret(user.id(), org.plumbline.server.auth.Totp.newSecret(new java.security.SecureRandom()));
            b.signIn("matrix-admin", TestServer.PASSWORD);
            b.open("/admin");
            assertThat(b.driver.findElements(By.id("change-role-matrix-admin"))).as("not one's own role").isEmpty();
            assertThat(b.driver.findElements(By.id("reset-password-matrix-enforcement-system"))).as("machines have no password").isEmpty();
            assertThat(b.driver.findElements(By.cssSelector("#role-" + name + " option"))).extracting(o -> o.getDomAttribute("value"))
                    .doesNotContain("enforcement-system", "public");

            b.select("role-" + name, "auditor");
            b.submit("change-role-" + name);
            assertThat(b.byId("flash").getText()).isEqualTo(name + " is now auditor");
            assertThat(b.byId("user-" + name).getText()).contains("auditor");

            b.type("password-" + name, "short");
            b.submit("reset-password-" + name);
            assertThat(b.byId("row-error-password").getText()).isEqualTo("at least 12 characters");
            b.type("password-" + name, "a new long password 42");
            b.submit("reset-password-" + name);
            assertThat(b.byId("flash").getText()).contains("New password set for " + name);

            b.submit("reset-totp-" + name);
            assertThat(b.byId("flash").getText()).contains("Second factor of " + name + " removed");
            assertThat(TestServer.get().users().byUsername(name).orElseThrow().totpSecret()).isNull();

            // Disabling asks first; cancelling changes nothing.
            b.byId("disable-" + name).click();
            assertThat(b.find("h1").getText()).isEqualTo("Disable " + name + "?");
            b.byId("cancel-disable").click();
            assertThat(TestServer.get().users().byUsername(name).orElseThrow().disabled()).isFalse();
            b.byId("disable-" + name).click();
            b.submit("confirm-disable");
            assertThat(b.byId("flash").getText()).contains("Disabled " + name);
            b.submit("enable-" + name);
            assertThat(b.byId("flash").getText()).contains("Enabled " + name + " again");
            b.signOut();

            // The new password signs in (no second factor now); the old one does not.
            b.signIn(name, TestServer.PASSWORD);
            assertThat(b.byId("password-error").getText()).isNotBlank();
            b.signIn(name, "a new long password 42");
            assertThat(b.text()).contains("Dashboard").contains("auditor");
            b.signOut();
        } catch (RuntimeException | AssertionError e) {
            keepPage("workbench-admin");
            throw e;
        }
    }

    @Test
    void theAdminApiRefusesWhatThePagesDoNotOffer() {
        Api.Answer machineRole = Api.post(Role.ADMIN, "/api/users/matrix-enforcement-system/role", "{\"role\":\"reviewer\"}");
        assertThat(machineRole.status()).isEqualTo(400);
        assertThat(machineRole.json().at("/fields/role").asText()).contains("machine account keeps its role");
        Api.Answer own = Api.post(Role.ADMIN, "/api/users/matrix-admin/role", "{\"role\":\"reviewer\"}");
        assertThat(own.status()).isEqualTo(400);
        assertThat(own.json().at("/fields/role").asText()).contains("your own role");
        Api.Answer toMachine = Api.post(Role.ADMIN, "/api/users/matrix-auditor/role", "{\"role\":\"enforcement-system\"}");
        assertThat(toMachine.status()).isEqualTo(400);
        Api.Answer machinePassword = Api.post(Role.ADMIN, "/api/users/matrix-enforcement-system/password",
                "{\"password\":\"a long enough password\"}");
        assertThat(machinePassword.status()).isEqualTo(400);
        assertThat(Api.post(Role.ADMIN, "/api/users/matrix-enforcement-system/second-factor-reset", "{}").status()).isEqualTo(400);
        assertThat(Api.post(Role.ADMIN, "/api/users/nobody-" + Api.unique() + "/enable", "{}").status()).isEqualTo(404);
        assertThat(TestServer.get().users().byUsername("matrix-auditor").orElseThrow().role()).isEqualTo(Role.AUDITOR);
        assertThat(TestServer.get().users().byUsername("matrix-admin").orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void theEngagementsListFindsAnEngagementByItsAccountAndFiltersByPurposeAndCountry() throws Exception {
        Browser b = browser;
        try {
            JsonNode e = Api.engagement();
            String reference = e.get("reference").asText();
            String account = e.at("/declaration/declaration/accounts/0").asText(e.at("/declaration/accounts/0").asText());
            b.signIn("matrix-auditor", TestServer.PASSWORD);
            b.open("/engagements");
            b.type("q", account);
            b.submit("filter-engagements");
            assertThat(b.find("#engagements tbody").getText()).contains(reference);
            assertThat(b.byId("engagement-count").getText()).isEqualTo("1 engagement");
            b.select("purpose", "weather-and-climate");
            b.submit("filter-engagements");
            assertThat(b.byId("no-engagements").getText()).isEqualTo("No engagements match.");
            b.select("purpose", "cyber-defence");
            b.select("country", "NL");
            b.submit("filter-engagements");
            assertThat(b.find("#engagements tbody").getText()).contains(reference);
            b.byId("engagements-csv").click();
            Path file = b.downloaded("engagements.csv");
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(2);
            assertThat(lines.get(1)).startsWith(reference + ",").contains(",NL,").contains(account).contains("cyber-defence");
            Files.delete(file);
            b.open("/engagements?country=nl&status=gone");
            assertThat(b.text()).contains("These filters are not valid: status (a status the list offers); country (two capital letters (ISO 3166)).");
            b.signOut();
        } catch (RuntimeException | AssertionError e) {
            keepPage("workbench-engagements");
            throw e;
        }
    }
}
