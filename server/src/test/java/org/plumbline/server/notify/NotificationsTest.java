package org.plumbline.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.domain.CaseOrigin;
import org.plumbline.core.domain.Finding;
import org.plumbline.core.domain.NewCase;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;
import org.plumbline.server.auth.UserStore;
import org.plumbline.server.http.ApiException;
import org.plumbline.server.http.Json;
import org.plumbline.signals.cases.FindingRaiser;

/**
 * Notifications end to end, on a server of its own with a real in-process SMTP server (GreenMail) and a real
 * in-process HTTP receiver for webhooks: who gets what, that nothing confidential is in it, that a person who
 * opted out gets nothing, that a delivery is signed, retried and not sent twice, that a deadline notifies once,
 * and that webhooks cannot be pointed into the server's own network unless the operator allows it. Each test
 * runs the notifier's round itself ({@link Notifier#runOnce}); the background round's interval is an hour, so
 * it never runs during the tests.
 */
class NotificationsTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    private static TestServer.Own own;
    private static TestServer.Running server;
    private static HttpServer receiver;
    private static final ConcurrentLinkedQueue<Received> RECEIVED = new ConcurrentLinkedQueue<>();
    /** The statuses the receiver answers with, in turn; 200 once they run out. */
    private static final ConcurrentLinkedQueue<Integer> ANSWERS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger REDIRECT_TARGET_HITS = new AtomicInteger();

    record Received(String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private static UserStore.User reviewer;
    private static UserStore.User optedOut;
    private static UserStore.User investigator;
    private static String managerToken;

    @BeforeAll
    static void start() throws Exception {
        int smtpPort = MAIL.getSmtp().getPort();
        own = TestServer.startOwn("notify", c -> c.withNotifications(NotifyConfig.DEFAULT
                .withSmtp(SmtpConfig.relay("127.0.0.1", smtpPort, "plumbline@example.org"))
                .withPrivateWebhooks(true)  // the receiver is on loopback
                .withPublicUrl(URI.create("https://plumbline.example.org"))
                .withInterval(java.time.Duration.ofHours(1))));
        server = own.server();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            RECEIVED.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body));
            Integer status = ANSWERS.poll();
            int answer = status == null ? 200 : status;
            if (answer / 100 == 3) {
                exchange.getResponseHeaders().add("Location", "/elsewhere");
            }
            // A large body that the sender must not read.
            byte[] big = new byte[1 << 20];
            exchange.sendResponseHeaders(answer, big.length);
            try (var out = exchange.getResponseBody()) {
                out.write(big);
            } catch (java.io.IOException closedEarly) {
                // the sender reads the status line and hangs up: as intended
            }
        });
        receiver.createContext("/elsewhere", exchange -> {
            REDIRECT_TARGET_HITS.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();

        UserStore users = server.users();
        reviewer = users.create("n-reviewer", "Nora Reviewer", Role.REVIEWER, TestServer.PASSWORD);
        optedOut = users.create("n-quiet", "Quinn Quiet", Role.REVIEWER, TestServer.PASSWORD);
        investigator = users.create("n-investigator", "Ivo Investigator", Role.EXTERNAL_INVESTIGATOR, TestServer.PASSWORD);
        var manager = users.create("n-manager", "Mia Manager", Role.ACCOUNT_MANAGER, TestServer.PASSWORD);
        managerToken = users.issueToken(manager.id(), "tests");
        Preferences preferences = new Preferences(server.jdbi());
        Set<NoticeKind> all = Set.of(NoticeKind.values());
        preferences.save(reviewer.id(), "nora@example.org", all);
        preferences.save(investigator.id(), "ivo@example.org", all);
        // Opted out of everything, with an address: nothing may reach it.
        preferences.save(optedOut.id(), "quinn@example.org", Set.of());
        server.notifier().runOnce();  // the users' own setup is not news
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (own != null) {
            own.close();
        }
    }

    private static CaseFile openCase(String title, String summary, String assignee) {
        return server.core().cases().open(new NewCase(null, CaseOrigin.MANUAL, null, title, summary, true, assignee),
                "user/" + reviewer.id());
    }

    private static List<MimeMessage> mailTo(String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address))) {
                out.add(m);
            }
        }
        return out;
    }

    private static List<MimeMessage> mailAbout(String address, String words) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : mailTo(address)) {
            if (m.getSubject().contains(words)) {
                out.add(m);
            }
        }
        return out;
    }

    @Test
    void anAssignmentEmailsTheAssigneeALinkAndNothingOfTheCase() throws Exception {
        CaseFile c = openCase("Secret title of the assignment test", "Secret summary: the customer's unit name", null);
        server.core().cases().assign(c.id(), c.version(), "n-investigator", "user/" + reviewer.id());
        server.notifier().runOnce();

        List<MimeMessage> toInvestigator = mailAbout("ivo@example.org", "Case " + c.id() + " was assigned to you");
        assertThat(toInvestigator).hasSize(1);
        MimeMessage m = toInvestigator.get(0);
        String body = GreenMailUtil.getBody(m);
        assertThat(m.getFrom()[0].toString()).isEqualTo("plumbline@example.org");
        assertThat(body).contains("https://plumbline.example.org/cases/" + c.id());
        assertThat(body + m.getSubject()).doesNotContain("Secret").doesNotContain("customer");
        // The assignment is the assignee's news only.
        assertThat(mailAbout("nora@example.org", "Case " + c.id() + " was assigned")).isEmpty();

        // Another round sends nothing more.
        int before = MAIL.getReceivedMessages().length;
        server.notifier().runOnce();
        assertThat(MAIL.getReceivedMessages()).hasSize(before);
    }

    @Test
    void aCaseOpenedWithAnAssigneeNotifiesThem() throws Exception {
        CaseFile c = openCase("Opened assigned", "Summary", "n-investigator");
        server.notifier().runOnce();
        assertThat(mailAbout("ivo@example.org", "Case " + c.id() + " was assigned to you")).hasSize(1);
    }

    @Test
    void aFindingEmailsTheReviewersAndTheAssigneeButNotWhoOptedOut() throws Exception {
        JsonNode e = engagement();
        String account = e.at("/declaration/accounts/0").asText(e.at("/declaration/declaration/accounts/0").asText());
        LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        FindingRaiser raiser = new FindingRaiser(server.core());
        raiser.accept(new Finding(Finding.keyOf("sudden-growth", account, "westeurope", end.minusDays(29), end),
                "sudden-growth", "Secret finding title", "high", account, e.get("reference").asText(), "westeurope",
                end.minusDays(29), end, Map.of("storage_tb", 900.0), "Secret evidence about " + account));
        long caseId = raiser.raised().get(0).finding().caseId();
        server.notifier().runOnce();

        List<MimeMessage> toReviewer = mailAbout("nora@example.org", "A usage finding was raised on case " + caseId);
        assertThat(toReviewer).hasSize(1);
        String body = GreenMailUtil.getBody(toReviewer.get(0));
        assertThat(body).contains("https://plumbline.example.org/cases/" + caseId)
                .doesNotContain("Secret").doesNotContain(account).doesNotContain(e.get("reference").asText());
        // The investigator is not on that case: nothing for them.
        assertThat(mailAbout("ivo@example.org", "case " + caseId)).isEmpty();
    }

    @Test
    void aPersonWhoOptedOutGetsNothing() throws Exception {
        // Everything the other tests do would reach a reviewer: findings, unassigned reviews past due.
        CaseFile c = openCase("Opt-out", "Summary", null);
        server.jdbi().useHandle(h -> h.createUpdate("UPDATE case_file SET due_at = now() - interval '1 day' WHERE id = :id")
                .bind("id", c.id()).execute());
        server.notifier().runOnce();
        assertThat(mailAbout("nora@example.org", "Case " + c.id() + " is past its review deadline")).hasSize(1);
        assertThat(mailTo("quinn@example.org")).isEmpty();
        Long deliveries = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM notify_delivery WHERE user_id = :u").bind("u", optedOut.id()).mapTo(Long.class).one());
        assertThat(deliveries).isZero();
    }

    @Test
    void aReviewPastDueNotifiesTheAssigneeOnceHoweverOftenItIsChecked() throws Exception {
        CaseFile c = openCase("Due", "Summary", "n-investigator");
        server.notifier().runOnce();
        server.jdbi().useHandle(h -> h.createUpdate("UPDATE case_file SET due_at = now() - interval '1 hour' WHERE id = :id")
                .bind("id", c.id()).execute());
        server.notifier().runOnce();
        server.notifier().runOnce();
        assertThat(server.notifier().checkDeadlines()).isZero();
        assertThat(mailAbout("ivo@example.org", "Case " + c.id() + " is past its review deadline")).hasSize(1);
        // Assigned: the assignee's, not every reviewer's.
        assertThat(mailAbout("nora@example.org", "Case " + c.id() + " is past")).isEmpty();
    }

    @Test
    void aReportAtItsDeadlinesIsAnnouncedToItsRecipientsWithoutAWordOfIt() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/api/intake/reports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"Secret words of the reporter about unit 8200\",\"topic\":\"Secret topic\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        long id = server.core().concerns().list().stream().mapToLong(org.plumbline.core.intake.Concern::id).max().orElseThrow();
        server.notifier().runOnce();
        assertThat(mailAbout("nora@example.org", "A report is due")).as("not yet due").isEmpty();

        // Received eight days ago: the 7-day acknowledgement deadline has passed unmet.
        server.jdbi().useHandle(h -> h.createUpdate("UPDATE concern SET received_on = current_date - 8 WHERE id = :id")
                .bind("id", id).execute());
        server.notifier().runOnce();
        server.notifier().runOnce();
        List<MimeMessage> ack = mailAbout("nora@example.org", "A report is due for acknowledgement");
        assertThat(ack).hasSize(1);
        String body = GreenMailUtil.getBody(ack.get(0));
        assertThat(body).contains("https://plumbline.example.org/intake/" + id);
        assertThat(body + ack.get(0).getSubject()).doesNotContain("Secret").doesNotContain("8200").doesNotContain("reporter");

        // Four months: the feedback deadline too, once.
        server.jdbi().useHandle(h -> h.createUpdate("UPDATE concern SET received_on = current_date - interval '4 months' WHERE id = :id")
                .bind("id", id).execute());
        server.notifier().runOnce();
        server.notifier().runOnce();
        assertThat(mailAbout("nora@example.org", "A report is due for feedback")).hasSize(1);
        assertThat(mailAbout("nora@example.org", "A report is due for acknowledgement")).hasSize(1);
        // Not a report recipient's role: nothing.
        assertThat(mailAbout("ivo@example.org", "A report is due")).isEmpty();
    }

    @Test
    void aDirectiveNotAcknowledgedInTimeIsAnnouncedToApproversOnce() throws Exception {
        UserStore.User approver = server.users().create("n-approver-" + Api.unique().replace('-', '.'), "Ada Approver",
                Role.APPROVER, TestServer.PASSWORD);
        String address = "ada-" + approver.id() + "@example.org";
        new Preferences(server.jdbi()).save(approver.id(), address, Set.of(NoticeKind.values()));
        JsonNode e = engagement();
        String account = e.at("/declaration/accounts/0").asText(e.at("/declaration/declaration/accounts/0").asText());
        var cases = server.core().cases();
        CaseFile c = cases.open(new NewCase(e.get("id").asLong(), CaseOrigin.MANUAL, null, "Secret directive case", "Summary",
                true, null), "user/" + reviewer.id());
        c = cases.move(c.id(), c.version(), org.plumbline.core.domain.CaseState.IN_REVIEW, "look", "user/" + reviewer.id());
        cases.decide(c.id(), c.version(), new org.plumbline.core.domain.DecisionInput(org.plumbline.core.domain.DecisionKind.SUSPEND,
                List.of(account), List.of("Speech to Text"), null, "Secret rationale", org.plumbline.core.domain.EscalationLevel.LEADERSHIP,
                null), "user/" + approver.id());
        long directive = server.core().directives().forEngagement(e.get("id").asLong()).get(0).id();
        server.notifier().runOnce();
        assertThat(mailAbout(address, "Directive " + directive)).as("not overdue yet").isEmpty();

        // Time passes: the directive table is append-only (a trigger), so the test moves its deadline with triggers off
        // for this one statement, as only a superuser can.
        server.jdbi().useTransaction(h -> {
            h.execute("SET LOCAL session_replication_role = replica");
            h.createUpdate("UPDATE directive SET ack_deadline = now() - interval '1 hour' WHERE id = :id").bind("id", directive).execute();
        });
        server.notifier().runOnce();
        server.notifier().runOnce();
        List<MimeMessage> overdue = mailAbout(address, "Directive " + directive + " has not been acknowledged by its deadline");
        assertThat(overdue).hasSize(1);
        assertThat(GreenMailUtil.getBody(overdue.get(0)) + overdue.get(0).getSubject()).doesNotContain("Secret").doesNotContain(account);
        // Reviewers do not run the enforcement: not theirs.
        assertThat(mailAbout("nora@example.org", "Directive " + directive)).isEmpty();
    }

    @Test
    void aWebhookDeliveryIsSignedRetriedWithTheSameIdAndNotSentAgainOnceDelivered() throws Exception {
        Webhooks webhooks = new Webhooks(server.jdbi(), Clock.systemUTC(), true);
        Webhooks.Registered hook = webhooks.register(receiverUrl("/hook"), Set.of("case.assigned"), "user/1");
        assertThat(hook.secret()).startsWith("whsec_");
        RECEIVED.clear();
        ANSWERS.add(503);  // the receiver is down for the first attempt
        CaseFile c = openCase("Secret webhook case", "Secret summary", null);
        server.core().cases().assign(c.id(), c.version(), "n-investigator", "user/" + reviewer.id());
        server.notifier().runOnce();
        assertThat(RECEIVED).hasSize(1);
        // Backoff: not again until the next attempt is due; make it due now, as if 30 s had passed.
        server.notifier().runOnce();
        assertThat(RECEIVED).hasSize(1);
        server.jdbi().useHandle(h -> h.execute("UPDATE notify_delivery SET next_attempt_at = now() WHERE delivered_at IS NULL AND failed_at IS NULL"));
        server.notifier().runOnce();
        assertThat(RECEIVED).hasSize(2);
        server.jdbi().useHandle(h -> h.execute("UPDATE notify_delivery SET next_attempt_at = now() WHERE delivered_at IS NULL AND failed_at IS NULL"));
        server.notifier().runOnce();
        assertThat(RECEIVED).as("delivered: not sent again").hasSize(2);

        List<Received> got = List.copyOf(RECEIVED);
        assertThat(got.get(0).header("webhook-id")).isEqualTo(got.get(1).header("webhook-id"));
        for (Received r : got) {
            long timestamp = Long.parseLong(r.header("webhook-timestamp"));
            assertThat(WebhookSignature.verify(hook.secret(), r.header("webhook-id"), timestamp, r.body(), r.header("webhook-signature")))
                    .as("signature verifies").isTrue();
            // A changed body, id or timestamp does not verify.
            byte[] tampered = r.body().clone();
            tampered[tampered.length - 2] ^= 1;
            assertThat(WebhookSignature.verify(hook.secret(), r.header("webhook-id"), timestamp, tampered, r.header("webhook-signature"))).isFalse();
            assertThat(WebhookSignature.verify(hook.secret(), r.header("webhook-id"), timestamp + 1, r.body(), r.header("webhook-signature"))).isFalse();
        }
        JsonNode json = Json.MAPPER.readTree(got.get(1).body());
        assertThat(json.get("type").asText()).isEqualTo("case.assigned");
        assertThat(json.at("/data/link").asText()).isEqualTo("https://plumbline.example.org/cases/" + c.id());
        assertThat(new String(got.get(1).body(), StandardCharsets.UTF_8)).doesNotContain("Secret").doesNotContain("n-investigator");
        webhooks.remove(hook.webhook().id());
    }

    @Test
    void aRedirectIsNotFollowedAndARemovedWebhookGetsNothing() throws Exception {
        Webhooks webhooks = new Webhooks(server.jdbi(), Clock.systemUTC(), true);
        Webhooks.Registered hook = webhooks.register(receiverUrl("/hook"), Set.of("case.review-due"), "user/1");
        RECEIVED.clear();
        ANSWERS.add(302);
        CaseFile c = openCase("Redirect", "Summary", null);
        server.jdbi().useHandle(h -> h.createUpdate("UPDATE case_file SET due_at = now() - interval '1 day' WHERE id = :id")
                .bind("id", c.id()).execute());
        server.notifier().runOnce();
        assertThat(RECEIVED).hasSize(1);
        assertThat(REDIRECT_TARGET_HITS.get()).isZero();
        String error = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT last_error FROM notify_delivery WHERE webhook_id = :w").bind("w", hook.webhook().id()).mapTo(String.class).one());
        assertThat(error).contains("302").contains("redirects are not followed");

        webhooks.remove(hook.webhook().id());
        server.jdbi().useHandle(h -> h.execute("UPDATE notify_delivery SET next_attempt_at = now() WHERE delivered_at IS NULL AND failed_at IS NULL"));
        server.notifier().runOnce();
        assertThat(RECEIVED).hasSize(1);
    }

    @Test
    void aDeliveryClaimedByASenderThatDiedIsSentOnceTheLeaseEnds() throws Exception {
        CaseFile c = openCase("Killed sender", "Summary", null);
        server.core().cases().assign(c.id(), c.version(), "n-investigator", "user/" + reviewer.id());
        // Derive only; then a sender claims everything due and dies before sending (kill -9): nothing settles.
        server.notifier().derive();
        List<Outbox.Due> claimed = new Outbox(server.jdbi()).claim(100, java.time.Instant.now());
        assertThat(claimed).isNotEmpty();
        server.notifier().runOnce();
        assertThat(mailAbout("ivo@example.org", "Case " + c.id() + " was assigned")).as("leased: not yet").isEmpty();
        // The lease runs out (5 minutes, here made to have passed).
        server.jdbi().useHandle(h -> h.execute("UPDATE notify_delivery SET next_attempt_at = now() WHERE delivered_at IS NULL AND failed_at IS NULL"));
        server.notifier().runOnce();
        server.notifier().runOnce();
        assertThat(mailAbout("ivo@example.org", "Case " + c.id() + " was assigned")).hasSize(1);
    }

    @Test
    void webhooksToTheServersOwnNetworkAreRefusedUnlessAllowed() {
        Webhooks strict = new Webhooks(server.jdbi(), Clock.systemUTC(), false);
        for (String url : List.of(receiverUrl("/hook"), "http://localhost/x", "http://169.254.169.254/latest/meta-data",
                "http://10.1.2.3/", "http://192.168.0.1/", "http://[::1]/", "http://[fd00::1]/", "http://0.0.0.0/",
                "http://100.64.0.1/", "http://[::ffff:127.0.0.1]/", "ftp://example.org/", "https://user:pw@example.org/",
                "javascript:alert(1)", "https://example.org/\r\nX: y", "")) {
            try {
                strict.register(url, Set.of("case.assigned"), "user/1");
                throw new AssertionError("registered " + url);
            } catch (ApiException e) {
                assertThat(e.status()).as(url).isEqualTo(400);
                assertThat(e.fields()).as(url).containsKey("url");
            }
        }
        try {
            strict.register("https://example.org/hook", Set.of("no-such-kind"), "user/1");
            throw new AssertionError("registered an unknown kind");
        } catch (ApiException e) {
            assertThat(e.fields()).containsKey("kinds");
        }
    }

    @Test
    void addressesAreSortedIntoPublicAndNot() throws Exception {
        for (String a : List.of("127.0.0.1", "10.0.0.1", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
                "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "fe80::1", "fc00::1", "fd12::1", "::", "::127.0.0.1",
                "64:ff9b::a9fe:a9fe")) {
            assertThat(WebhookAddress.isPublic(java.net.InetAddress.getByName(a))).as(a).isFalse();
        }
        for (String a : List.of("93.184.216.34", "8.8.8.8", "2606:4700:4700::1111")) {
            assertThat(WebhookAddress.isPublic(java.net.InetAddress.getByName(a))).as(a).isTrue();
        }
    }

    @Test
    void anAddressThatCouldAddHeadersOrRecipientsIsRefused() {
        Preferences preferences = new Preferences(server.jdbi());
        for (String bad : List.of("a@b.org\r\nBcc: x@y.org", "a@b.org, x@y.org", "Name <a@b.org>", "no-at-sign", "a@", "@b.org",
                "a b@c.org", "a@b.org\u0000")) {
            try {
                preferences.save(reviewer.id(), bad, Set.of(NoticeKind.values()));
                throw new AssertionError("accepted " + bad);
            } catch (ApiException e) {
                assertThat(e.fields()).as(bad).containsKey("email");
            }
        }
        assertThat(preferences.of(reviewer.id()).email()).contains("nora@example.org");
    }

    private static String receiverUrl(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    /** An engagement on this test's own server, through its API. */
    private static JsonNode engagement() throws Exception {
        String u = Api.unique();
        JsonNode customer = post("/api/customers", "{\"name\":\"Ministry of Notices " + u + "\",\"kind\":\"ministry\",\"country\":\"NL\"}");
        return post("/api/engagements", "{\"customerId\":" + customer.get("id").asLong() + ",\"reference\":\"ENG-N-" + u + "\","
                + Api.DECLARATION.formatted(u) + "}");
    }

    private static JsonNode post(String path, String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Bearer " + managerToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Json.MAPPER.readTree(r.body());
    }
}
