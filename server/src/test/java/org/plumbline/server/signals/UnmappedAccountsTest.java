package org.plumbline.server.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.AccessPolicy;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Role;
import org.plumbline.signals.AccountSummary;
import org.plumbline.signals.FocusGenerator;

/**
 * Accounts with usage but in no engagement, and the latest scan's report, on the shared server: an upload of
 * an undeclared account shows in the unmapped list (API and page) with its metering summary, and leaves
 * it once an engagement declares the account; the dashboard shows the findings panel and the scan only to
 * the roles that may read them.
 */
class UnmappedAccountsTest {
    @TempDir
    Path dir;

    @Test
    void anUndeclaredAccountIsListedUntilAnEngagementDeclaresIt() throws Exception {
        // One account over 10 days: the generator's bulk-communications pattern (2 PB archive, ~780,000 audio-hours a day).
        FocusGenerator.Result g = new FocusGenerator(FocusGenerator.Options.of(dir, 10, 1, 4242, "csv")).generate();
        String account = "undeclared-" + Api.unique();
        byte[] csv = Files.readString(g.usageFiles().get(0)).replace("sub-0001", account).getBytes(StandardCharsets.UTF_8);
        Instant before = Instant.now();
        var up = UsageSignalsTest.upload(Role.REVIEWER, "undeclared-unit.csv", csv);
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);

        // The latest scan: this upload, its file and rows, no errors.
        Api.Answer latest = Api.get(Role.AUDITOR, "/api/signals/scans/latest");
        assertThat(latest.status()).as(latest.body()).isEqualTo(200);
        JsonNode scan = latest.json();
        assertThat(scan.get("trigger").asText()).isEqualTo("upload");
        assertThat(Instant.parse(scan.get("finishedAt").asText())).isAfterOrEqualTo(before);
        assertThat(scan.get("files").get(0).get("name").asText()).isEqualTo("undeclared-unit.csv");
        assertThat(scan.get("files").get(0).get("focusVersion").asText()).isEqualTo("1.3");
        assertThat(scan.get("rowsIngested").asLong()).isEqualTo(g.rows());
        assertThat(scan.get("filesIngested").asInt()).isEqualTo(1);
        assertThat(scan.get("errors")).isEmpty();
        assertThat(scan.get("unmappedAccounts").asInt()).isPositive();
        // What the upload's cost was recognised as, per provider: the archive and the transcription, no unit unread.
        assertThat(scan.get("unplacedUnits")).isEmpty();
        List<String> metrics = new java.util.ArrayList<>();
        scan.get("recognition").forEach(m -> metrics.add(m.get("metric").asText()));
        assertThat(metrics).contains("storage_bytes", "speech_to_text_hours");

        // The unmapped list: the account with its metering summary.
        JsonNode mine = unmapped(account);
        assertThat(mine).as("account %s in %s", account, Api.get(Role.REVIEWER, "/api/signals/unmapped-accounts").body()).isNotNull();
        assertThat(mine.get("billingAccount").asText()).isEqualTo("ba-01");
        assertThat(mine.get("daysSeen").asInt()).isEqualTo(10);
        assertThat(mine.get("rows").asLong()).isEqualTo(g.rows());
        assertThat(mine.get("cost").decimalValue()).isPositive();
        // The archive starts at 2 PB and grows for 10 days.
        assertThat(mine.get("storageBytesAtEnd").asDouble()).isBetween(2_000_000e9, 2_200_000e9);
        assertThat(mine.get("storageDay").asText()).isEqualTo(mine.get("lastDay").asText());
        assertThat(mine.get("aiUse").get("speech_to_text_hours").asDouble()).isCloseTo(7_800_000, within(390_000.0));
        // The rules its usage meets: bulk communications among them, though no case can be opened without an engagement.
        assertThat(mine.get("flaggedBy").findValuesAsText("rule")).contains("bulk-communications-processing");

        // The findings page shows it to an auditor, with words a reviewer reads; not to an external investigator.
        String page = TestServer.get("/findings?uq=" + account, Role.AUDITOR).body();
        String unmappedTable = table(page, "unmapped-list");
        assertThat(unmappedTable).contains(account).contains("audio-hours transcribed").contains(" PB</span>")
                .contains("Bulk communications processing");
        assertThat(TestServer.get("/findings", Role.EXTERNAL_INVESTIGATOR).body()).doesNotContain("unmapped-list")
                .doesNotContain(account);
        assertThat(Api.get(Role.EXTERNAL_INVESTIGATOR, "/api/signals/unmapped-accounts").status()).isEqualTo(403);

        // Once an engagement declares the account, the next scan maps it: it leaves the list.
        UsageSignalsTest.declare(account);
        assertThat(Api.post(Role.REVIEWER, "/api/signals/scans", "{}").status()).isEqualTo(200);
        assertThat(unmapped(account)).isNull();
        // Declared, its bulk-communications finding is raised (critical) and opens a case: the dashboard's
        // "open critical" link lists it, and nothing of another severity.
        String critical = table(TestServer.get("/findings?open=true&severity=critical", Role.REVIEWER).body(), "finding-list");
        assertThat(critical).contains(account).contains("sev-critical").doesNotContain("sev-medium").doesNotContain("sev-low");
        assertThat(Api.get(Role.REVIEWER, "/api/signals/scans/latest").json().get("trigger").asText()).isEqualTo("request");
    }

    @Test
    void theDashboardShowsFindingsToCaseReadersAndTheScanToThoseWhoReadScans() {
        TestServer.get();
        // A scan has run (every test class here uploads; make sure of it for this one).
        assertThat(Api.post(Role.ADMIN, "/api/signals/scans", "{}").status()).isEqualTo(200);
        for (Role role : Role.values()) {
            if (role == Role.PUBLIC) continue;
            var r = TestServer.get("/", role);
            assertThat(r.statusCode()).as(role.id()).isEqualTo(200);
            boolean findings = AccessPolicy.allows(role, Permission.CASE_READ);
            boolean scans = role == Role.REVIEWER || role == Role.APPROVER || role == Role.AUDITOR || role == Role.ADMIN;
            assertThat(r.body().contains("id=\"findings-panel\"")).as(role.id() + " findings panel").isEqualTo(findings);
            assertThat(r.body().contains("id=\"last-scan\"")).as(role.id() + " last scan").isEqualTo(scans);
        }
        String reviewer = TestServer.get("/", Role.REVIEWER).body();
        assertThat(reviewer).contains("id=\"open-findings\"").contains("data-severity=\"critical\"")
                .contains("on request");
    }

    /** The HTML of the table with {@code id} in {@code page}. */
    private static String table(String page, String id) {
        int start = page.indexOf("id=\"" + id + "\"");
        assertThat(start).as("table " + id).isPositive();
        return page.substring(start, page.indexOf("</table>", start));
    }

    private static JsonNode unmapped(String account) {
        Api.Answer list = Api.get(Role.REVIEWER, "/api/signals/unmapped-accounts");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        for (JsonNode a : list.json().get("accounts")) {
            if (a.get("account").asText().equals(account)) return a;
        }
        return null;
    }
}
