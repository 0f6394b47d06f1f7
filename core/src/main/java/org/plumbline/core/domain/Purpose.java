package org.plumbline.core.domain;

import java.util.List;

/**
 * One declared purpose from the controlled vocabulary (resource {@code purposes.json}): what it
 * means, which FOCUS service categories and usage fit it, and which usage would contradict it.
 */
public record Purpose(String id, String title, String description, List<String> expectedServiceCategories,
        List<String> expectedUsage, List<String> unexpectedUsage) {
    public Purpose {
        expectedServiceCategories = List.copyOf(expectedServiceCategories);
        expectedUsage = List.copyOf(expectedUsage);
        unexpectedUsage = List.copyOf(unexpectedUsage);
    }
}
