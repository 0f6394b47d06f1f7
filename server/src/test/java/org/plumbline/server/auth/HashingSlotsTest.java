package org.plumbline.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plumbline.server.TestServer;

/**
 * Password hashing is bounded: a sign-in that finds every slot taken is turned away at once with 503 and
 * Retry-After, and is not counted as a failed attempt against the account.
 */
class HashingSlotsTest {

    @Test
    void aTakenSlotIsFreedByClosingIt() {
        HashingSlots slots = new HashingSlots(1);
        HashingSlots.Slot held = slots.take();
        assertThatThrownBy(slots::take).isInstanceOf(HashingSlots.Busy.class);
        held.close();
        try (HashingSlots.Slot again = slots.take()) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void signInWithEverySlotTakenIsTurnedAwayWithoutCountingAgainstTheAccount() {
        UserStore users = TestServer.get().users();
        users.create("slots-sam", "Sam", Role.REVIEWER, TestServer.PASSWORD);
        List<HashingSlots.Slot> held = new ArrayList<>();
        try {
            // Take every slot the server has, as a flood of concurrent anonymous attempts would.
            while (true) {
                try {
                    held.add(users.hasher().slot());
                } catch (HashingSlots.Busy full) {
                    break;
                }
            }
            assertThat(held).hasSize(Runtime.getRuntime().availableProcessors());
            for (int i = 0; i <= Login.MAX_FAILURES; i++) {
                HttpResponse<String> r = signIn("slots-sam", "not the password");
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.headers().firstValue("Retry-After")).contains("1");
                assertThat(r.body()).contains("\"error\":\"busy\"");
            }
            HttpResponse<String> page = TestServer.send(java.net.http.HttpRequest.newBuilder(TestServer.uri("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Origin", TestServer.get().url())
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=slots-sam&password=x")).build());
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.body()).contains("too many sign-ins at once");
        } finally {
            held.forEach(HashingSlots.Slot::close);
        }
        // More turned-away attempts than the lockout allows failures, and still the right password works.
        assertThat(signIn("slots-sam", TestServer.PASSWORD).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> signIn(String username, String password) {
        return TestServer.post("/api/session", Role.PUBLIC,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }
}
