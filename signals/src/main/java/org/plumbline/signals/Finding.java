package org.plumbline.signals;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.plumbline.log.hash.Sha256;

/**
 * A finding: usage of an account that contradicts its engagement's declaration, per one rule, over one
 * window of days (UTC, inclusive). Immutable; this is what the server records in the log and attaches
 * to a case.
 *
 * @param key        stable identity: SHA-256 of rule, account, subject and window. The same rule over the
 *                   same account, subject and window always has the same key, so it is raised once
 * @param engagement the engagement the account belongs to, or null for an account in none
 * @param subject    what within the account the finding is about (a region, service category, directive),
 *                   or "" when the rule concerns the account as a whole
 * @param figures    the evidence figures by name (numbers and text), as the rule computed them
 * @param evidence   the figures in a sentence a reviewer reads
 */
public record Finding(String key, String rule, String title, String severity, String account, String engagement,
                      String subject, LocalDate windowStart, LocalDate windowEnd, Map<String, Object> figures,
                      String evidence) {
    public Finding {
        Objects.requireNonNull(rule);
        Objects.requireNonNull(account);
        subject = subject == null ? "" : subject;
        figures = java.util.Collections.unmodifiableMap(new TreeMap<>(figures));
    }

    /**
     * The finding as the JSON object {@code signals scan} and the Spark job print: rule, title,
     * severity, account, engagement, subject, window (ISO dates), evidence, figures and key.
     */
    public Map<String, Object> toJsonObject() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("rule", rule);
        m.put("title", title);
        m.put("severity", severity);
        m.put("account", account);
        m.put("engagement", engagement);
        m.put("subject", subject);
        m.put("windowStart", windowStart.toString());
        m.put("windowEnd", windowEnd.toString());
        m.put("evidence", evidence);
        m.put("figures", figures);
        m.put("key", key);
        return m;
    }

    static String keyOf(String rule, String account, String subject, LocalDate start, LocalDate end) {
        // Unit separators keep ("a","bc") and ("ab","c") apart.
        String s = String.join("\u001f", rule, account, subject == null ? "" : subject, start.toString(), end.toString());
        return Sha256.hex(Sha256.digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
