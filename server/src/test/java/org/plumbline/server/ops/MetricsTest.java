package org.plumbline.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;

/**
 * {@code /metrics} scraped from the shared server: the figures an operator needs are there under their
 * documented names, requests are labelled by route template and never by the client's path, and only a
 * direct loopback client or the configured token gets them.
 */
class MetricsTest {

    private static HttpResponse<String> scrape(Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(TestServer.uri(Operations.METRICS)).GET();
        headers.forEach(b::header);
        return TestServer.send(b.build());
    }

    private static String scrape() {
        HttpResponse<String> r = scrape(Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    /** The value of the first sample of {@code metric} whose labels contain {@code labels}. */
    private static Optional<Double> value(String text, String metric, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{.*})? (\\S+)$").matcher(text);
        while (m.find()) {
            if (m.group(1) == null ? labels.isEmpty() : m.group(1).contains(labels)) {
                return Optional.of(Double.parseDouble(m.group(2)));
            }
        }
        return Optional.empty();
    }

    @Test
    void aLocalScrapeHasRequestsPoolLogSignalsAndDeadlines() {
        String id = "987654" + Math.abs(Api.unique().hashCode());
        assertThat(Api.get(Role.ACCOUNT_MANAGER, "/api/engagements/" + id).status()).isEqualTo(404);
        String noSuchPage = "/no-such-page-" + id;
        assertThat(TestServer.get(noSuchPage, Role.PUBLIC).statusCode()).isEqualTo(404);
        long logSize = TestServer.get().log().size();

        HttpResponse<String> r = scrape(Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        String text = r.body();

        // Requests: by method, route template and status; the id the client chose appears nowhere.
        String requests = text.lines().filter(l -> l.startsWith("http_server_requests_seconds_count")).toList().toString();
        assertThat(value(text, "http_server_requests_seconds_count",
                "method=\"GET\",route=\"/api/engagements/{id}\",status=\"404\"")).as(requests).hasValueSatisfying(v -> assertThat(v).isPositive());
        assertThat(value(text, "http_server_requests_seconds_count",
                "method=\"GET\",route=\"unmatched\",status=\"404\"")).as(requests).hasValueSatisfying(v -> assertThat(v).isPositive());
        assertThat(text).doesNotContain(id);

        // The pool, as HikariCP reports it.
        for (String pool : new String[] {"hikaricp_connections_active", "hikaricp_connections_idle",
                "hikaricp_connections_pending", "hikaricp_connections_max"}) {
            assertThat(value(text, pool, "pool=\"plumbline\"")).as(pool).isPresent();
        }
        assertThat(value(text, "hikaricp_connections_max", "pool=\"plumbline\"")).contains(10.0);

        // The log: at least as large as it was before the scrape, and the integrator not failing.
        assertThat(value(text, "plumbline_log_size", "")).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(logSize));
        assertThat(value(text, "plumbline_log_integration_lag", "")).hasValueSatisfying(v -> assertThat(v).isNotNaN());
        assertThat(value(text, "plumbline_log_integration_failures", "")).contains(0.0);
        assertThat(value(text, "plumbline_log_last_integrated_timestamp_seconds", "")).isPresent();

        // Usage signals and deadlines; readiness.
        assertThat(value(text, "plumbline_signals_scans_total", "")).isPresent();
        assertThat(value(text, "plumbline_signals_scan_failures_total", "")).isPresent();
        assertThat(value(text, "plumbline_signals_findings_raised_total", "")).isPresent();
        assertThat(value(text, "plumbline_signals_last_scan_timestamp_seconds", "")).isPresent();
        for (String deadline : new String[] {"plumbline_cases_overdue", "plumbline_directives_overdue", "plumbline_reviews_due"}) {
            assertThat(value(text, deadline, "")).as(deadline).hasValueSatisfying(v -> assertThat(v).isNotNaN());
        }
        assertThat(value(text, "plumbline_ready", "")).contains(1.0);
    }

    @Test
    void aScanIsCounted() throws Exception {
        double before = value(scrape(), "plumbline_signals_scans_total", "").orElseThrow();
        TestServer.get().signals().scan();
        String text = scrape();
        assertThat(value(text, "plumbline_signals_scans_total", "")).contains(before + 1);
        assertThat(value(text, "plumbline_signals_last_scan_timestamp_seconds", ""))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThan(0));
    }

    @Test
    void throughAProxyOnlyTheConfiguredTokenGetsIn() {
        Map<String, String> proxied = Map.of("X-Forwarded-For", "203.0.113.7");
        HttpResponse<String> anonymous = scrape(proxied);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
        assertThat(anonymous.body()).doesNotContain("hikaricp");

        assertThat(scrape(Map.of("X-Forwarded-For", "203.0.113.7",
                "Authorization", "Bearer " + TestServer.METRICS_TOKEN + "x")).statusCode()).isEqualTo(401);
        assertThat(scrape(Map.of("X-Forwarded-For", "203.0.113.7",
                "Authorization", "Bearer " + TestServer.METRICS_TOKEN.substring(1))).statusCode()).isEqualTo(401);

        HttpResponse<String> withToken = scrape(Map.of("X-Forwarded-For", "203.0.113.7",
                "Authorization", "Bearer " + TestServer.METRICS_TOKEN));
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).contains("hikaricp_connections_active");

        // The standard header counts as a proxy too.
        assertThat(scrape(Map.of("Forwarded", "for=203.0.113.7")).statusCode()).isEqualTo(401);
        assertThat(scrape(Map.of("Forwarded", "for=203.0.113.7", "Authorization", "Bearer " + TestServer.METRICS_TOKEN))
                .statusCode()).isEqualTo(200);
    }
}
