package org.plumbline.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plumbline.log.hash.Sha256;

class LogRecordTest {
    private static final Instant T = Instant.parse("2026-03-01T12:00:00.123456Z");
    private final SecureRandom random = new SecureRandom();

    private LogRecord.Sealed sample() {
        return LogRecord.builder("engagement.declared", "engagement/7", "user/3", T)
                .field("purposes", List.of("cyber-defence"))
                .field("accounts", List.of("123456789012"))
                .confidential("contractReference", "MOD-2026-0042")
                .confidential("attestedBy", Map.of("name", "Ana Example", "title", "Account Manager"))
                .seal(random);
    }

    @Test
    void recordIsCanonicalWithCommitmentsOnly() {
        LogRecord.Sealed sealed = sample();
        String text = new String(sealed.record().bytes(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"actor\":\"user/3\",\"commitments\":{\"attestedBy\":\"");
        assertThat(text).contains("\"time\":\"2026-03-01T12:00:00.123Z\"", "\"type\":\"engagement.declared\"", "\"v\":1}");
        assertThat(text).doesNotContain("MOD-2026-0042").doesNotContain("Ana Example");
        assertThat(sealed.secrets()).hasSize(2);
        assertThat(sealed.record().commitments()).containsOnlyKeys("contractReference", "attestedBy");
        assertThat(LogRecord.parse(sealed.record().bytes())).isEqualTo(sealed.record());
    }

    @Test
    void revealVerifiesAgainstTheLoggedRecord() {
        LogRecord.Sealed sealed = sample();
        byte[] logged = sealed.record().bytes();
        for (Secret s : sealed.secrets()) {
            assertThat(s.reveal().verify(logged)).as(s.field()).isTrue();
        }
    }

    @Test
    void tamperedRevealFails() {
        LogRecord.Sealed sealed = sample();
        byte[] logged = sealed.record().bytes();
        Reveal good = sealed.secrets().stream().filter(s -> s.field().equals("contractReference"))
                .findFirst().orElseThrow().reveal();
        Reveal otherValue = new Reveal(good.field(), good.saltHex(), TextNode.valueOf("MOD-2026-0043"));
        byte[] salt = Sha256.unhex(good.saltHex());
        salt[0] ^= 1;
        Reveal otherSalt = new Reveal(good.field(), Sha256.hex(salt), good.value());
        Reveal otherField = new Reveal("attestedBy", good.saltHex(), good.value());
        Reveal missingField = new Reveal("nope", good.saltHex(), good.value());
        assertThat(otherValue.verify(logged)).isFalse();
        assertThat(otherSalt.verify(logged)).isFalse();
        assertThat(otherField.verify(logged)).isFalse();
        assertThat(missingField.verify(logged)).isFalse();
        // and a tampered record (commitment changed) no longer matches the honest reveal
        String tampered = new String(logged, StandardCharsets.UTF_8)
                .replace(sealed.record().commitments().get("contractReference"), "00".repeat(32));
        assertThat(good.verify(tampered.getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void saltsAreFreshPerRecord() {
        assertThat(sample().record().commitments().get("contractReference"))
                .isNotEqualTo(sample().record().commitments().get("contractReference"));
    }

    @Test
    void refusesRecordsOver64KiB() {
        LogRecord.Builder b = LogRecord.builder("case.opened", "case/1", "user/1", T)
                .field("summary", "x".repeat(LogRecord.MAX_BYTES));
        assertThatThrownBy(() -> b.seal(random))
                .isInstanceOf(RecordTooLargeException.class)
                .hasMessageContaining("case.opened")
                .hasMessageContaining("at most 65535 bytes")
                .hasMessageContaining("largest field is summary");
    }

    @Test
    void recordJustUnderTheLimitIsAccepted() {
        int overhead = LogRecord.builder("case.opened", "case/1", "user/1", T).field("s", "").seal(random)
                .record().bytes().length;
        LogRecord r = LogRecord.builder("case.opened", "case/1", "user/1", T)
                .field("s", "y".repeat(LogRecord.MAX_BYTES - overhead)).seal(random).record();
        assertThat(r.bytes()).hasSize(LogRecord.MAX_BYTES);
    }

    @Test
    void refusesBadTypesAndDuplicateFields() {
        assertThatThrownBy(() -> LogRecord.builder("Opened", "case/1", "u", T)).hasMessageContaining("noun.verb");
        assertThatThrownBy(() -> LogRecord.builder("case.opened", "case/1", "u", T).field("a", 1).confidential("a", 2))
                .hasMessageContaining("field a given twice");
    }

    @Test
    void parseRefusesNonCanonicalBytes() {
        byte[] bytes = sample().record().bytes();
        String spaced = new String(bytes, StandardCharsets.UTF_8).replaceFirst(":", ": ");
        assertThatThrownBy(() -> LogRecord.parse(spaced.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("canonical");
    }
}
