package org.plumbline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code plumbline demo --scan-interval}: the forms it accepts and the ones it refuses. */
class DemoScanIntervalTest {
    @Test
    void acceptsShortFormsIsoDurationsAndOff() {
        assertThat(DemoCommand.interval("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(DemoCommand.interval("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(DemoCommand.interval("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(DemoCommand.interval("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DemoCommand.interval("PT6H")).isEqualTo(Duration.ofHours(6));
        assertThat(DemoCommand.interval("off")).isZero();
        assertThat(DemoCommand.interval("0")).isZero();
    }

    @Test
    void refusesWhatIsNotAnInterval() {
        for (String bad : new String[] {"", "h", "12", "5w", "-3h", "0m", "soon", "PT-1H"}) {
            assertThatThrownBy(() -> DemoCommand.interval(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("24h");
        }
    }
}
