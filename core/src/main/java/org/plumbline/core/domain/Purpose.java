package org.plumbline.core.domain;

import java.util.List;

/**
 * One declared purpose from the controlled vocabulary (resource {@code purposes.json}): what it
 * means, which FOCUS service categories, recognised AI metrics and usage fit it, and which usage would
 * contradict it.
 *
 * @param expectedMetrics the recognised AI metrics (e.g. {@code model_tokens}, {@code speech_to_text_hours};
 *     the signals module's {@code meters.tsv} names them) an engagement declared for it is expected to use
 */
public record Purpose(String id, String title, String description, List<String> expectedServiceCategories,
        List<String> expectedMetrics, List<String> expectedUsage, List<String> unexpectedUsage) {
    public Purpose {
        expectedServiceCategories = List.copyOf(expectedServiceCategories);
        expectedMetrics = List.copyOf(expectedMetrics);
        expectedUsage = List.copyOf(expectedUsage);
        unexpectedUsage = List.copyOf(unexpectedUsage);
    }
}
