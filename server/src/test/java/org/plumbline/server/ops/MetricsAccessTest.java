package org.plumbline.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plumbline.server.ServerConfig;

/**
 * The parts of the metrics rule that a request from this machine's test client cannot reach: other
 * addresses than 127.0.0.1, and how the token is configured.
 */
class MetricsAccessTest {
    private static final String TOKEN = "a-metrics-token-of-some-length";

    @Test
    void onlyLoopbackLiteralsCountAsLocalAndNoNameIsResolved() {
        assertThat(MetricsAccess.isLoopback("127.0.0.1")).isTrue();
        assertThat(MetricsAccess.isLoopback("127.8.9.10")).isTrue();
        assertThat(MetricsAccess.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(MetricsAccess.isLoopback("[::1]")).isTrue();
        assertThat(MetricsAccess.isLoopback("::ffff:127.0.0.1")).isTrue();
        assertThat(MetricsAccess.isLoopback("10.0.0.7")).isFalse();
        assertThat(MetricsAccess.isLoopback("2001:db8::1")).isFalse();
        assertThat(MetricsAccess.isLoopback("localhost")).as("a name, not the peer's address").isFalse();
        assertThat(MetricsAccess.isLoopback("")).isFalse();
        assertThat(MetricsAccess.isLoopback(null)).isFalse();
    }

    @Test
    void aRemoteClientNeedsTheTokenAndWithoutOneConfiguredNobodyRemoteGetsIn() {
        MetricsAccess withToken = new MetricsAccess(Optional.of(TOKEN));
        Map<String, String> none = Map.of();
        assertThat(withToken.decide("192.0.2.1", none::get)).isEqualTo(MetricsAccess.Decision.UNAUTHENTICATED);
        assertThat(withToken.decide("192.0.2.1", Map.of("Authorization", "Bearer " + TOKEN)::get))
                .isEqualTo(MetricsAccess.Decision.ALLOW);
        assertThat(withToken.decide("192.0.2.1", Map.of("Authorization", "Basic " + TOKEN)::get))
                .isEqualTo(MetricsAccess.Decision.UNAUTHENTICATED);
        assertThat(withToken.decide("192.0.2.1", Map.of("Authorization", "Bearer " + TOKEN.toUpperCase())::get))
                .isEqualTo(MetricsAccess.Decision.UNAUTHENTICATED);
        assertThat(withToken.decide("127.0.0.1", Map.of("X-Real-IP", "192.0.2.1")::get))
                .isEqualTo(MetricsAccess.Decision.UNAUTHENTICATED);

        MetricsAccess withoutToken = new MetricsAccess(Optional.empty());
        assertThat(withoutToken.decide("127.0.0.1", none::get)).isEqualTo(MetricsAccess.Decision.ALLOW);
        assertThat(withoutToken.decide("192.0.2.1", Map.of("Authorization", "Bearer " + TOKEN)::get))
                .isEqualTo(MetricsAccess.Decision.FORBIDDEN);
    }

    @Test
    void theTokenIsConfiguredOnceLongEnoughAndNeverPrinted() {
        ServerConfig base = new ServerConfig(Path.of("data"), "127.0.0.1", 8080, Optional.empty());
        assertThat(base.metricsToken()).isEmpty();
        ServerConfig config = base.withMetricsToken(TOKEN);
        assertThat(config.metricsToken()).contains(TOKEN);
        assertThat(config.withScanInterval(java.time.Duration.ofHours(1)).metricsToken()).contains(TOKEN);
        assertThat(config.toString()).doesNotContain(TOKEN).contains("metricsToken=(set)");
        assertThat(new ServerConfig(Path.of("data"), "127.0.0.1", 0, Optional.of("postgres://u:secret@db/x"))
                .toString()).doesNotContain("secret");
        assertThatThrownBy(() -> base.withMetricsToken("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.withMetricsToken("has a space in the middle")).isInstanceOf(IllegalArgumentException.class);
    }
}
