package org.plumbline.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plumbline.core.intake.RecipientKey;
import org.plumbline.server.TestServer;
import org.plumbline.server.http.Json;

/**
 * A person changes their own password on /account: only with the current one, never to a weak one; their other
 * sessions end; and an intake recipient's key pair is the same afterwards (wrapped anew), so the reports sealed
 * to it still open, where a new key pair would have left them to be shared again.
 */
class PasswordChangeTest {
    private static final String NEW_PASSWORD = "a new password of mine";
    private static UserStore users;

    @BeforeAll
    static void start() {
        users = TestServer.get().users();
    }

    private record Session(String cookie, String csrf) {}

    private static HttpResponse<String> login(String username, String password) {
        return TestServer.post("/api/session", Role.PUBLIC,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    private static Session session(String username, String password) throws Exception {
        HttpResponse<String> r = login(username, password);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new Session(r.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0],
                Json.MAPPER.readTree(r.body()).get("csrfToken").asText());
    }

    private static HttpResponse<String> change(Session s, String current, String next, String repeat) {
        String form = "_csrf=" + s.csrf() + "&current-password=" + enc(current) + "&new-password=" + enc(next)
                + "&repeat-password=" + enc(repeat);
        return TestServer.send(HttpRequest.newBuilder(TestServer.uri("/account/password")).header("Cookie", s.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int whoAmI(String cookie) {
        return TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/session")).header("Cookie", cookie).GET().build())
                .statusCode();
    }

    @Test
    void aRecipientsNewPasswordOpensTheSameKeyPairAndEndsTheOtherSessions() throws Exception {
        var u = users.create("pw-rita", "Rita", Role.REVIEWER, TestServer.PASSWORD);
        Session here = session("pw-rita", TestServer.PASSWORD);
        Session elsewhere = session("pw-rita", TestServer.PASSWORD);
        String account = Principal.actorOf(u.id());
        RecipientKey before = TestServer.get().core().concerns().recipientKey(account).orElseThrow();

        HttpResponse<String> r = change(here, TestServer.PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith("/account?done=Password+changed");
        String newCookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        assertThat(whoAmI(newCookie)).isEqualTo(200);
        assertThat(whoAmI(elsewhere.cookie())).isEqualTo(401);
        assertThat(whoAmI(here.cookie())).isEqualTo(401);

        assertThat(login("pw-rita", TestServer.PASSWORD).statusCode()).isEqualTo(400);
        assertThat(login("pw-rita", NEW_PASSWORD).statusCode()).isEqualTo(200);
        // The sign-in with the new password opened the stored key: had it not, it would have made a new pair.
        RecipientKey after = TestServer.get().core().concerns().recipientKey(account).orElseThrow();
        assertThat(after.publicKey()).isEqualTo(before.publicKey());
        assertThat(after.wrappedPrivate()).isNotEqualTo(before.wrappedPrivate());
        assertThat(after.unlock(NEW_PASSWORD)).isEqualTo(before.unlock(TestServer.PASSWORD));
    }

    @Test
    void withoutTheCurrentPasswordOrWithAWeakOneNothingChanges() throws Exception {
        users.create("pw-sam", "Sam", Role.AUDITOR, TestServer.PASSWORD);
        Session s = session("pw-sam", TestServer.PASSWORD);
        List<HttpResponse<String>> refused = List.of(
                change(s, "not the password", NEW_PASSWORD, NEW_PASSWORD),
                change(s, TestServer.PASSWORD, "too short", "too short"),
                change(s, TestServer.PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!"),
                change(s, TestServer.PASSWORD, "x".repeat(1001), "x".repeat(1001)));
        assertThat(refused).extracting(HttpResponse::statusCode).containsOnly(400);
        assertThat(refused.get(0).body()).contains(Login.WRONG);
        assertThat(refused.get(1).body()).contains("at least 12 characters");
        assertThat(refused.get(2).body()).contains("not the same as the new password");
        assertThat(refused.get(3).body()).contains("at most 1000 characters");
        assertThat(whoAmI(s.cookie())).isEqualTo(200);
        assertThat(login("pw-sam", TestServer.PASSWORD).statusCode()).isEqualTo(200);
        assertThat(login("pw-sam", NEW_PASSWORD).statusCode()).isEqualTo(400);
    }
}
