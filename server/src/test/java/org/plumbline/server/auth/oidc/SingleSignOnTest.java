package org.plumbline.server.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plumbline.server.Api;
import org.plumbline.server.OidcTestServer;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;
import org.plumbline.server.auth.UserStore;
import org.plumbline.server.http.Json;

/**
 * Single sign-on end to end over HTTP, against a real OpenID provider in this JVM and a Plumbline server
 * with local passwords off: each step of the browser's journey is one request, so every redirect, cookie and
 * parameter can be looked at, replayed or changed the way an attacker would.
 */
class SingleSignOnTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static OidcTestServer oidc;

    @BeforeAll
    static void start() {
        oidc = OidcTestServer.get();
    }

    /** The browser back from the provider: the callback it is sent to, and its sign-in cookie. */
    record Returning(URI callback, String signInCookie, URI authorization) {
    }

    @Test
    void aMappedGroupSignsInWithItsRoleAndComesBackWhereItAsked() throws Exception {
        String sub = "sub-" + Api.unique();
        oidc.nextSignIn(sub, "rita.reviewer", List.of("unrelated", "plumbline-reviewers"));
        Returning r = toProviderAndBack("/cases");

        // What Plumbline asked the provider for: code flow, PKCE S256, state, nonce, this client, our callback.
        Map<String, String> asked = query(r.authorization());
        assertThat(asked).containsEntry("response_type", "code").containsEntry("code_challenge_method", "S256")
                .containsEntry("client_id", OidcTestServer.CLIENT_ID)
                .containsEntry("redirect_uri", oidc.url() + "/login/oidc/callback");
        assertThat(asked.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(asked.get("state")).matches("[A-Za-z0-9_-]{43}");
        assertThat(asked.get("nonce")).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(asked.get("state"));
        assertThat(asked.get("scope").split(" ")).contains("openid");

        HttpResponse<String> done = get(r.callback(), "plumbline_oidc=" + r.signInCookie());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("url=/cases");
        String session = cookie(done, "plumbline_session");
        assertThat(done.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("plumbline_oidc=;"));

        JsonNode me = whoAmI(session);
        assertThat(me.get("role").asText()).isEqualTo("reviewer");
        assertThat(me.get("username").asText()).isEqualTo("rita.reviewer");
        assertThat(me.get("displayName").asText()).isEqualTo("Test rita.reviewer");
        UserStore.User user = oidc.users().byUsername("rita.reviewer").orElseThrow();
        assertThat(user.passwordHash()).as("a single sign-on account has no password").isNull();

        // The same person again, now in the approvers' group: the same account, with the role the claims give today.
        oidc.nextSignIn(sub, "someone-else-now", List.of("plumbline-approvers"));
        Returning again = toProviderAndBack("/");
        String second = cookie(get(again.callback(), "plumbline_oidc=" + again.signInCookie()), "plumbline_session");
        assertThat(whoAmI(second).get("role").asText()).isEqualTo("approver");
        assertThat(whoAmI(second).get("username").asText()).as("found by issuer and subject, not by name").isEqualTo("rita.reviewer");
        assertThat(whoAmI(session).get("role").asText()).as("the earlier session sees the new role too").isEqualTo("approver");
    }

    @Test
    void aLocalAccountWithTheSameNameIsNeverTakenOver() throws Exception {
        String name = "local-" + Api.unique().replace("-", "x");
        UserStore.User local = oidc.users().create(name, "A local admin", Role.ADMIN, null);
        oidc.nextSignIn("sub-" + Api.unique(), Map.of("groups", List.of("plumbline-auditors"), "preferred_username", name,
                "email", name + "@example.org"), null);
        Returning r = toProviderAndBack("/");
        JsonNode me = whoAmI(cookie(get(r.callback(), "plumbline_oidc=" + r.signInCookie()), "plumbline_session"));
        assertThat(me.get("username").asText()).isEqualTo(name + "-2");
        assertThat(me.get("role").asText()).isEqualTo("auditor");
        assertThat(oidc.users().byId(local.id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void aTamperedStateIsRefusedAndUsesTheSignInUp() throws Exception {
        // No sign-in is enqueued at the provider where Plumbline refuses before redeeming the code: it would be
        // left in the provider's queue for the next test.
        Returning r = toProviderAndBack("/");
        String state = query(r.callback()).get("state");
        URI tampered = URI.create(r.callback().toString().replace("state=" + state, "state=" + state.substring(1) + "A"));
        HttpResponse<String> refused = get(tampered, "plumbline_oidc=" + r.signInCookie());
        assertRefused(refused, 400, "no longer valid");
        // The genuine answer, after a wrong one, no longer works either: one try per sign-in.
        assertRefused(get(r.callback(), "plumbline_oidc=" + r.signInCookie()), 400, "no longer valid");
    }

    @Test
    void aReplayedCallbackIsRefused() throws Exception {
        oidc.nextSignIn("sub-" + Api.unique(), "replayed" + Api.unique(), List.of("plumbline-reviewers"));
        Returning r = toProviderAndBack("/");
        assertThat(get(r.callback(), "plumbline_oidc=" + r.signInCookie()).statusCode()).isEqualTo(200);
        assertRefused(get(r.callback(), "plumbline_oidc=" + r.signInCookie()), 400, "no longer valid");
    }

    @Test
    void aCallbackInAnotherBrowserIsRefused() throws Exception {
        // Login CSRF: the attacker's own code and state, delivered to a victim whose browser never started a sign-in.
        Returning r = toProviderAndBack("/");
        assertRefused(get(r.callback(), null), 400, "no longer valid");
        Returning victim = toProviderAndBack("/");  // the victim's own sign-in under way: a different cookie
        assertRefused(get(r.callback(), "plumbline_oidc=" + victim.signInCookie()), 400, "no longer valid");
    }

    @Test
    void anIdTokenForAnotherSignInIsRefused() throws Exception {
        // The provider is handed a different nonce than the one this browser's sign-in started with.
        oidc.nextSignIn("sub-" + Api.unique(), "nonce" + Api.unique(), List.of("plumbline-reviewers"));
        Returning r = toProvider("/", url -> url.replaceAll("nonce=[^&]+", "nonce=another-sign-in"));
        assertRefused(get(r.callback(), "plumbline_oidc=" + r.signInCookie()), 400, "did not complete");
    }

    @Test
    void anIdTokenForAnotherClientOrIssuerIsRefused() throws Exception {
        // The provider signs each with its own key and this sign-in's nonce; only the named claim differs from the control.
        assertThat(signInWithClaim("aud", OidcTestServer.CLIENT_ID).statusCode()).as("control").isEqualTo(200);
        assertRefused(signInWithClaim("aud", "another-client"), 400, "did not complete");
        // Several audiences including this client, issued to this client (the provider sets azp itself, so a
        // foreign azp is IdTokenValidatorTest's): accepted.
        assertThat(signInWithClaim("aud", List.of(OidcTestServer.CLIENT_ID, "another-client")).statusCode()).isEqualTo(200);
        assertThat(signInWithClaim("iss", oidc.issuer().toString()).statusCode()).as("control").isEqualTo(200);
        assertRefused(signInWithClaim("iss", oidc.issuer() + "/"), 400, "did not complete");
        assertRefused(signInWithClaim("iss", "https://evil.example/" + OidcTestServer.ISSUER_ID), 400, "did not complete");
    }

    /** A reviewer's sign-in whose ID token has {@code claim} set to {@code value} by the provider. */
    private static HttpResponse<String> signInWithClaim(String claim, Object value) throws Exception {
        return signInWithClaims(Map.of(claim, value));
    }

    private static HttpResponse<String> signInWithClaims(Map<String, Object> claims) throws Exception {
        Map<String, Object> all = new java.util.HashMap<>(claims);
        all.put("groups", List.of("plumbline-reviewers"));
        oidc.nextSignIn("sub-" + Api.unique(), all, null);
        Returning r = toProviderAndBack("/");
        return get(r.callback(), "plumbline_oidc=" + r.signInCookie());
    }

    @Test
    void aPersonInNoMappedGroupIsRefusedAndGetsNoAccount() throws Exception {
        String name = "nogroup" + Api.unique();
        oidc.nextSignIn("sub-" + Api.unique(), name, List.of("cafeteria", "plumbline-reviewers-old"));
        Returning r = toProviderAndBack("/");
        assertRefused(get(r.callback(), "plumbline_oidc=" + r.signInCookie()), 403, "not in any group");
        assertThat(oidc.users().byUsername(name)).isEmpty();
    }

    @Test
    void aPersonInGroupsOfTwoRolesIsRefused() throws Exception {
        oidc.nextSignIn("sub-" + Api.unique(), "tworoles" + Api.unique(), List.of("plumbline-reviewers", "plumbline-auditors"));
        Returning r = toProviderAndBack("/");
        assertRefused(get(r.callback(), "plumbline_oidc=" + r.signInCookie()), 403, "auditor, reviewer");
    }

    @Test
    void losingEveryGroupEndsTheSessionsAndDisabledAccountsStayOut() throws Exception {
        String sub = "sub-" + Api.unique();
        String name = "leaver" + Api.unique();
        oidc.nextSignIn(sub, name, List.of("plumbline-reviewers"));
        Returning first = toProviderAndBack("/");
        String session = cookie(get(first.callback(), "plumbline_oidc=" + first.signInCookie()), "plumbline_session");
        assertThat(whoAmIStatus(session)).isEqualTo(200);

        oidc.nextSignIn(sub, name, List.of());
        Returning gone = toProviderAndBack("/");
        assertRefused(get(gone.callback(), "plumbline_oidc=" + gone.signInCookie()), 403, "not in any group");
        assertThat(whoAmIStatus(session)).as("the session held before ends too").isEqualTo(401);

        oidc.users().setDisabled(oidc.users().byUsername(name).orElseThrow().id(), true);
        oidc.nextSignIn(sub, name, List.of("plumbline-reviewers"));
        Returning disabled = toProviderAndBack("/");
        assertRefused(get(disabled.callback(), "plumbline_oidc=" + disabled.signInCookie()), 403, "disabled");
    }

    @Test
    void theDestinationIsOnlyEverALocalPath() throws Exception {
        for (String next : List.of("//evil.example/", "https://evil.example/", "/\\evil.example")) {
            oidc.nextSignIn("sub-" + Api.unique(), "redirect" + Api.unique(), List.of("plumbline-reviewers"));
            Returning r = toProviderAndBack(next);
            HttpResponse<String> done = get(r.callback(), "plumbline_oidc=" + r.signInCookie());
            assertThat(done.statusCode()).isEqualTo(200);
            assertThat(done.body()).as(next).contains("url=/\"").doesNotContain("evil");
        }
    }

    @Test
    void withLocalPasswordsOffNoPasswordIsLookedAtButTokensWork() throws Exception {
        String name = "pw" + Api.unique().replace("-", "x");
        UserStore.User admin = oidc.users().create(name, "Has a password", Role.ADMIN, TestServer.PASSWORD);
        HttpResponse<String> api = send(HttpRequest.newBuilder(URI.create(oidc.url() + "/api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name + "\",\"password\":\"" + TestServer.PASSWORD + "\"}")));
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.body()).contains("switched off").doesNotContain("plumbline_session");
        assertThat(api.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("plumbline_session="));

        HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(oidc.url() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + name + "&password="
                        + URLEncoder.encode(TestServer.PASSWORD, StandardCharsets.UTF_8))));
        assertThat(form.statusCode()).isEqualTo(403);
        assertThat(form.body()).contains("switched off");
        assertThat(form.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("plumbline_session="));

        HttpResponse<String> page = get(URI.create(oidc.url() + "/login"), null);
        assertThat(page.body()).contains("id=\"sso\"").contains("href=\"/login/oidc\"").doesNotContain("id=\"login-form\"");

        UserStore.User machine = oidc.users().create("enforcer" + Api.unique().replace("-", "x"), "Enforcement", Role.ENFORCEMENT_SYSTEM, null);
        String token = oidc.users().issueToken(machine.id(), "test");
        HttpResponse<String> directives = send(HttpRequest.newBuilder(URI.create(oidc.url() + "/api/directives"))
                .header("Authorization", "Bearer " + token));
        assertThat(directives.statusCode()).as("a machine client's bearer token still works").isEqualTo(200);
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void aServerWithoutSingleSignOnOffersNone() {
        // The shared test server: passwords, no provider. No button, and the flow's paths do not exist.
        HttpResponse<String> page = TestServer.send(HttpRequest.newBuilder(TestServer.uri("/login")).build());
        assertThat(page.body()).contains("id=\"login-form\"").doesNotContain("/login/oidc");
        assertThat(TestServer.send(HttpRequest.newBuilder(TestServer.uri("/login/oidc")).build()).statusCode()).isEqualTo(404);
    }

    @Test
    void theSignInPathsAreOpenToAnonymousVisitors() throws Exception {
        HttpResponse<String> start = get(URI.create(oidc.url() + "/login/oidc"), null);
        assertThat(start.statusCode()).isEqualTo(303);
        assertThat(start.headers().firstValue("Location").orElseThrow()).startsWith(oidc.issuer() + "/authorize?");
        String setCookie = start.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("plumbline_oidc=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("Secure").contains("SameSite=Lax").contains("Path=/login/oidc")
                .contains("Max-Age=600");
        // The callback with nothing: refused with a page, not an error, and not a redirect to sign in.
        assertRefused(get(URI.create(oidc.url() + "/login/oidc/callback"), null), 400, "no longer valid");
    }

    // --- the browser's journey, one request at a time ------------------------------------------------------

    private static Returning toProviderAndBack(String next) throws Exception {
        return toProvider(next, UnaryOperator.identity());
    }

    private static Returning toProvider(String next, UnaryOperator<String> changeOnTheWay) throws Exception {
        HttpResponse<String> start = get(URI.create(oidc.url() + "/login/oidc?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)), null);
        assertThat(start.statusCode()).isEqualTo(303);
        String signInCookie = cookie(start, "plumbline_oidc");
        URI authorization = URI.create(changeOnTheWay.apply(start.headers().firstValue("Location").orElseThrow()));
        HttpResponse<String> atProvider = get(authorization, null);
        assertThat(atProvider.statusCode()).as(atProvider.body()).isEqualTo(302);
        URI callback = URI.create(atProvider.headers().firstValue("Location").orElseThrow());
        assertThat(callback.toString()).startsWith(oidc.url() + "/login/oidc/callback?");
        return new Returning(callback, signInCookie, authorization);
    }

    private static void assertRefused(HttpResponse<String> r, int status, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).contains(message);
        assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("plumbline_session=") && !c.startsWith("plumbline_session=;"));
    }

    private static JsonNode whoAmI(String session) throws Exception {
        HttpResponse<String> r = get(URI.create(oidc.url() + "/api/session"), "plumbline_session=" + session);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private static int whoAmIStatus(String session) throws Exception {
        return get(URI.create(oidc.url() + "/api/session"), "plumbline_session=" + session).statusCode();
    }

    private static String cookie(HttpResponse<String> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .filter(v -> !v.isEmpty())
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + r.headers().allValues("Set-Cookie")));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static HttpResponse<String> get(URI uri, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
