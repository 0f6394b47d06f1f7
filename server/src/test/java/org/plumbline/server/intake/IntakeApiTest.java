package org.plumbline.server.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plumbline.core.intake.ReportCommitment;
import org.plumbline.core.record.LogRecord;
import org.plumbline.log.hash.Sha256;
import org.plumbline.log.policy.Policy;
import org.plumbline.log.proof.TlogProof;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;

/**
 * The intake's API end to end on the shared server, with the real key-derivation cost (Argon2id, 128 MiB).
 */
class IntakeApiTest {
    @BeforeAll
    static void recipientSignsIn() {
        // Signing in with the password is what makes (or unlocks) a recipient's key; reports that arrive after
        // are sealed to it.
        var r = TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"matrix-reviewer\",\"password\":\""
                        + TestServer.PASSWORD + "\"}")).build());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    static JsonNode submit(String message, String topic) {
        Api.Answer a = Api.post(Role.PUBLIC, "/api/intake/reports",
                "{\"message\":" + quote(message) + (topic == null ? "" : ",\"topic\":" + quote(topic))
                        + Work.json(Work.fromServer()) + "}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }

    static String session(String receipt) {
        Api.Answer a = Api.post(Role.PUBLIC, "/api/intake/session", "{\"receipt\":" + quote(receipt)
                + Work.json(Work.fromServer()) + "}");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json().get("token").asText();
    }

    static Api.Answer asReporter(String token, String path) {
        return Api.parse(TestServer.send(HttpRequest.newBuilder(TestServer.uri(path))
                .header("Authorization", "Bearer " + token).GET().build()));
    }

    @Test
    void aReportGetsAReceiptAProvableRecordAndAnswersBothWays() throws Exception {
        JsonNode created = submit("Intercepted calls are archived " + Api.unique(), "ENG-2026-7");
        String receipt = created.get("receipt").asText();
        assertThat(receipt).matches("\\d{4}( \\d{4}){6}");
        long record = created.get("record").asLong();
        assertThat(created.size()).isEqualTo(2);

        // The record carries only the commitment and the day; its proof verifies offline.
        TestServer.get().log().nudge();
        byte[] bytes = Api.bytes("/api/records/" + record).body();
        LogRecord logged = LogRecord.parse(bytes);
        assertThat(logged.type()).isEqualTo("concern.received");
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("Intercepted").doesNotContain("ENG-2026-7");
        byte[] proof = Api.bytes("/api/records/" + record + "/proof").body();
        String vkey = TestServer.get("/log/vkey", Role.PUBLIC).body().strip();
        assertThat(TlogProof.verify(proof, bytes, Policy.parse("log " + vkey + "\nquorum none\n")).size()).isGreaterThan(record);

        // The receipt opens the report; the opening it shows opens the logged commitment.
        String token = session(receipt);
        Api.Answer view = asReporter(token, "/api/intake/report");
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.json().get("status").asText()).isEqualTo("received");
        assertThat(view.json().get("messages").get(0).get("from").asText()).isEqualTo("reporter");
        assertThat(view.json().get("messages").get(0).get("day").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        JsonNode opening = view.json().get("commitment");
        ReportCommitment c = new ReportCommitment(Sha256.unhex(opening.get("salt").asText()),
                opening.get("report").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(c.opens(logged.fields().get("commitment").asText())).isTrue();

        // The recipient lists it with deadlines, reads it (logged), replies, opens a case.
        long id = Long.parseLong(logged.subject().substring("concern/".length()));
        JsonNode list = Api.get(Role.REVIEWER, "/api/intake/reports").json();
        JsonNode header = null;
        for (JsonNode h : list) if (h.get("id").asLong() == id) header = h;
        assertThat(header).isNotNull();
        assertThat(header.get("acknowledgeBy").asText()).isNotEmpty();
        assertThat(header.get("acknowledgementOverdue").asBoolean()).isFalse();
        long before = TestServer.get().core().entries().count();
        Api.Answer read = Api.get(Role.REVIEWER, "/api/intake/reports/" + id);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("messages").get(0).get("text").asText()).contains("Topic: ENG-2026-7");
        assertThat(TestServer.get().core().records().forSubject("concern/" + id)).extracting(r -> r.type())
                .contains("concern.read");
        assertThat(TestServer.get().core().entries().count()).isEqualTo(before + 1);

        Api.Answer reply = Api.post(Role.REVIEWER, "/api/intake/reports/" + id + "/messages", "{\"text\":\"Which region?\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        view = asReporter(token, "/api/intake/report");
        assertThat(view.json().get("status").asText()).isEqualTo("acknowledged");
        assertThat(view.json().get("messages").get(1).get("from").asText()).isEqualTo("recipient");
        assertThat(view.json().get("messages").get(1).get("text").asText()).isEqualTo("Which region?");
        Api.Answer answer = Api.postWithToken(token, "/api/intake/report/messages", "{\"text\":\"westeurope\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().get("messages")).hasSize(3);

        Api.Answer opened = Api.post(Role.REVIEWER, "/api/intake/reports/" + id + "/case", "{\"title\":\"Concern: archive\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        JsonNode kase = Api.get(Role.REVIEWER, "/api/cases/" + opened.json().get("caseId").asLong()).json();
        assertThat(kase.toString()).contains("concern/" + id);
        assertThat(asReporter(token, "/api/intake/report").json().get("status").asText()).isEqualTo("under review");
    }

    @Test
    void aReportPastItsAcknowledgementDeadlineIsOverdueInTheListAndRedOnTheDashboard() {
        long record = submit("overdue " + Api.unique(), null).get("record").asLong();
        long id = Long.parseLong(LogRecord.parse(Api.bytes("/api/records/" + record).body()).subject().substring(8));
        // Ten days ago (test-only: the intake itself never writes a day other than today).
        TestServer.get().jdbi().useHandle(h -> h.createUpdate("UPDATE concern SET received_on = current_date - 10 WHERE id = :id")
                .bind("id", id).execute());
        JsonNode header = null;
        for (JsonNode h : Api.get(Role.REVIEWER, "/api/intake/reports").json()) if (h.get("id").asLong() == id) header = h;
        assertThat(header.get("acknowledgementOverdue").asBoolean()).isTrue();
        assertThat(header.get("feedbackOverdue").asBoolean()).isFalse();
        String dashboard = TestServer.get("/", Role.REVIEWER).body();
        assertThat(dashboard).contains("id=\"overdue-reports\"").contains("<li class=\"overdue\"><a href=\"/intake/" + id + "\"");
        assertThat(TestServer.get("/", Role.APPROVER).body()).doesNotContain("overdue-reports");
        // Acknowledging it takes it off.
        assertThat(Api.post(Role.REVIEWER, "/api/intake/reports/" + id + "/messages", "{\"status\":\"acknowledged\"}").status())
                .isEqualTo(201);
        assertThat(TestServer.get("/", Role.REVIEWER).body()).doesNotContain("/intake/" + id + "\"");
    }

    @Test
    void aRecipientAddedLaterReadsAnEarlierReportOnlyOnceItIsSharedWithThem() {
        long record = submit("before the new recipient " + Api.unique(), null).get("record").asLong();
        long id = Long.parseLong(LogRecord.parse(Api.bytes("/api/records/" + record).body()).subject().substring(8));
        String name = "intake-late-" + Api.unique();
        var user = TestServer.get().users().create(name, "Late recipient", Role.REVIEWER, TestServer.PASSWORD);
        var signIn = TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name + "\",\"password\":\"" + TestServer.PASSWORD + "\"}"))
                .build());
        assertThat(signIn.statusCode()).isEqualTo(200);
        String token = TestServer.get().users().issueToken(user.id(), "tests");
        Api.Answer refused = Api.parse(TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/intake/reports/" + id))
                .header("Authorization", "Bearer " + token).GET().build()));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(Api.post(Role.REVIEWER, "/api/intake/reports/" + id + "/recipients", "{\"account\":\"user/999999\"}").status())
                .isEqualTo(404);
        Api.Answer shared = Api.post(Role.REVIEWER, "/api/intake/reports/" + id + "/recipients",
                "{\"account\":\"user/" + user.id() + "\"}");
        assertThat(shared.status()).as(shared.body()).isEqualTo(201);
        Api.Answer read = Api.parse(TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/intake/reports/" + id))
                .header("Authorization", "Bearer " + token).GET().build()));
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("messages").get(0).get("text").asText()).startsWith("before the new recipient");
    }

    @Test
    void aReportLinksToAnExistingCase() {
        long record = submit("about an open case " + Api.unique(), null).get("record").asLong();
        long id = Long.parseLong(LogRecord.parse(Api.bytes("/api/records/" + record).body()).subject().substring(8));
        long engagementId = Api.engagement().get("id").asLong();
        long caseId = Api.post(Role.REVIEWER, "/api/cases", ("{\"engagementId\":%d,\"origin\":\"manual\",\"title\":\"Open case\","
                + "\"summary\":\"already open\",\"confidential\":true}").formatted(engagementId)).json().get("id").asLong();
        assertThat(Api.post(Role.REVIEWER, "/api/intake/reports/" + id + "/case", "{\"caseId\":" + caseId + ",\"title\":\"x\"}")
                .status()).isEqualTo(400);
        assertThat(Api.post(Role.REVIEWER, "/api/intake/reports/" + id + "/case", "{\"caseId\":99999999}").status()).isEqualTo(404);
        Api.Answer linked = Api.post(Role.REVIEWER, "/api/intake/reports/" + id + "/case", "{\"caseId\":" + caseId + "}");
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        JsonNode header = null;
        for (JsonNode h : Api.get(Role.REVIEWER, "/api/intake/reports").json()) if (h.get("id").asLong() == id) header = h;
        assertThat(header.get("caseId").asLong()).isEqualTo(caseId);
        assertThat(header.get("status").asText()).isEqualTo("under review");
    }

    @Test
    void badInputGetsAClearErrorAndChangesNothing() {
        long log = TestServer.get().core().entries().count();
        int reports = TestServer.get().core().concerns().list().size();
        List<String> bodies = List.of(
                "{\"message\":\"" + "x".repeat(20_001) + "\"}",
                "{\"message\":",
                "{\"message\":\"ok\",\"sender\":\"me\"}",
                "{\"message\":\"\"}",
                "{\"message\":\"nul\\u0000\"}",
                "{\"message\":\"ok\",\"topic\":\"" + "t".repeat(201) + "\"}",
                "[]");
        for (String body : bodies) {
            Api.Answer a = Api.post(Role.PUBLIC, "/api/intake/reports", body);
            assertThat(a.status()).as(body.length() > 80 ? body.substring(0, 80) : body).isEqualTo(400);
            assertThat(a.json().get("message").asText()).isNotBlank();
        }
        Api.Answer wrong = Api.post(Role.PUBLIC, "/api/intake/session", "{\"receipt\":\"0000 0000 0000 0000 0000 0000 0001\"}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("fields").get("receipt").asText()).contains("no report opens");
        assertThat(Api.post(Role.PUBLIC, "/api/intake/session", "{\"receipt\":\"12345\"}").status()).isEqualTo(400);
        assertThat(Api.post(Role.PUBLIC, "/api/intake/session", "{\"receipt\":\"" + "1".repeat(5000) + "\"}").status())
                .isEqualTo(400);
        assertThat(asReporter("report_forged", "/api/intake/report").status()).isEqualTo(401);
        assertThat(Api.postWithToken("report_forged", "/api/intake/report/messages", "{\"text\":\"x\"}").status()).isEqualTo(401);
        assertThat(Api.post(Role.REVIEWER, "/api/intake/reports/999999/messages", "{\"text\":\"x\"}").status()).isEqualTo(404);
        assertThat(Api.post(Role.REVIEWER, "/api/intake/reports/999999/case", "{}").status()).isEqualTo(404);
        assertThat(TestServer.get().core().entries().count()).isEqualTo(log);
        assertThat(TestServer.get().core().concerns().list()).hasSize(reports);
    }

    @Test
    void parallelReportsQueueForTheHashingSlotAndEachGetsItsOwnReceipt() throws Exception {
        int reports = TestServer.get().core().concerns().list().size();
        var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        List<java.util.concurrent.Future<Api.Answer>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String body = "{\"message\":\"parallel " + i + " " + Api.unique() + "\"" + Work.json(Work.fromServer()) + "}";
            futures.add(pool.submit(() -> Api.post(Role.PUBLIC, "/api/intake/reports", body)));
        }
        java.util.Set<String> receipts = new java.util.HashSet<>();
        int created = 0;
        for (var f : futures) {
            Api.Answer a = f.get();
            // Queued behind the single slot; never an internal error. (503 busy only after 30 s of waiting.)
            assertThat(a.status()).as(a.body()).isIn(201, 503);
            if (a.status() == 201) {
                created++;
                receipts.add(a.json().get("receipt").asText());
            }
        }
        pool.close();
        assertThat(receipts).hasSize(created);
        assertThat(TestServer.get().core().concerns().list()).hasSize(reports + created);
    }

    @Test
    void aStaffSessionCookieIsIgnoredByTheIntakeAndNoCookieIsSet() {
        var r = TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/intake/reports"))
                .header("Content-Type", "application/json").header("Cookie", "plumbline_session=whatever")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"from a staff browser\"}")).build());
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
    }

    /**
     * The issue's marker test: a report with a unique marker, sent from an address and with a user agent of its
     * own; after a checkpoint, no file under the data directory (PostgreSQL's included) and nothing the server
     * logged holds the marker, the address or the user agent.
     */
    @Test
    void noMarkerAddressOrUserAgentIsStoredOrLogged() throws Exception {
        String marker = "MARKER-" + UUID.randomUUID();
        String address = "127.0.0.77";
        String agent = "IntakeMarkerAgent/" + UUID.randomUUID();
        HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).build();
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(TestServer.uri("/api/intake/reports"))
                .header("Content-Type", "application/json").header("User-Agent", agent)
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + marker + " in the message\",\"topic\":\""
                        + marker + " topic\"" + Work.json(Work.fromServer()) + "}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String receipt = Api.parse(created).json().get("receipt").asText();
        HttpResponse<String> session = client.send(HttpRequest.newBuilder(TestServer.uri("/api/intake/session"))
                .header("Content-Type", "application/json").header("User-Agent", agent)
                .POST(HttpRequest.BodyPublishers.ofString("{\"receipt\":\"" + receipt + "\"" + Work.json(Work.fromServer()) + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String token = Api.parse(session).json().get("token").asText();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(TestServer.uri("/api/intake/report/messages"))
                .header("Content-Type", "application/json").header("User-Agent", agent).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + marker + " again\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(answer.body()).contains(marker); // it was stored (encrypted) and reads back
        // A file with the marker in its bytes (2 MiB of them: past the 1 MiB at which Javalin's own multipart
        // handling would spool a part to a temporary file) and in its name.
        byte[] fileBytes = (marker + " in the file\n").repeat(2 * 1024 * 1024 / (marker.length() + 13)).getBytes(StandardCharsets.UTF_8);
        MultipartBody upload = new MultipartBody().file("files", marker + ".txt", "text/plain", fileBytes);
        HttpResponse<String> attached = client.send(HttpRequest.newBuilder(TestServer.uri("/api/intake/report/attachments"))
                .header("Content-Type", upload.contentType()).header("User-Agent", agent).header("Authorization", "Bearer " + token)
                .POST(upload.publisher()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(attached.statusCode()).as(attached.body()).isEqualTo(201);
        assertThat(attached.body()).contains(marker + ".txt"); // stored (encrypted), and its name reads back
        assertThat(IntakeAttachmentsTest.download("/api/intake/report/attachments/1", token).body()).isEqualTo(fileBytes);

        TestServer.get().log().nudge();
        TestServer.get().jdbi().useHandle(h -> h.execute("CHECKPOINT"));
        // The data directory and the logs, and any multipart temporary file Jetty would have written (it names them
        // MultiPart*) in the JVM's temporary directory.
        List<Path> roots = new ArrayList<>(List.of(Path.of("target", "test-data"), Path.of("target", "test-logs")));
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            tmp.filter(p -> p.getFileName().toString().startsWith("MultiPart")).forEach(roots::add);
        }
        List<String> found = new ArrayList<>();
        long scanned = 0;
        for (Path root : roots) {
            if (!Files.exists(root)) continue;
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    byte[] content;
                    try {
                        content = Files.readAllBytes(p);
                    } catch (java.io.IOException e) {
                        continue; // a file PostgreSQL removed while we walked
                    }
                    scanned += content.length;
                    for (String needle : List.of(marker, address, agent)) {
                        if (contains(content, needle.getBytes(StandardCharsets.UTF_8))
                                || contains(content, needle.getBytes(StandardCharsets.UTF_16LE))) {
                            found.add(needle + " in " + p);
                        }
                    }
                }
            }
        }
        assertThat(scanned).as("bytes scanned").isGreaterThan(10_000_000); // PostgreSQL's files were there
        assertThat(found).isEmpty();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return true;
        }
        return false;
    }

    private static String quote(String s) {
        try {
            return org.plumbline.server.http.Json.MAPPER.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
