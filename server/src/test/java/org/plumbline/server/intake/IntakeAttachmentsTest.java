package org.plumbline.server.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plumbline.core.record.LogRecord;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;

/**
 * Attachments (sent with a report on the page, or added with the reporter's token) and the proof-of-work, end to
 * end on the shared server: what is accepted, how it is served, and that every refusal stores nothing.
 */
class IntakeAttachmentsTest {
    private static final int MIB = 1024 * 1024;

    @BeforeAll
    static void recipientSignsIn() {
        var r = TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"matrix-reviewer\",\"password\":\""
                        + TestServer.PASSWORD + "\"}")).build());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    record Sent(String receipt, long id) {}

    /** Submits on the page, as a browser without JavaScript does: multipart, no proof-of-work. */
    static HttpResponse<String> postPage(MultipartBody body) {
        return TestServer.send(HttpRequest.newBuilder(TestServer.uri("/report"))
                .header("Content-Type", body.contentType()).POST(body.publisher()).build());
    }

    static Sent receiptOf(HttpResponse<String> page) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Matcher receipt = Pattern.compile("id=\"receipt\">([0-9 ]+)<").matcher(page.body());
        Matcher record = Pattern.compile("id=\"record-link\">([0-9]+)<").matcher(page.body());
        assertThat(receipt.find() && record.find()).as(page.body()).isTrue();
        String subject = LogRecord.parse(Api.bytes("/api/records/" + record.group(1)).body()).subject();
        return new Sent(receipt.group(1), Long.parseLong(subject.substring("concern/".length())));
    }

    static String session(String receipt) {
        Api.Answer a = Api.post(Role.PUBLIC, "/api/intake/session",
                "{\"receipt\":\"" + receipt + "\"" + Work.json(Work.fromServer()) + "}");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json().get("token").asText();
    }

    static HttpResponse<String> upload(String token, MultipartBody body) {
        return TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/intake/report/attachments"))
                .header("Authorization", "Bearer " + token).header("Content-Type", body.contentType())
                .POST(body.publisher()).build());
    }

    static HttpResponse<byte[]> download(String path, String bearer) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(TestServer.uri(path))
                    .header("Authorization", "Bearer " + bearer).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long attachmentRows() {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM concern_attachment").mapTo(Long.class).one());
    }

    @Test
    void filesGoInWithTheReportOrLaterAndAreServedSoThatNothingRunsInOurOrigin() {
        byte[] page = "<html><body><script>alert(document.cookie)</script></body></html>".getBytes(StandardCharsets.UTF_8);
        Sent sent = receiptOf(postPage(new MultipartBody().field("message", "see the attached page " + Api.unique())
                .field("topic", "files").field("powChallenge", "").field("powCounter", "")
                .file("files", "evidence <b>1</b>.html", "text/html", page)));
        String token = session(sent.receipt());

        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8);
        byte[] binary = new byte[3 * MIB];
        new java.util.Random(7).nextBytes(binary);
        HttpResponse<String> added = upload(token, new MultipartBody()
                .file("files", "drawing.svg", "image/svg+xml", svg)
                .file("files", "Übersicht März.bin", null, binary));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        JsonNode list = Api.parse(added).json().get("attachments");
        assertThat(list).hasSize(3);
        assertThat(list.get(0).get("name").asText()).isEqualTo("evidence <b>1</b>.html");
        assertThat(list.get(0).get("type").asText()).isEqualTo("text/html");
        assertThat(list.get(2).get("name").asText()).isEqualTo("Übersicht März.bin");
        assertThat(list.get(2).get("type").asText()).isEqualTo("application/octet-stream");
        assertThat(list.get(2).get("size").asLong()).isEqualTo(binary.length);

        // The reporter sees their own, and downloads them.
        JsonNode view = IntakeApiTest.asReporter(token, "/api/intake/report").json();
        assertThat(view.get("attachments")).hasSize(3);
        assertThat(download("/api/intake/report/attachments/3", token).body()).isEqualTo(binary);

        // A recipient lists and downloads them; each download is logged; nothing is served to render here.
        JsonNode read = Api.get(Role.REVIEWER, "/api/intake/reports/" + sent.id()).json();
        assertThat(read.get("attachments")).hasSize(3);
        for (int n = 1; n <= 2; n++) {
            long before = TestServer.get().core().entries().count();
            HttpResponse<byte[]> file = download("/api/intake/reports/" + sent.id() + "/attachments/" + n, TestServer.token(Role.REVIEWER));
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.body()).isEqualTo(n == 1 ? page : svg);
            assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("application/octet-stream");
            assertThat(file.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;");
            assertThat(file.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(file.headers().firstValue("Content-Security-Policy").orElse("")).contains("sandbox").contains("default-src 'none'");
            assertThat(file.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(TestServer.get().core().entries().count()).isEqualTo(before + 1);
        }
        assertThat(TestServer.get().core().records().forSubject("concern/" + sent.id())).extracting(r -> r.type())
                .contains("concern.attachment-read");
        // The file name in the header cannot break out of it.
        String disposition = download("/api/intake/reports/" + sent.id() + "/attachments/1", TestServer.token(Role.REVIEWER))
                .headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).isEqualTo("attachment; filename=\"evidence__b_1__b_.html\"; "
                + "filename*=UTF-8''evidence%20%3Cb%3E1%3C%2Fb%3E.html");

        for (String bad : List.of("0", "4", "11", "x", "-1")) {
            assertThat(download("/api/intake/reports/" + sent.id() + "/attachments/" + bad, TestServer.token(Role.REVIEWER))
                    .statusCode()).as(bad).isEqualTo(404);
        }
        assertThat(download("/api/intake/report/attachments/1", "report_forged").statusCode()).isEqualTo(401);
        // The recipient's page lists them with links to the same safe download.
        String html = TestServer.get("/intake/" + sent.id(), Role.REVIEWER).body();
        assertThat(html).contains("/intake/" + sent.id() + "/attachments/1").contains("evidence &lt;b&gt;1&lt;/b&gt;.html");
    }

    @Test
    void badFilesAreRefusedWithAClearErrorAndNothingIsStored() throws Exception {
        Sent sent = receiptOf(postPage(new MultipartBody().field("message", "files to be refused " + Api.unique())));
        String token = session(sent.receipt());
        long rows = attachmentRows();
        long log = TestServer.get().core().entries().count();
        int reports = TestServer.get().core().concerns().list().size();

        record Case(String what, MultipartBody body, int status, String field, String says) {}
        MultipartBody many = new MultipartBody();
        for (int i = 0; i < 11; i++) many.file("files", "f" + i + ".txt", "text/plain", "x".getBytes());
        List<Case> cases = List.of(
                new Case("over 25 MiB", new MultipartBody().file("files", "big.bin", null, new byte[25 * MIB + 1]), 400, "files", "larger than 25 MiB"),
                new Case("too many", many, 400, "files", "at most 10 files"),
                new Case("a right-to-left override in the name", new MultipartBody().file("files", "gpj\u202Eexe.txt", "text/plain", "x".getBytes()),
                        400, "files", "control or formatting"),
                new Case("an empty file", new MultipartBody().file("files", "empty.txt", "text/plain", new byte[0]), 400, "files", "is empty"),
                new Case("a bad media type", new MultipartBody().file("files", "t.txt", "text/<x>", "x".getBytes()), 400, "files", "media type"),
                new Case("no files", new MultipartBody(), 400, "files", "choose at least one"),
                new Case("a text part", new MultipartBody().field("message", "x").file("files", "t.txt", null, "x".getBytes()), 400, "message", "unknown"),
                new Case("files under another name", new MultipartBody().file("file", "t.txt", null, "x".getBytes()), 400, "file", "'files'"));
        for (Case c : cases) {
            HttpResponse<String> r = upload(token, c.body());
            assertThat(r.statusCode()).as(c.what() + ": " + r.body()).isEqualTo(c.status());
            assertThat(Api.parse(r).json().at("/fields/" + c.field()).asText()).as(c.what()).contains(c.says());
        }
        // A raw control character in the part's header: refused, whether by Jetty's header parser (malformed) or by
        // the name check. (A tab is not one: header parsing turns it into a space, which is harmless.)
        HttpResponse<String> control = upload(token, new MultipartBody().file("files", "a\u0001b.txt", "text/plain", "x".getBytes()));
        assertThat(control.statusCode()).as(control.body()).isEqualTo(400);
        assertThat(Api.parse(control).json().get("fields").toString()).containsAnyOf("control", "malformed");
        // Malformed multipart: a boundary that never comes, or a body that is no multipart at all.
        HttpResponse<String> malformed = TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/intake/report/attachments"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=nope")
                .POST(HttpRequest.BodyPublishers.ofString("--other\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a\"\r\n\r\nx"))
                .build());
        assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
        assertThat(Api.parse(malformed).json().at("/fields/body").asText()).contains("malformed multipart");
        Api.Answer json = Api.postWithToken(token, "/api/intake/report/attachments", "{\"files\":[]}");
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.json().at("/fields/files").asText()).contains("multipart/form-data");

        // Chunked, with no length declared, past the 32 MiB cap: cut off at the cap, 413.
        MultipartBody head = new MultipartBody();
        byte[] start = ("--" + head.boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"huge.bin\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> chunked = http11.send(HttpRequest.newBuilder(TestServer.uri("/api/intake/report/attachments"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", head.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(
                        new java.io.ByteArrayInputStream(start), new java.io.InputStream() {
                            private long left = 40L * MIB;

                            @Override
                            public int read() {
                                return left-- > 0 ? 'x' : -1;
                            }

                            @Override
                            public int read(byte[] b, int off, int len) {
                                if (left <= 0) return -1;
                                int n = (int) Math.min(len, left);
                                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                                left -= n;
                                return n;
                            }
                        }))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);

        // The same on the page, as a browser without JavaScript sends it: the form again, saying what is wrong.
        HttpResponse<String> page = postPage(new MultipartBody().field("message", "with too big a file")
                .file("files", "big.bin", null, new byte[25 * MIB + 1]));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("id=\"files-error\"").contains("larger than 25 MiB").contains("with too big a file");
        HttpResponse<String> pageBadName = postPage(new MultipartBody().field("message", "bad name")
                .file("files", "gpj\u202Eexe.txt", "text/plain", "x".getBytes()));
        assertThat(pageBadName.statusCode()).isEqualTo(400);
        assertThat(pageBadName.body()).contains("control");

        assertThat(attachmentRows()).isEqualTo(rows);
        assertThat(TestServer.get().core().entries().count()).isEqualTo(log);
        assertThat(TestServer.get().core().concerns().list()).hasSize(reports);
        assertThat(IntakeApiTest.asReporter(token, "/api/intake/report").json().get("attachments")).isEmpty();
    }

    @Test
    void aProofOfWorkIsCheckedAndEachAnswerIsAcceptedOnce() {
        long log = TestServer.get().core().entries().count();
        int reports = TestServer.get().core().concerns().list().size();
        JsonNode c = Api.get(Role.PUBLIC, "/api/intake/challenge").json();
        String challenge = c.get("challenge").asText();
        int bits = c.get("bits").asInt();
        assertThat(bits).isEqualTo(ProofOfWork.BITS);
        ProofOfWork.Answer right = Work.solve(challenge, bits);
        String mac = challenge.substring(challenge.lastIndexOf('.') + 1);
        String forged = challenge.replace(mac, (mac.charAt(0) == '0' ? "1" : "0") + mac.substring(1));
        List<String[]> refused = List.of(
                new String[]{",\"powChallenge\":\"" + challenge + "\",\"powCounter\":\"" + Work.wrong(challenge, bits) + "\"", "does not solve"},
                new String[]{Work.json(Work.solve(forged, bits)), "not issued by this server"},
                new String[]{",\"powChallenge\":\"pow1.nonsense\",\"powCounter\":\"1\"", "not a challenge"},
                new String[]{",\"powChallenge\":\"" + challenge + "\"", "both"},
                new String[]{",\"powChallenge\":\"" + challenge + "\",\"powCounter\":\"12a\"", "decimal"});
        for (String[] r : refused) {
            Api.Answer a = Api.post(Role.PUBLIC, "/api/intake/reports", "{\"message\":\"refused work\"" + r[0] + "}");
            assertThat(a.status()).as(r[1]).isEqualTo(400);
            assertThat(a.json().at("/fields/proofOfWork").asText()).contains(r[1]);
        }
        assertThat(TestServer.get().core().entries().count()).isEqualTo(log);

        Api.Answer ok = Api.post(Role.PUBLIC, "/api/intake/reports", "{\"message\":\"with work " + Api.unique() + "\"" + Work.json(right) + "}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        Api.Answer replay = Api.post(Role.PUBLIC, "/api/intake/reports", "{\"message\":\"replayed work\"" + Work.json(right) + "}");
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json().at("/fields/proofOfWork").asText()).contains("already answered");
        Api.Answer replayedSession = Api.post(Role.PUBLIC, "/api/intake/session",
                "{\"receipt\":\"" + ok.json().get("receipt").asText() + "\"" + Work.json(right) + "}");
        assertThat(replayedSession.status()).isEqualTo(400);
        assertThat(replayedSession.json().at("/fields/proofOfWork").asText()).contains("already answered");
        assertThat(TestServer.get().core().concerns().list()).hasSize(reports + 1);
        assertThat(TestServer.get().core().entries().count()).isEqualTo(log + 1);
    }

    @Test
    void thePagesSayWhyAProofOfWorkWasRefusedAndStoreNothing() {
        int reports = TestServer.get().core().concerns().list().size();
        ProofOfWork.Answer answer = Work.fromServer();
        HttpResponse<String> report = postPage(new MultipartBody().field("message", "kept on the form")
                .field("powChallenge", answer.challenge()).field("powCounter", Work.wrong(answer.challenge(), ProofOfWork.BITS)));
        assertThat(report.statusCode()).isEqualTo(400);
        assertThat(report.body()).contains("id=\"pow-error\"").contains("does not solve").contains("kept on the form");
        HttpResponse<String> back = TestServer.send(HttpRequest.newBuilder(TestServer.uri("/report/return"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("receipt=0000+0000+0000+0000+0000+0000+0001&powChallenge=pow1.forged&powCounter=7"))
                .build());
        assertThat(back.statusCode()).isEqualTo(400);
        assertThat(back.body()).contains("id=\"pow-error\"").contains("not a challenge");
        assertThat(back.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(TestServer.get().core().concerns().list()).hasSize(reports);
    }

    @Test
    void parallelReplaysOfOneAnswerStoreExactlyOneReport() throws Exception {
        int reports = TestServer.get().core().concerns().list().size();
        ProofOfWork.Answer answer = Work.fromServer();
        List<Future<Api.Answer>> futures = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 6; i++) {
                String body = "{\"message\":\"replay " + i + " " + Api.unique() + "\"" + Work.json(answer) + "}";
                futures.add(pool.submit(() -> Api.post(Role.PUBLIC, "/api/intake/reports", body)));
            }
            int created = 0;
            for (Future<Api.Answer> f : futures) {
                Api.Answer a = f.get();
                if (a.status() == 201) {
                    created++;
                } else {
                    assertThat(a.status()).as(a.body()).isEqualTo(400);
                    assertThat(a.json().at("/fields/proofOfWork").asText()).contains("already answered");
                }
            }
            assertThat(created).isEqualTo(1);
        }
        assertThat(TestServer.get().core().concerns().list()).hasSize(reports + 1);
    }
}
