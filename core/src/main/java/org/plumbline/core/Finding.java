package org.plumbline.core;

import java.util.Map;

/**
 * What a signals rule found: usage contradicting an engagement's declaration. Raising it appends
 * {@code finding.raised} and opens a case.
 *
 * @param rule the rule's id, e.g. {@code speech-to-text-volume}
 * @param title a short public headline
 * @param metrics public figures computed from metering only (e.g. audio hours per day, storage TB,
 *     region), never customer content
 * @param summary the reviewer-facing explanation (confidential: committed in the log)
 */
public record Finding(long engagementId, String rule, String title, Map<String, Object> metrics, String summary) {
    public Finding {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}
