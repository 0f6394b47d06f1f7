package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the rules expect of each purpose, read from core's purposes.json. Until it was deleted, signals'
 * purposes.tsv said the same (a test compared the two, category and metric, for every purpose); these
 * expectations pin what it said, so that an edit of purposes.json that changes what the rules accept is
 * a deliberate one.
 */
class PurposeVocabularyTest {
    private static final List<String> PLUMBING = List.of("Compute", "Storage", "Networking", "Identity", "Security",
            "Management and Governance", "Other");

    @Test
    void everyPurposeAllowsThePlumbingOfAnyWorkloadAndItsOwnCategories() {
        Map<String, Set<String>> categories = PurposeVocabulary.shipped().expectedCategories();
        assertThat(categories.keySet()).containsExactlyInAnyOrder("cyber-defence", "office-productivity", "logistics",
                "health-records", "tax-administration", "weather-and-climate", "research", "public-website",
                "emergency-services", "communications-processing");
        categories.values().forEach(c -> assertThat(c).containsAll(PLUMBING));
        assertThat(categories.get("cyber-defence")).hasSize(PLUMBING.size() + 4)
                .contains("Analytics", "Databases", "Developer Tools", "AI and Machine Learning");
        assertThat(categories.get("public-website")).hasSize(PLUMBING.size() + 3).contains("Web", "Databases", "Media");
    }

    @Test
    void theRecognisedMetricsEachPurposeImplies() {
        assertThat(PurposeVocabulary.shipped().expectedMetrics()).isEqualTo(Map.of(
                "cyber-defence", Set.of("model_tokens"),
                "office-productivity", Set.of("model_tokens", "translation_characters"),
                "logistics", Set.of(),
                "health-records", Set.of(),
                "tax-administration", Set.of(),
                "weather-and-climate", Set.of(),
                "research", Set.of("model_tokens", "translation_characters"),
                "public-website", Set.of(),
                "emergency-services", Set.of("speech_to_text_hours"),
                "communications-processing", Set.of("speech_to_text_hours", "translation_characters", "model_tokens")));
    }

    @Test
    void expectationsAreTheRowsOfThePurposeExpectationTable() {
        PurposeVocabulary v = PurposeVocabulary.shipped();
        assertThat(v.expectations()).contains(new PurposeVocabulary.Expectation("emergency-services", "metric",
                "speech_to_text_hours"), new PurposeVocabulary.Expectation("logistics", "category", "Internet of Things"));
        assertThat(v.expectations()).extracting(PurposeVocabulary.Expectation::purpose).doesNotContain("*");
    }
}
