package org.plumbline.core.domain;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.plumbline.log.hash.Sha256;

/**
 * A finding: usage of an account that contradicts its engagement's declaration, per one rule, over one
 * window of days (UTC, inclusive), with figures computed from metering only (never customer content).
 * The signals rules produce it; core records it ({@link RaisedFinding}) and opens or joins a case.
 *
 * @param key        stable identity ({@link #keyOf}): the same rule over the same account, subject and
 *                   window always has the same key, so a finding is raised once
 * @param engagement the reference of the engagement that declares the account (what {@code engagements.json}
 *                   calls its id), or null for an account no engagement declares
 * @param subject    what within the account the finding is about (a region, a service category, a
 *                   directive), or "" when the rule concerns the account as a whole
 * @param figures    evidence figures by name (numbers and text), public in the log
 * @param evidence   the figures in a sentence a reviewer reads (confidential in the log, like a case summary)
 */
public record Finding(String key, String rule, String title, String severity, String account, String engagement,
        String subject, LocalDate windowStart, LocalDate windowEnd, Map<String, Object> figures, String evidence) {
    private static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(account, "account");
        subject = subject == null ? "" : subject;
        // Sorted, so that the figures read (and serialise) the same whichever engine computed them.
        figures = Collections.unmodifiableMap(new TreeMap<>(figures == null ? Map.of() : figures));
    }

    /**
     * The key of a finding: SHA-256 (hex) of rule, account, subject and window. These bytes must never
     * change: a finding already in a log or a signals ledger is recognised by them.
     */
    public static String keyOf(String rule, String account, String subject, LocalDate start, LocalDate end) {
        // Unit separators keep ("a","bc") and ("ab","c") apart.
        String s = String.join("\u001f", rule, account, subject == null ? "" : subject, start.toString(), end.toString());
        return Sha256.hex(Sha256.digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** @throws ValidationException naming every bad field */
    public void validate() {
        new ValidationException.Collector()
                .check(key == null || !key.matches("[0-9a-f]{64}"), "key", "must be 64 lower-case hex digits")
                .check(account.isBlank(), "account", "is required")
                .check(!rule.matches("[a-z0-9][a-z0-9.-]{0,63}"), "rule",
                        "must be a rule id (lower-case letters, digits, '.', '-')")
                .check(title == null || title.isBlank(), "title", "is required")
                .check(severity == null || !SEVERITIES.contains(severity), "severity", "must be low, medium, high or critical")
                .check(windowStart == null, "windowStart", "is required")
                .check(windowEnd == null || (windowStart != null && windowEnd.isBefore(windowStart)), "windowEnd",
                        "is required and not before windowStart")
                .check(evidence == null || evidence.isBlank(), "evidence", "is required")
                .throwIfAny();
    }
}
