package org.plumbline.server.signals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.core.Core;
import org.plumbline.core.domain.CaseState;
import org.plumbline.core.domain.DecisionInput;
import org.plumbline.core.domain.DecisionKind;
import org.plumbline.core.domain.EscalationLevel;
import org.plumbline.core.domain.RaisedFinding;
import org.plumbline.core.record.LogRecord;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.http.Json;
import org.plumbline.server.api.SignalsApi;
import org.plumbline.server.auth.Role;
import org.plumbline.signals.FocusGenerator;
import org.plumbline.signals.cases.ScanReport;
import org.plumbline.signals.cases.UsageSignals;

/**
 * Usage signals through the server, on the shared real PostgreSQL and a real DuckDB: FOCUS usage from the
 * signals generator is uploaded over HTTP, kept by SHA-256, scanned against an engagement declared through
 * the API; the bulk-communications finding is logged as {@code finding.raised} and opens a case, the
 * account's other findings join that case, and uploading the same file again changes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UsageSignalsTest {
    @TempDir
    static Path generated;
    private static Path usage;
    private static String bulkAccount;
    private static long engagementId;

    @BeforeAll
    static void generateAndDeclare() throws Exception {
        TestServer.get();
        // 30 days (one monthly file): enough for every rule's 30-day window; 7 accounts give every role.
        FocusGenerator.Result r = new FocusGenerator(FocusGenerator.Options.of(generated, 30, 7, 11, "csv",
                FocusGenerator.Style.AZURE)).generate();
        assertThat(r.usageFiles()).hasSize(1);
        usage = r.usageFiles().get(0);
        JsonNode truth = Json.MAPPER.readTree(r.groundTruth().toFile());
        for (JsonNode e : truth.get("expected")) {
            if (e.get("rule").asText().equals("bulk-communications-processing")) bulkAccount = e.get("account").asText();
        }
        assertThat(bulkAccount).isNotNull();
        engagementId = declare(bulkAccount);
    }

    @Test
    @Order(1)
    void anUploadIsKeptScannedAndItsFindingsLoggedAndOpenACase() throws Exception {
        HttpResponse<String> first = upload(Role.REVIEWER, "usage.csv", Files.readAllBytes(usage));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode out = Json.MAPPER.readTree(first.body());
        String sha = out.get("sha256").asText();
        assertThat(sha).isEqualTo(sha256(Files.readAllBytes(usage)));
        assertThat(out.get("format").asText()).isEqualTo("csv");
        assertThat(out.get("ingested").get(0).get("focusVersion").asText()).isEqualTo("1.3");
        assertThat(TestServer.get().signals().uploadsDirectory().resolve(sha + ".csv")).exists();

        List<JsonNode> mine = ours(out.get("scan").get("raised"));
        assertThat(mine).extracting(n -> n.get("rule").asText()).contains("bulk-communications-processing");
        JsonNode bulk = mine.stream().filter(n -> n.get("rule").asText().equals("bulk-communications-processing")).findFirst().orElseThrow();
        assertThat(bulk.get("openedCase").asBoolean()).isTrue();
        long caseId = bulk.get("caseId").asLong();
        // Every other finding on the same engagement and account joined that case instead of opening its own.
        for (JsonNode n : mine) {
            assertThat(n.get("caseId").asLong()).as(n.toString()).isEqualTo(caseId);
            assertThat(n.get("openedCase").asBoolean()).isEqualTo(n == bulk);
        }

        // The log entry is the finding: type, subject, rule, key, account, window, figures.
        Api.Answer record = Api.get(Role.PUBLIC, "/api/records/" + bulk.get("logIndex").asLong());
        LogRecord logged = LogRecord.parse(record.body().getBytes(StandardCharsets.UTF_8));
        assertThat(logged.type()).isEqualTo("finding.raised");
        assertThat(logged.subject()).isEqualTo("engagement/" + engagementId);
        assertThat(logged.actor()).isEqualTo("system/signals");
        assertThat(logged.fields().get("rule").asText()).isEqualTo("bulk-communications-processing");
        assertThat(logged.fields().get("key").asText()).isEqualTo(bulk.get("key").asText());
        assertThat(logged.fields().get("account").asText()).isEqualTo(bulkAccount);
        assertThat(logged.fields().get("windowEnd").asText()).isEqualTo("2026-10-31");
        assertThat(logged.fields().get("metrics").get("audio_hours_per_day").asDouble()).isGreaterThan(10_000);
        assertThat(logged.commitments()).containsKey("summary");

        // The case it opened points back at the record.
        Api.Answer c = Api.get(Role.REVIEWER, "/api/cases/" + caseId);
        assertThat(c.status()).isEqualTo(200);
        assertThat(c.json().get("origin").asText()).isEqualTo("finding");
        assertThat(c.json().get("originRef").asText()).isEqualTo("bulk-communications-processing@log/" + bulk.get("logIndex").asLong());
        assertThat(c.json().get("state").asText()).isEqualTo("open");

        // The finding as the API shows it: evidence sentence and the series it is drawn from.
        Api.Answer f = Api.get(Role.APPROVER, "/api/findings/" + bulk.get("id").asLong());
        assertThat(f.status()).isEqualTo(200);
        assertThat(f.json().get("evidence").asText()).contains("GB/day").contains("audio-hours/day").contains("cyber-defence");
        assertThat(f.json().get("series").size()).isGreaterThan(30);
    }

    @Test
    @Order(2)
    void theSameUploadAgainChangesNothing() throws Exception {
        int findingsBefore = Api.get(Role.REVIEWER, "/api/findings").json().size();
        long logBefore = TestServer.get().core().entries().count();
        HttpResponse<String> again = upload(Role.ADMIN, "renamed.csv", Files.readAllBytes(usage));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonNode out = Json.MAPPER.readTree(again.body());
        assertThat(out.get("alreadyUploaded").asBoolean()).isTrue();
        assertThat(out.get("ingested").get(0).get("skippedDuplicate").asBoolean()).isTrue();
        assertThat(out.get("scan").get("raised")).isEmpty();
        assertThat(Api.get(Role.REVIEWER, "/api/findings").json().size()).isEqualTo(findingsBefore);
        assertThat(TestServer.get().core().entries().count()).isEqualTo(logBefore);
        try (var files = Files.list(TestServer.get().signals().uploadsDirectory())) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith(out.get("sha256").asText()))).hasSize(1);
        }
        // A scan on request, and core's own check by key (which holds even if DuckDB's ledger were lost).
        assertThat(Api.post(Role.REVIEWER, "/api/signals/scans", "{}").json().get("raised")).isEmpty();
        Core core = TestServer.get().core();
        RaisedFinding any = core.findings().list(500).stream().filter(r -> r.engagementId() == engagementId)
                .findFirst().orElseThrow();
        var outcome = core.findings().raise(any.finding(), "system/signals");
        assertThat(outcome.isNew()).isFalse();
        assertThat(outcome.finding().id()).isEqualTo(any.id());
        assertThat(core.entries().count()).isEqualTo(logBefore);
    }

    @Test
    @Order(3)
    void aBadFileIsRefusedWithWhereAndNothingIsKept() throws Exception {
        String csv = Files.readString(usage);
        String[] lines = csv.split("\n", 5);
        // Break BilledCost on data line 3 (file line 4).
        String header = lines[0];
        int col = List.of(header.split(",")).indexOf("BilledCost");
        assertThat(col).isGreaterThanOrEqualTo(0);
        String bad = String.join("\n", lines[0], lines[1], lines[2], breakColumn(lines[3], col), lines[4]);
        long before;
        try (var files = Files.list(TestServer.get().signals().uploadsDirectory())) {
            before = files.count();
        }
        HttpResponse<String> r = upload(Role.REVIEWER, "broken.csv", bad.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        String message = Json.MAPPER.readTree(r.body()).get("fields").get("file").asText();
        assertThat(message).startsWith("broken.csv, line 4, column BilledCost: ");
        try (var files = Files.list(TestServer.get().signals().uploadsDirectory())) {
            assertThat(files.count()).isEqualTo(before);
        }
        assertThat(upload(Role.REVIEWER, "empty.csv", new byte[0]).statusCode()).isEqualTo(400);
    }

    @Test
    @Order(4)
    void onlyReviewersAndAdminsMayUpload() throws Exception {
        byte[] other = (Files.readString(usage).replace(bulkAccount, "sub-denied")).getBytes(StandardCharsets.UTF_8);
        for (Role role : Role.values()) {
            if (role == Role.REVIEWER || role == Role.ADMIN) continue;  // allowed: the tests above upload as both
            int status = upload(role, "usage.csv", other).statusCode();
            assertThat(status).as(role.id()).isEqualTo(role == Role.PUBLIC ? 401 : 403);
        }
        try (var files = Files.list(TestServer.get().signals().uploadsDirectory())) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain(sha256(other) + ".csv");
        }
        // An external investigator sees findings only of the cases assigned to them: not these.
        Api.Answer list = Api.get(Role.EXTERNAL_INVESTIGATOR, "/api/findings");
        assertThat(list.status()).isEqualTo(200);
        assertThat(ours(list.json())).isEmpty();
        long anyId = Api.get(Role.AUDITOR, "/api/findings").json().get(0).get("id").asLong();
        assertThat(Api.get(Role.EXTERNAL_INVESTIGATOR, "/api/findings/" + anyId).status()).isEqualTo(404);
        assertThat(Api.get(Role.EXTERNAL_INVESTIGATOR, "/api/findings/" + anyId + "/chart.svg").status()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void theChartDrawsTheSeriesAndMarksTheDirective() throws Exception {
        Core core = TestServer.get().core();
        RaisedFinding bulk = core.findings().list(500).stream()
                .filter(r -> r.engagementId() == engagementId && r.finding().rule().equals("bulk-communications-processing"))
                .findFirst().orElseThrow();
        String svg = Api.get(Role.REVIEWER, "/api/findings/" + bulk.id() + "/chart.svg").body();
        assertThat(svg).startsWith("<svg").contains("Storage held (TB)").contains("Speech transcribed (audio-hours/day)");
        assertThat(svg).doesNotContain("class=\"marker\"");
        // Each day's point carries the value the profile holds (bytes held / 1e12 = TB).
        var series = TestServer.get().signals().series(bulkAccount, LocalDate.parse("2026-10-15"), LocalDate.parse("2026-10-15"));
        double tb = series.stream().filter(p -> p.metric().equals("storage_bytes")).mapToDouble(p -> p.amount()).sum() / 1e12;
        Map<String, Double> storagePoints = points(svg, "storage_bytes");
        assertThat(storagePoints).containsKey("2026-10-15");
        assertThat(storagePoints.get("2026-10-15")).isCloseTo(tb, org.assertj.core.data.Percentage.withPercentage(0.001));
        assertThat(points(svg, "speech_to_text_hours")).hasSize(30);
        // Storage grows over the window, as the finding says.
        assertThat(storagePoints.get("2026-10-31")).isGreaterThan(storagePoints.get("2026-10-02") + 29);

        // Suspend speech on the account: the chart now marks the directive's effective time.
        var c = core.cases().get(bulk.caseId());
        c = core.cases().move(c.id(), c.version(), CaseState.IN_REVIEW, "reviewing", "matrix-reviewer");
        core.cases().decide(c.id(), c.version(), new DecisionInput(DecisionKind.SUSPEND, List.of(bulkAccount),
                List.of("Azure AI Services"), null, "Transcription at this scale contradicts the declaration.",
                EscalationLevel.LEADERSHIP), "matrix-leadership");
        var directive = core.directives().forEngagement(engagementId).get(0);
        String marked = Api.get(Role.REVIEWER, "/api/findings/" + bulk.id() + "/chart.svg").body();
        // The directive takes effect after the metering ends: marked at the axis's right edge, which stays on the data.
        assertThat(marked).contains("class=\"marker edge\" x1=\"930.0\"").contains(directive.subject() + " effective")
                .contains("after the data").contains("to 2026-10-31</title>");
        // The page shows the chart inline, with a link to the case.
        String page = webPage("/findings/" + bulk.id());
        assertThat(page).contains("<svg").contains("data-metric=\"storage_bytes\"").contains("/cases/" + bulk.caseId());
    }

    @Test
    @Order(5)
    void theOpenApiDocumentDescribesTheUploadAsAMultipartFile() {
        JsonNode op = Api.get(Role.PUBLIC, "/api/openapi.json").json().at("/paths/~1api~1signals~1uploads/post");
        assertThat(op.at("/requestBody/content/multipart~1form-data/schema/properties/file/format").asText()).isEqualTo("binary");
        assertThat(op.get("x-roles").toString()).contains("reviewer").contains("admin").doesNotContain("approver");
    }

    @Test
    @Order(6)
    void gzipAndParquetUploadsAndAScheduledScanOfTheInbox() throws Exception {
        // gzip'd CSV over the API: the same usage under another account, declared in another engagement.
        String gzAccount = "sub-gz-" + Api.unique();
        long gzEngagement = declare(gzAccount);
        byte[] csv = Files.readString(usage).replace(bulkAccount, gzAccount).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(csv);
        }
        HttpResponse<String> r = upload(Role.REVIEWER, "usage.csv.gz", gz.toByteArray());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode out = Json.MAPPER.readTree(r.body());
        assertThat(out.get("format").asText()).isEqualTo("csv.gz");
        assertThat(out.get("ingested").get(0).get("rows").asLong()).isPositive();
        assertThat(out.get("scan").get("raised").toString()).contains("\"engagementId\":" + gzEngagement)
                .contains("bulk-communications-processing");

        // Parquet dropped into the inbox of a second signals service with a short schedule (its own DuckDB,
        // the same core): the scheduled scan ingests it and raises the finding for a third account.
        Path generatedParquet = Files.createTempDirectory("plumbline-parquet");
        FocusGenerator.Result pq = new FocusGenerator(FocusGenerator.Options.of(generatedParquet, 30, 1, 5, "parquet")).generate();
        // One account (the generator makes it the bulk-communications one), under an id no other test or the
        // demo data uses, so that only this service's scan can raise its finding.
        String pqAccount = "sub-pq-" + Api.unique();
        Path renamed = generatedParquet.resolve("usage.parquet");
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); var s = c.createStatement()) {
            s.execute("COPY (SELECT * REPLACE ('" + pqAccount + "' AS \"SubAccountId\") FROM read_parquet('" + pq.usageFiles().get(0)
                    + "')) TO '" + renamed + "' (FORMAT parquet)");
        }
        long pqEngagement = declare(pqAccount);
        Path dataDir = Files.createTempDirectory("plumbline-scheduled");
        Core core = TestServer.get().core();
        try (UsageSignals scheduled = UsageSignals.open(core, dataDir, java.time.Duration.ofMillis(300))) {
            // Moved in whole, as an export lands: a scan never sees it half written.
            Files.copy(renamed, dataDir.resolve("signals/usage.parquet.part"));
            Files.move(dataDir.resolve("signals/usage.parquet.part"), dataDir.resolve("signals/inbox/usage.parquet"),
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            // Wait for the timer (a condition polled, not a duration asserted). Scans follow each other 300 ms
            // apart, so each report is the latest for at least that long: polled every 100 ms, the report of
            // the scan that ingested the file is seen before a later scan (with nothing new) replaces it.
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            ScanReport report = null;
            while ((report == null
                    || core.findings().list(500).stream().noneMatch(f -> f.engagementId() == pqEngagement))
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
                if (report == null) {
                    report = scheduled.latest().filter(latest -> !latest.files().isEmpty()).orElse(null);
                }
            }
            // Its report: a scheduled scan that ingested the inbox's file.
            assertThat(report).as("a scan that ingested the inbox's file").isNotNull();
            assertThat(report.trigger()).isEqualTo(ScanReport.SCHEDULE);
            assertThat(report.files()).extracting(ScanReport.IngestedFile::name).containsExactly("usage.parquet");
            // A broken export in the inbox: scans still run, and their report says what is wrong and where.
            Files.writeString(dataDir.resolve("signals/inbox/broken.csv"), "BillingAccountId,ChargePeriodStart\nba-1,yesterday\n");
            scheduled.scan();
            assertThat(scheduled.latest().orElseThrow().errors()).singleElement().asString().startsWith("inbox: broken.csv");
        }
        assertThat(core.findings().list(500).stream().filter(f -> f.engagementId() == pqEngagement)
                .map(f -> f.finding().rule())).contains("bulk-communications-processing");
        TestServer.deleteRecursively(dataDir);
        TestServer.deleteRecursively(generatedParquet);
    }

    @Test
    @Order(7)
    void aDirectiveFromCoreIsCheckedAgainstLaterMetering() throws Exception {
        // Usage that runs ten days past today, in a signals database of its own (so its later last day does not
        // move the windows of the shared one). The generator's enforcement account keeps using speech-to-text.
        Path out = Files.createTempDirectory("plumbline-enforcement");
        LocalDate end = LocalDate.now(java.time.ZoneOffset.UTC).plusDays(10);
        FocusGenerator.Result gen = new FocusGenerator(new FocusGenerator.Options(out, 30, 7, 13, "csv", end,
                FocusGenerator.Style.AZURE)).generate();
        String generatedAccount = null;
        for (JsonNode e : Json.MAPPER.readTree(gen.groundTruth().toFile()).get("expected")) {
            if (e.get("rule").asText().equals("enforcement-not-effective")) generatedAccount = e.get("account").asText();
        }
        assertThat(generatedAccount).isNotNull();
        String account = "sub-enf-" + Api.unique();
        StringBuilder csv = new StringBuilder();
        for (Path f : gen.usageFiles()) {
            String text = Files.readString(f);
            csv.append(csv.isEmpty() ? text : text.substring(text.indexOf('\n') + 1));
        }
        byte[] usageBytes = csv.toString().replace(generatedAccount + ",", account + ",").getBytes(StandardCharsets.UTF_8);

        // A decision on the account's engagement suspends speech-to-text, effective now.
        long engagement = declare(account);
        Core core = TestServer.get().core();
        var c = core.cases().open(new org.plumbline.core.domain.NewCase(engagement, org.plumbline.core.domain.CaseOrigin.MANUAL,
                null, "Transcription review", "Suspend speech while we review.", true, null), "matrix-reviewer");
        c = core.cases().move(c.id(), c.version(), CaseState.IN_REVIEW, "reviewing", "matrix-reviewer");
        core.cases().decide(c.id(), c.version(), new DecisionInput(DecisionKind.SUSPEND, List.of(account),
                List.of("Azure AI Services"), null, "Suspend transcription pending review.", EscalationLevel.LEADERSHIP),
                "matrix-leadership");
        var directive = core.directives().forEngagement(engagement).get(0);

        Path dataDir = Files.createTempDirectory("plumbline-enforcement-data");
        try (UsageSignals own = UsageSignals.open(core, dataDir, java.time.Duration.ZERO)) {
            var outcome = own.upload(new java.io.ByteArrayInputStream(usageBytes), "usage.csv");
            var enforcement = outcome.scan().raised().stream()
                    .filter(o -> o.finding().engagementId() == engagement)
                    .filter(o -> o.finding().finding().rule().equals("enforcement-not-effective")).toList();
            assertThat(enforcement).hasSize(1);
            var f = enforcement.get(0).finding().finding();
            assertThat(f.subject()).isEqualTo(directive.subject());
            assertThat(f.evidence()).contains("Azure AI Services").contains(directive.subject());
            LocalDate effective = directive.effectiveAt().atOffset(java.time.ZoneOffset.UTC).toLocalDate();
            assertThat(f.windowStart()).isBetween(effective, effective.plusDays(1));  // the first charge period after it
            assertThat(f.windowEnd()).isEqualTo(end);
            // The chart of it marks the directive inside the drawn range.
            String svg = new SignalsApi(core, own, null).chart(enforcement.get(0).finding()).svg();
            assertThat(svg).contains("class=\"marker\"").contains(directive.subject() + " effective");
        }
        TestServer.deleteRecursively(dataDir);
        TestServer.deleteRecursively(out);
    }

    static long declare(String account) {
        String u = Api.unique();
        Api.Answer customer = Api.post(Role.ACCOUNT_MANAGER, "/api/customers",
                "{\"name\":\"Signals Test Unit " + u + "\",\"kind\":\"unit\",\"country\":\"XA\"}");
        assertThat(customer.status()).as(customer.body()).isEqualTo(201);
        Api.Answer e = Api.post(Role.ACCOUNT_MANAGER, "/api/engagements", "{\"customerId\":" + customer.json().get("id").asLong()
                + ",\"reference\":\"ENG-SIG-" + u + "\",\"accounts\":[\"" + account + "\"],\"billingAccount\":\"ba-x\","
                + "\"services\":[\"Storage\",\"Azure AI Services\",\"Azure Synapse Analytics\"],"
                + "\"regions\":[\"westeurope\"],\"contractReference\":\"C-" + u + "\",\"purposes\":[\"cyber-defence\"],"
                + "\"dataCategories\":[\"operational-telemetry\"],\"acknowledgedProhibitedUses\":[\"no-mass-surveillance\","
                + "\"no-unlawful-interception\",\"no-targeting-civilians\",\"no-persecution\",\"declared-purposes-only\"],"
                + "\"attestation\":{\"accountManager\":\"Amara Okafor\",\"statement\":\"Declared for security log analysis.\"}}");
        assertThat(e.status()).as(e.body()).isEqualTo(201);
        return e.json().get("id").asLong();
    }

    // --- helpers

    private static List<JsonNode> ours(JsonNode raised) {
        List<JsonNode> out = new ArrayList<>();
        raised.forEach(n -> {
            if (n.get("engagementId").asLong() == engagementId) out.add(n);
        });
        return out;
    }

    private static Map<String, Double> points(String svg, String metric) {
        int start = svg.indexOf("data-metric=\"" + metric + "\"");
        assertThat(start).as("panel " + metric).isGreaterThan(0);
        int end = svg.indexOf("</g>", start);
        Matcher m = Pattern.compile("data-day=\"([0-9-]+)\" data-value=\"([^\"]+)\"").matcher(svg.substring(start, end));
        Map<String, Double> out = new java.util.TreeMap<>();
        while (m.find()) out.put(m.group(1), Double.parseDouble(m.group(2)));
        return out;
    }

    private static String breakColumn(String line, int col) {
        // Generated CSV quotes no numeric field, so splitting on commas outside quotes finds the column.
        List<String> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char ch : line.toCharArray()) {
            if (ch == '"') quoted = !quoted;
            if (ch == ',' && !quoted) {
                cells.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        cells.add(cur.toString());
        cells.set(col, "twelve");
        return String.join(",", cells);
    }

    private static String webPage(String path) throws Exception {
        // Sign in as a reviewer with a password and read the page with the session cookie (sent by hand:
        // the cookie is Secure, which java.net's cookie store will not send over plain HTTP).
        var client = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(TestServer.uri("/login")).POST(HttpRequest.BodyPublishers.ofString(
                "username=matrix-reviewer&password=" + java.net.URLEncoder.encode(TestServer.PASSWORD, StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded").build(), HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                .reduce((a, b) -> a + "; " + b).orElseThrow(() -> new AssertionError("no session cookie: " + login.body()));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(TestServer.uri(path)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    static HttpResponse<String> upload(Role role, String name, byte[] content) throws IOException {
        String boundary = "plumbline-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(TestServer.uri("/api/signals/uploads"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (role != Role.PUBLIC) b.header("Authorization", "Bearer " + TestServer.token(role));
        return TestServer.send(b.build());
    }

    private static String sha256(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }
}
