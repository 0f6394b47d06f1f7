package org.plumbline.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Whatever bytes an auditor feeds it, parsing either yields the identical record or names the problem. */
class LogRecordParsePropertiesTest {
    private static final byte[] VALID = LogRecord.builder("decision.made", "case/4", "user/9",
                    Instant.parse("2026-01-05T09:00:00Z"))
            .field("kind", "suspend").field("accounts", List.of("a", "b")).field("n", 1.5)
            .confidential("rationale", "why").seal(new SecureRandom()).record().bytes();

    @Property(tries = 2000)
    void mutatedRecordsParseBackExactlyOrFailWithIllegalArgument(@ForAll long seed) {
        Random r = new Random(seed);
        byte[] b = VALID.clone();
        int edits = 1 + r.nextInt(4);
        for (int i = 0; i < edits && b.length > 0; i++) {
            switch (r.nextInt(3)) {
                case 0 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                case 1 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
                default -> {
                    int at = r.nextInt(b.length);
                    byte[] tokens = "{}[]\":,0e-\\".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    b[at] = tokens[r.nextInt(tokens.length)];
                }
            }
        }
        byte[] input = b;
        Throwable t = catchThrowable(() -> {
            LogRecord parsed = LogRecord.parse(input);
            assertThat(parsed.bytes()).isEqualTo(input);
        });
        if (t != null) assertThat(t).isInstanceOf(IllegalArgumentException.class);
    }
}
