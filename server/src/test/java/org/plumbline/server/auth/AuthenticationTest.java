package org.plumbline.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plumbline.server.TestServer;
import org.plumbline.server.http.Json;

/** Sign-in with password and TOTP, session cookies, CSRF protection and bearer tokens, over real HTTP. */
class AuthenticationTest {
    private static UserStore users;

    @BeforeAll
    static void start() {
        users = TestServer.get().users();
    }

    private static HttpResponse<String> login(String username, String password, String totp) {
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\""
                + (totp == null ? "" : ",\"totp\":\"" + totp + "\"") + "}";
        return TestServer.post("/api/session", Role.PUBLIC, body);
    }

    private static String cookie(HttpResponse<String> r) {
        List<String> set = r.headers().allValues("Set-Cookie");
        assertThat(set).hasSize(1);
        return set.get(0).split(";", 2)[0];
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void aSessionCookieIsSecureHttpOnlyAndStrict() throws Exception {
        users.create("auth-alice", "Alice", Role.REVIEWER, TestServer.PASSWORD);
        HttpResponse<String> r = login("auth-alice", TestServer.PASSWORD, null);
        assertThat(r.statusCode()).isEqualTo(200);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("Secure").containsIgnoringCase("SameSite=Strict");
        assertThat(json(r).get("role").asText()).isEqualTo("reviewer");
        assertThat(json(r).get("csrfToken").asText()).hasSizeGreaterThan(40);

        HttpResponse<String> me = TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/session"))
                .header("Cookie", cookie(r)).GET().build());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).get("username").asText()).isEqualTo("auth-alice");
    }

    @Test
    void pagesCarrySecurityHeaders() {
        HttpResponse<String> r = TestServer.get("/login", Role.PUBLIC);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        // An anonymous visitor to a page is sent to sign in, and comes back afterwards.
        HttpResponse<String> page = TestServer.get("/cases", Role.PUBLIC);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).isEqualTo("/login?next=%2Fcases");
        // Unknown API paths answer JSON, unknown pages an HTML page.
        HttpResponse<String> api = TestServer.get("/api/no-such-endpoint", Role.REVIEWER);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.body()).contains("\"error\":\"not-found\"");
        HttpResponse<String> html = TestServer.get("/no-such-page", Role.PUBLIC);
        assertThat(html.statusCode()).isEqualTo(404);
        assertThat(html.body()).contains("There is no page at /no-such-page");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameFieldMessage() throws Exception {
        users.create("auth-bob", "Bob", Role.AUDITOR, TestServer.PASSWORD);
        HttpResponse<String> wrong = login("auth-bob", "not the password", null);
        HttpResponse<String> unknown = login("auth-nobody", "not the password", null);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(wrong).get("fields")).isEqualTo(json(unknown).get("fields"));
        assertThat(json(wrong).at("/fields/password").asText()).isEqualTo(Login.WRONG);
    }

    @Test
    void missingFieldsAreNamed() throws Exception {
        HttpResponse<String> r = TestServer.post("/api/session", Role.PUBLIC, "{\"usernme\":\"x\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("fields").fieldNames()).toIterable().contains("usernme", "username", "password");
        HttpResponse<String> bad = TestServer.post("/api/session", Role.PUBLIC, "{\"username\":");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).at("/fields/body").asText()).contains("line 1, column");
    }

    @Test
    void repeatedFailuresLockTheAccount() {
        users.create("auth-carol", "Carol", Role.APPROVER, TestServer.PASSWORD);
        for (int i = 0; i < Login.MAX_FAILURES; i++) {
            assertThat(login("auth-carol", "wrong", null).statusCode()).isEqualTo(400);
        }
        assertThat(login("auth-carol", TestServer.PASSWORD, null).statusCode()).isEqualTo(429);
    }

    @Test
    void parallelWrongPasswordsAreCheckedAtMostFiveTimesPerLock() throws Exception {
        // The attack from the issue: many guesses in flight at once must not slip past the lock while
        // their passwords are being hashed, and a later right password must meet the lock.
        users.create("auth-race", "Race", Role.AUDITOR, TestServer.PASSWORD);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 49; i++) {
                String guess = "wrong guess " + i;
                attempts.add(pool.submit(() -> login("auth-race", guess, null).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : attempts) {
                statuses.add(f.get());
            }
            // 503: turned away while every hashing slot was busy (HashingSlots), before anything was counted.
            assertThat(statuses).contains(400).allMatch(s -> s == 400 || s == 429 || s == 503);
            long checked = statuses.stream().filter(s -> s == 400).count();
            assertThat(checked).isLessThanOrEqualTo(Login.MAX_FAILURES);
            // Attempts turned away for load were not counted: the lock comes after exactly the failures still due.
            for (long i = checked; i < Login.MAX_FAILURES; i++) {
                assertThat(login("auth-race", "one more wrong guess", null).statusCode()).isEqualTo(400);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(login("auth-race", TestServer.PASSWORD, null).statusCode()).isEqualTo(429);
    }

    private static HttpResponse<String> formSignIn(String query, String username, String origin) {
        HttpRequest.Builder b = HttpRequest.newBuilder(TestServer.uri("/login" + query))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password="
                        + java.net.URLEncoder.encode(TestServer.PASSWORD, java.nio.charset.StandardCharsets.UTF_8)));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return TestServer.send(b.build());
    }

    @Test
    void afterSignInTheRedirectStaysOnThisServer() {
        users.create("auth-next", "Next", Role.AUDITOR, TestServer.PASSWORD);
        assertThat(formSignIn("?next=%2Fcases", "auth-next", null).headers().firstValue("Location")).contains("/cases");
        // A browser drops tabs and newlines from a URL, so "/\t/host" becomes "//host": another site.
        for (String next : List.of("/%09/evil.example:80/path", "/%0A/evil.example", "/%0D%0A/evil.example",
                "/%00/evil.example", "/%5Cevil.example", "%2F%2Fevil.example", "/%7F/evil.example", "https://evil.example/")) {
            HttpResponse<String> r = formSignIn("?next=" + next, "auth-next", null);
            assertThat(r.statusCode()).as(next).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).as(next).contains("/");
        }
    }

    @Test
    void signInFromAnOpaqueOrCrossSiteOriginIsRefused() {
        // "Origin: null" is what a sandboxed frame or a no-referrer page sends: never this server.
        users.create("auth-origin", "Origin", Role.AUDITOR, TestServer.PASSWORD);
        for (String origin : List.of("null", "https://evil.example")) {
            HttpResponse<String> form = formSignIn("", "auth-origin", origin);
            assertThat(form.statusCode()).as(origin).isEqualTo(403);
            assertThat(form.headers().allValues("Set-Cookie")).as(origin).isEmpty();
            HttpResponse<String> api = TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/session"))
                    .header("Content-Type", "application/json").header("Origin", origin)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"auth-origin\",\"password\":\""
                            + TestServer.PASSWORD + "\"}")).build());
            assertThat(api.statusCode()).as(origin).isEqualTo(403);
            assertThat(api.headers().allValues("Set-Cookie")).as(origin).isEmpty();
        }
        String self = TestServer.get().url();
        assertThat(formSignIn("", "auth-origin", self).statusCode()).isEqualTo(303);
    }

    @Test
    void totpIsRequiredOnceEnrolled() throws Exception {
        var u = users.create("auth-dave", "Dave", Role.APPROVER, TestServer.PASSWORD);
        String secret = Totp.newSecret(Secrets.random());
        users.setTotpSecret(u.id(), secret);
        HttpResponse<String> noCode = login("auth-dave", TestServer.PASSWORD, null);
        assertThat(noCode.statusCode()).isEqualTo(400);
        assertThat(json(noCode).at("/fields/password").asText()).isEqualTo(Login.WRONG);
        assertThat(login("auth-dave", TestServer.PASSWORD, wrongCode(secret)).statusCode()).isEqualTo(400);
        String code = Totp.codeAt(Base32.decode(secret), Instant.now().getEpochSecond() / 30, 6, "HmacSHA1");
        assertThat(login("auth-dave", TestServer.PASSWORD, code).statusCode()).isEqualTo(200);
    }

    private static String codeNow(String secret) {
        return Totp.codeAt(Base32.decode(secret), Instant.now().getEpochSecond() / Totp.STEP_SECONDS, Totp.DIGITS, "HmacSHA1");
    }

    /** A code that no step of the acceptance window produces. */
    private static String wrongCode(String secret) {
        long step = Instant.now().getEpochSecond() / Totp.STEP_SECONDS;
        List<String> window = new ArrayList<>();
        for (long s = step - 2; s <= step + 2; s++) {
            window.add(Totp.codeAt(Base32.decode(secret), s, Totp.DIGITS, "HmacSHA1"));
        }
        for (int i = 0; ; i++) {
            String c = "%06d".formatted(i * 111_111 % 1_000_000);
            if (!window.contains(c)) {
                return c;
            }
        }
    }

    @Test
    void aTotpCodeSignsInOnlyOnce() {
        var u = users.create("auth-replay", "Replay", Role.APPROVER, TestServer.PASSWORD);
        String secret = Totp.newSecret(Secrets.random());
        users.setTotpSecret(u.id(), secret);
        String code = codeNow(secret);
        assertThat(login("auth-replay", TestServer.PASSWORD, code).statusCode()).isEqualTo(200);
        // Whoever saw the code (over a shoulder, in a proxy log) cannot use it again in its 90 seconds.
        assertThat(login("auth-replay", TestServer.PASSWORD, code).statusCode()).isEqualTo(400);
    }

    @Test
    void everySignInFailureOfASecondFactorAccountGetsTheSameAnswer() throws Exception {
        // Otherwise a guesser learns the password is right from the answer, without the second factor.
        var u = users.create("auth-gina", "Gina", Role.APPROVER, TestServer.PASSWORD);
        String secret = Totp.newSecret(Secrets.random());
        users.setTotpSecret(u.id(), secret);
        String wrong = wrongCode(secret);
        List<HttpResponse<String>> answers = List.of(
                login("auth-gina", "not the password", null),
                login("auth-gina", "not the password", wrong),
                login("auth-gina", TestServer.PASSWORD, null),
                login("auth-gina", TestServer.PASSWORD, wrong),
                login("auth-nobody-at-all", "not the password", wrong));
        for (HttpResponse<String> r : answers) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).get("fields")).isEqualTo(json(answers.get(0)).get("fields"));
        }
    }

    private static HttpResponse<String> accountForm(String path, String cookie, String csrf, String form) {
        return TestServer.send(HttpRequest.newBuilder(TestServer.uri(path)).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&" + form)).build());
    }

    @Test
    void aSessionCannotReplaceTheSecondFactorWithASecretOfItsChoosing() throws Exception {
        // Whoever holds a session (a stolen cookie, an unlocked screen) must not be able to make the
        // account's second factor their own: the secret comes from the server, and changing it takes
        // the current factor.
        var u = users.create("auth-hal", "Hal", Role.AUDITOR, TestServer.PASSWORD);
        String secret = Totp.newSecret(Secrets.random());
        users.setTotpSecret(u.id(), secret);
        HttpResponse<String> r = login("auth-hal", TestServer.PASSWORD, codeNow(secret));
        assertThat(r.statusCode()).isEqualTo(200);
        String cookie = cookie(r);
        String csrf = json(r).get("csrfToken").asText();

        String chosen = Totp.newSecret(Secrets.random());
        HttpResponse<String> replace = accountForm("/account/totp", cookie, csrf, "secret=" + chosen + "&code=" + codeNow(chosen));
        assertThat(replace.statusCode()).isEqualTo(400);
        HttpResponse<String> start = accountForm("/account/totp/new", cookie, csrf, "password=");
        assertThat(start.statusCode()).isEqualTo(400);
        assertThat(users.byUsername("auth-hal").orElseThrow().totpSecret()).isEqualTo(secret);
    }

    @Test
    void bearerTokensAreIssuedOnlyForMachineAccounts() throws Exception {
        // A token for a person's account would let an admin act as that person, past their password and
        // second factor, with the records naming the person.
        users.create("auth-ivy", "Ivy", Role.REVIEWER, TestServer.PASSWORD);
        HttpResponse<String> human = TestServer.post("/api/users/auth-ivy/tokens", Role.ADMIN, "{\"name\":\"act as ivy\"}");
        assertThat(human.statusCode()).isEqualTo(409);
        assertThat(json(human).get("message").asText()).contains("machine");
        users.create("auth-robot-2", "Robot", Role.ENFORCEMENT_SYSTEM, null);
        HttpResponse<String> machine = TestServer.post("/api/users/auth-robot-2/tokens", Role.ADMIN, "{\"name\":\"feed\"}");
        assertThat(machine.statusCode()).isEqualTo(201);
        assertThat(json(machine).get("token").asText()).startsWith("plb_");
    }

    @Test
    void stateChangingCookieRequestsNeedTheCsrfToken() throws Exception {
        users.create("auth-erin", "Erin", Role.ADMIN, TestServer.PASSWORD);
        HttpResponse<String> r = login("auth-erin", TestServer.PASSWORD, null);
        String cookie = cookie(r);
        String csrf = json(r).get("csrfToken").asText();
        String newUser = "{\"username\":\"auth-made-%s\",\"displayName\":\"M\",\"role\":\"auditor\",\"password\":\"long enough password\"}";

        HttpResponse<String> without = TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/users"))
                .header("Cookie", cookie).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(newUser.formatted("a"))).build());
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(json(without).get("message").asText()).contains("CSRF");

        HttpResponse<String> wrong = TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/users"))
                .header("Cookie", cookie).header("Content-Type", "application/json").header("X-CSRF-Token", "nope")
                .POST(HttpRequest.BodyPublishers.ofString(newUser.formatted("b"))).build());
        assertThat(wrong.statusCode()).isEqualTo(403);

        HttpResponse<String> crossSite = TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/users"))
                .header("Cookie", cookie).header("Content-Type", "application/json").header("X-CSRF-Token", csrf)
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(newUser.formatted("c"))).build());
        assertThat(crossSite.statusCode()).isEqualTo(403);

        HttpResponse<String> ok = TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/users"))
                .header("Cookie", cookie).header("Content-Type", "application/json").header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(newUser.formatted("d"))).build());
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(users.byUsername("auth-made-a")).isEmpty();
        assertThat(users.byUsername("auth-made-d")).isPresent();
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        users.create("auth-frank", "Frank", Role.AUDITOR, TestServer.PASSWORD);
        HttpResponse<String> r = login("auth-frank", TestServer.PASSWORD, null);
        String cookie = cookie(r);
        String csrf = json(r).get("csrfToken").asText();
        HttpResponse<String> out = TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/session"))
                .header("Cookie", cookie).header("X-CSRF-Token", csrf).DELETE().build());
        assertThat(out.statusCode()).isEqualTo(204);
        HttpResponse<String> me = TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/session"))
                .header("Cookie", cookie).GET().build());
        assertThat(me.statusCode()).isEqualTo(401);
    }

    @Test
    void tokensAreStoredHashedAndDieWithTheirUser() {
        var u = users.create("auth-robot", "Robot", Role.ENFORCEMENT_SYSTEM, null);
        String token = users.issueToken(u.id(), "t");
        Long rows = TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM server_api_token WHERE encode(token_hash, 'escape') LIKE :t")
                .bind("t", "%" + token + "%").mapTo(Long.class).one());
        assertThat(rows).isZero();
        HttpResponse<String> ok = TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/session"))
                .header("Authorization", "Bearer " + token).GET().build());
        assertThat(ok.statusCode()).isEqualTo(200);
        users.setDisabled(u.id(), true);
        HttpResponse<String> gone = TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/session"))
                .header("Authorization", "Bearer " + token).GET().build());
        assertThat(gone.statusCode()).isEqualTo(401);
        HttpResponse<String> garbage = TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/session"))
                .header("Authorization", "Bearer plb_garbage").GET().build());
        assertThat(garbage.statusCode()).isEqualTo(401);
    }
}
