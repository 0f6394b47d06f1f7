package org.plumbline.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReceiptTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void carriesAtLeast80BitsAndIsShownIn7GroupsOf4() {
        assertThat(Receipt.BITS).isGreaterThan(80);
        Receipt r = Receipt.generate(random);
        assertThat(r.grouped()).matches("\\d{4}( \\d{4}){6}");
        assertThat(r.toString()).doesNotContain(r.grouped().substring(0, 4) + " ");
    }

    @Test
    void parsesWhatWasWrittenDownWithSeparatorsAndRefusesAnythingElse() {
        Receipt r = Receipt.generate(random);
        String grouped = r.grouped();
        assertThat(Receipt.parse(grouped)).contains(r);
        assertThat(Receipt.parse(grouped.replace(' ', '-'))).contains(r);
        assertThat(Receipt.parse("  " + grouped.replace(" ", "") + " ")).contains(r);
        assertThat(Receipt.parse(grouped.substring(1))).isEmpty();
        assertThat(Receipt.parse(grouped + "1")).isEmpty();
        assertThat(Receipt.parse(grouped.replace('1', 'l'))).satisfiesAnyOf(
                p -> assertThat(p).isEmpty(), p -> assertThat(grouped).doesNotContain("1"));
        assertThat(Receipt.parse("1".repeat(28) + " ".repeat(100))).isEmpty();
        assertThat(Receipt.parse("١".repeat(28))).isEmpty(); // Arabic-Indic digits are not ASCII digits
        assertThat(Receipt.parse(null)).isEmpty();
    }

    @Test
    void digitsAreDrawnUniformly() {
        // 2,000 receipts: every digit appears at every position, and none repeats.
        Set<String> seen = new HashSet<>();
        int[][] counts = new int[Receipt.DIGITS][10];
        for (int i = 0; i < 2000; i++) {
            String d = Receipt.generate(random).grouped().replace(" ", "");
            seen.add(d);
            for (int p = 0; p < d.length(); p++) counts[p][d.charAt(p) - '0']++;
        }
        assertThat(seen).hasSize(2000);
        for (int[] position : counts) {
            for (int c : position) assertThat(c).isBetween(120, 290); // expected 200; far outside would be a bias
        }
    }
}
