package org.plumbline.signals.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the first scheduled scan runs after a start: one interval after the last scan, so restarts do not starve it. */
class ScanScheduleTest {
    @TempDir
    Path dir;

    @Test
    void firstScanComesOneIntervalAfterTheLastOrAtOnceIfThatPassed() throws Exception {
        Path last = dir.resolve("last-scan");
        Duration day = Duration.ofDays(1);
        assertThat(UsageSignals.firstDelay(last, day)).isEqualTo(day);  // never scanned: a full interval
        Files.writeString(last, Instant.now().minus(Duration.ofHours(30)).toString());
        assertThat(UsageSignals.firstDelay(last, day)).isZero();  // overdue: at once
        Files.writeString(last, Instant.now().minus(Duration.ofHours(20)).toString());
        assertThat(UsageSignals.firstDelay(last, day)).isBetween(Duration.ofHours(3), Duration.ofHours(4));
        Files.writeString(last, "not a time");
        assertThat(UsageSignals.firstDelay(last, day)).isEqualTo(day);
    }
}
