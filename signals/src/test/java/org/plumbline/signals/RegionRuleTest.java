package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.plumbline.core.domain.Finding;

/** The region rule on regions as providers write them. */
class RegionRuleTest {
    static final LocalDate DAY = LocalDate.of(2026, 10, 31);

    @Test
    void usageInAnUndeclaredPlaceIsFlaggedButRegionsThatNameNoPlaceAreNot() throws Exception {
        // AWS bills Route 53 and CloudFront under RegionId "global" (FOCUS 1.0 sample); Azure bandwidth under
        // "Intercontinental" or "Unassigned". None says where data is.
        ProfileRows p = new ProfileRows().engagement("a", "logistics", "eu-west-1");
        for (String region : new String[] {"eu-west-1", "global", "Intercontinental", "Unassigned", "us-east-1"}) {
            p.add("a", DAY, region, "other", 0, 25);
        }
        assertThat(p.scan("region-outside-declared-regions")).extracting(Finding::subject).containsExactly("us-east-1");
    }
}
