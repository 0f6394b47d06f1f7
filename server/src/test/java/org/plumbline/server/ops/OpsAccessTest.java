package org.plumbline.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;

/**
 * The operations endpoints are plain handlers, not API routes, so {@code RoleMatrixTest} does not see them;
 * this is their access table, written out by hand: health and readiness for everyone, metrics for a direct
 * loopback client or the metrics token, whatever role the caller has. "Through a proxy" is a request that
 * carries {@code X-Forwarded-For}, as one relayed by a reverse proxy on this machine would.
 */
class OpsAccessTest {
    private static final String METRICS_TOKEN = "metrics-token";

    /** path -> expected status for {anonymous, every role's bearer token, the metrics token}, direct and through a proxy. */
    private record Rule(int direct, int proxiedAnonymousOrRole, int proxiedMetricsToken) {
    }

    private static final Map<String, Rule> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put(Operations.HEALTH, new Rule(200, 200, 200));
        EXPECTED.put(Operations.READINESS, new Rule(200, 200, 200));
        EXPECTED.put(Operations.METRICS, new Rule(200, 401, 200));
    }

    private static int status(String path, String credential, boolean proxied) {
        HttpRequest.Builder b = HttpRequest.newBuilder(TestServer.uri(path)).GET();
        if (credential != null) {
            String token = credential.equals(METRICS_TOKEN) ? TestServer.METRICS_TOKEN : TestServer.token(Role.byId(credential).orElseThrow());
            b.header("Authorization", "Bearer " + token);
        }
        if (proxied) {
            b.header("X-Forwarded-For", "198.51.100.20");
        }
        return TestServer.send(b.build()).statusCode();
    }

    @Test
    void everyCallerGetsWhatTheTableSays() {
        List<String> credentials = new ArrayList<>();
        credentials.add(null);
        for (Role role : Role.values()) {
            if (role != Role.PUBLIC) {
                credentials.add(role.id());
            }
        }
        credentials.add(METRICS_TOKEN);
        List<String> mismatches = new ArrayList<>();
        EXPECTED.forEach((path, rule) -> {
            for (String credential : credentials) {
                String who = credential == null ? "anonymous" : credential;
                int direct = status(path, credential, false);
                if (direct != rule.direct()) {
                    mismatches.add(path + " as " + who + " directly: got " + direct + ", expected " + rule.direct());
                }
                int expected = METRICS_TOKEN.equals(credential) ? rule.proxiedMetricsToken() : rule.proxiedAnonymousOrRole();
                int proxied = status(path, credential, true);
                if (proxied != expected) {
                    mismatches.add(path + " as " + who + " through a proxy: got " + proxied + ", expected " + expected);
                }
            }
        });
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theyAreNotApiRoutes() {
        // Not in the OpenAPI document or the role table: their rules are the ones above, not a Permission.
        assertThat(TestServer.get().routes()).noneMatch(r -> EXPECTED.containsKey(r.path()));
    }
}
