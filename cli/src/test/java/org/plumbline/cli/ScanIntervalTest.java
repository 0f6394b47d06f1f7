package org.plumbline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The scan interval of {@code demo} and {@code serve}: the forms it accepts and the ones it refuses. */
class ScanIntervalTest {
    @Test
    void acceptsShortFormsIsoDurationsAndOff() {
        assertThat(ScanInterval.parse("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(ScanInterval.parse("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(ScanInterval.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(ScanInterval.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ScanInterval.parse("PT6H")).isEqualTo(Duration.ofHours(6));
        assertThat(ScanInterval.parse("off")).isZero();
        assertThat(ScanInterval.parse("0")).isZero();
    }

    @Test
    void refusesWhatIsNotAnInterval() {
        for (String bad : new String[] {"", "h", "12", "5w", "-3h", "0m", "soon", "PT-1H"}) {
            assertThatThrownBy(() -> ScanInterval.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("24h");
        }
    }
}
