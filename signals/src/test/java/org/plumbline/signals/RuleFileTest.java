package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleFileTest {
    @Test
    void shippedRulesParseWithTheirMetadata() {
        List<Rule> rules = Rule.shipped();
        assertThat(rules).extracting(Rule::id).containsExactly("bulk-communications-processing",
                "service-outside-declared-purposes", "region-outside-declared-regions", "sudden-growth",
                "enforcement-not-effective");
        Rule bulk = rules.getFirst();
        assertThat(bulk.severity()).isEqualTo("critical");
        assertThat(bulk.exemptPurposes()).containsExactly("communications-processing");
        assertThat(bulk.rationale()).contains("intercepted communications").doesNotContain("--");
        assertThat(bulk.evidence()).startsWith("{audio_hours_per_day:0} audio-hours/day transcribed")
                .endsWith("declared purposes: {purposes}").doesNotContain("Thresholds");
        assertThat(bulk.sql()).startsWith("--").contains("WITH bounds AS");
        for (Rule r : rules) assertThat(r.title()).isNotBlank();
    }

    @Test
    void appliesToHonoursExemptionsAndPurposeLists() {
        Rule r = Rule.parse("-- id: x\n-- title: X\n-- severity: low\n-- applies-to: research, logistics\n"
                + "-- exempt-purposes: communications-processing\n-- evidence: e\nSELECT 1", "x");
        assertThat(r.appliesTo(List.of("research"))).isTrue();
        assertThat(r.appliesTo(List.of("tax-administration"))).isFalse();
        assertThat(r.appliesTo(List.of("research", "communications-processing"))).isFalse();
        assertThat(r.appliesTo(null)).isFalse();
        assertThat(Rule.shipped().getFirst().appliesTo(null)).isTrue();
    }

    @Test
    void badRuleFilesSayWhatIsWrong() {
        assertThatThrownBy(() -> Rule.parse("-- id: x\n-- title: X\n-- evidence: e\nSELECT 1", "r.sql"))
                .hasMessageContaining("r.sql: header field severity is required");
        assertThatThrownBy(() -> Rule.parse("-- id: x\n-- title: X\n-- severity: urgent\n-- evidence: e\nSELECT 1", "r.sql"))
                .hasMessageContaining("severity must be one of");
        assertThatThrownBy(() -> Rule.parse("-- id: x\n-- colour: red\n", "r.sql"))
                .hasMessageContaining("r.sql line 2: unknown header field colour");
        assertThatThrownBy(() -> Rule.parse("-- id: x\n-- title: X\n-- severity: low\n-- evidence: e\n", "r.sql"))
                .hasMessageContaining("no SQL after the header");
    }

    @Test
    void evidenceTemplatesFormatNumbersTimesAndDeclarations() {
        String s = EvidenceTemplate.format("{a:1} TB; {b:0} h; {c:2}; {t:time}; {name}; {purposes}; {regions}; {missing}",
                Map.of("a", 5.9458, "b", 780_123.6, "c", new java.math.BigDecimal("1234.5"), "t", 1792670400L,
                        "name", "westeurope"),
                List.of("cyber-defence"), List.of());
        assertThat(s).isEqualTo("5.9 TB; 780,124 h; 1,234.50; 2026-10-22T12:00:00Z; westeurope; cyber-defence; "
                + "(none declared); {missing?}");
    }
}
