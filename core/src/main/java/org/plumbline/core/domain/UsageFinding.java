package org.plumbline.core.domain;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A finding of a usage-signals scan, as core records it: which rule flagged which account of which
 * engagement over which days, with the figures computed from metering only (never customer content).
 *
 * @param key stable identity from the signals module (64 hex: SHA-256 of rule, account, subject and
 *     window); the same finding over the same window has the same key and is raised once
 * @param subject what within the account it is about (a region, a service category, a directive), or ""
 * @param figures evidence figures by name (numbers and text), public in the log
 * @param evidence the figures in a sentence a reviewer reads (confidential in the log, like a case summary)
 */
public record UsageFinding(String key, long engagementId, String account, String rule, String title,
        String severity, String subject, LocalDate windowStart, LocalDate windowEnd, Map<String, Object> figures,
        String evidence) {
    private static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");

    public UsageFinding {
        subject = subject == null ? "" : subject;
        figures = figures == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(figures));
    }

    /** @throws ValidationException naming every bad field */
    public void validate() {
        new ValidationException.Collector()
                .check(key == null || !key.matches("[0-9a-f]{64}"), "key", "must be 64 lower-case hex digits")
                .check(account == null || account.isBlank(), "account", "is required")
                .check(rule == null || !rule.matches("[a-z0-9][a-z0-9.-]{0,63}"), "rule",
                        "must be a rule id (lower-case letters, digits, '.', '-')")
                .check(title == null || title.isBlank(), "title", "is required")
                .check(severity == null || !SEVERITIES.contains(severity), "severity", "must be low, medium, high or critical")
                .check(windowStart == null, "windowStart", "is required")
                .check(windowEnd == null || (windowStart != null && windowEnd.isBefore(windowStart)), "windowEnd",
                        "is required and not before windowStart")
                .check(evidence == null || evidence.isBlank(), "evidence", "is required")
                .throwIfAny();
        Objects.requireNonNull(figures);
    }
}
