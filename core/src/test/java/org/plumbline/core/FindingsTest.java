package org.plumbline.core;

import org.plumbline.core.domain.ValidationException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.plumbline.core.domain.CaseOrigin;
import org.plumbline.core.domain.CaseState;
import org.plumbline.core.domain.EngagementVersion;
import org.plumbline.core.domain.Finding;
import org.plumbline.core.record.LogRecord;

/** Usage findings: logged, opening or joining a case, once per key, all or nothing. */
class FindingsTest {
    /** One embedded PostgreSQL and core for the class's tests, closed after the last of them. */
    @AutoClose
    private static final Fixture f = new Fixture();

    private static Finding finding(long engagementId, String account, String rule, String subject, String end) {
        return finding(f.core.engagements().get(engagementId).reference(), account, rule, subject, end);
    }

    private static Finding finding(String engagement, String account, String rule, String subject, String end) {
        LocalDate e = LocalDate.parse(end);
        String key = sha(rule + account + subject + end);
        return new Finding(key, rule, "Title of " + rule, "critical", account, engagement, subject, e.minusDays(29), e,
                Map.of("audio_hours_per_day", 775810.9, "region", "westeurope"), "evidence for " + rule + " on " + account);
    }

    private static String sha(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFindingIsLoggedAndOpensACaseLaterOnesJoinItOnlyWhileItIsActive() {
        EngagementVersion v = f.engagement();
        long before = f.logCount();
        var first = f.core.findings().raise(finding(v.engagementId(), "sub-1001", "bulk-communications-processing", "westeurope",
                "2026-10-31"), "system/signals");
        assertThat(first.isNew()).isTrue();
        assertThat(first.finding().openedCase()).isTrue();
        assertThat(f.logCount()).isEqualTo(before + 2);  // finding.raised, case.opened
        LogRecord logged = LogRecord.parse(f.core.records().record(first.finding().logIndex()).orElseThrow());
        assertThat(logged.type()).isEqualTo("finding.raised");
        assertThat(logged.subject()).isEqualTo("engagement/" + v.engagementId());
        assertThat(logged.fields().get("key").asText()).isEqualTo(first.finding().finding().key());
        assertThat(logged.fields().get("metrics").get("region").asText()).isEqualTo("westeurope");
        assertThat(logged.fields().get("case").isNull()).isTrue();
        var c = f.core.cases().get(first.finding().caseId());
        assertThat(c.origin()).isEqualTo(CaseOrigin.FINDING);
        assertThat(c.originRef()).isEqualTo("bulk-communications-processing@log/" + first.finding().logIndex());

        // Another finding on the same engagement and account joins the case; the record names it.
        var second = f.core.findings().raise(finding(v.engagementId(), "sub-1001", "service-outside-declared-purposes",
                "speech_to_text_hours", "2026-10-31"), "system/signals");
        assertThat(second.finding().caseId()).isEqualTo(c.id());
        assertThat(second.finding().openedCase()).isFalse();
        assertThat(LogRecord.parse(f.core.records().record(second.finding().logIndex()).orElseThrow()).fields().get("case").asText()).isEqualTo("case/" + c.id());
        // Another account of the same engagement gets its own case.
        var other = f.core.findings().raise(finding(v.engagementId(), "sub-1002", "bulk-communications-processing", "westeurope",
                "2026-10-31"), "system/signals");
        assertThat(other.finding().caseId()).isNotEqualTo(c.id());
        assertThat(f.core.findings().forCase(c.id())).hasSize(2);

        // The same key again writes nothing.
        long size = f.logCount();
        var again = f.core.findings().raise(finding(v.engagementId(), "sub-1001", "bulk-communications-processing", "westeurope",
                "2026-10-31"), "system/signals");
        assertThat(again.isNew()).isFalse();
        assertThat(again.finding().id()).isEqualTo(first.finding().id());
        assertThat(f.logCount()).isEqualTo(size);

        // Once the case is closed, a finding over a later window opens a new case.
        f.core.cases().move(c.id(), c.version(), CaseState.CLOSED, "dismissed", "user/rev");
        var later = f.core.findings().raise(finding(v.engagementId(), "sub-1001", "bulk-communications-processing", "westeurope",
                "2026-11-30"), "system/signals");
        assertThat(later.finding().openedCase()).isTrue();
        assertThat(later.finding().caseId()).isNotEqualTo(c.id());
    }

    @Test
    void badFindingsAndUnknownEngagementsWriteNothing() {
        long before = f.logCount();
        long rows = f.rows("usage_finding");
        Finding bad = new Finding("not-hex", "Bad Rule", "", "urgent", "", "ENG-1", null, LocalDate.parse("2026-10-31"),
                LocalDate.parse("2026-10-01"), Map.of(), "");
        assertThatThrownBy(() -> f.core.findings().raise(bad, "system/signals")).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.fieldErrors()).containsKeys("key", "account", "rule", "title", "severity", "windowEnd", "evidence"));
        assertThatThrownBy(() -> f.core.findings().raise(finding("ENG-NONE", "sub-x", "sudden-growth", "", "2026-10-31"),
                "system/signals")).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.fieldErrors()).containsOnlyKeys("engagement"));
        assertThat(f.logCount()).isEqualTo(before);
        assertThat(f.rows("usage_finding")).isEqualTo(rows);
    }
}
