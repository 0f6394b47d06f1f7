package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plumbline.core.domain.Purpose;
import org.plumbline.core.domain.Vocabulary;

/**
 * Core's purposes.json implies exactly what signals' purposes.tsv does, "*" rows expanded under every
 * purpose: the check that lets the tsv go, leaving purposes.json the one home of the purposes.
 */
class PurposeVocabularyTest {
    @Test
    void coreVocabularyImpliesTheSameCategoriesAndMetricsAsPurposesTsv() {
        PurposeVocabulary tsv = PurposeVocabulary.shipped();
        Map<String, Set<String>> categories = new LinkedHashMap<>();
        Map<String, Set<String>> metrics = new LinkedHashMap<>();
        for (Purpose p : Vocabulary.standard().purposes()) {
            categories.put(p.id(), new LinkedHashSet<>(p.expectedServiceCategories()));
            metrics.put(p.id(), new LinkedHashSet<>(p.expectedMetrics()));
        }
        assertThat(categories).isEqualTo(tsv.expectedCategories());
        assertThat(metrics).isEqualTo(tsv.expectedMetrics());
        assertThat(categories.keySet()).isEqualTo(tsv.purposes());
    }
}
