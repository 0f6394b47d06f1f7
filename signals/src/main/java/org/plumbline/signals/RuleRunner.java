package org.plumbline.signals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plumbline.core.domain.Finding;

/**
 * Runs rules on an engine that already holds {@code usage_daily}: loads the declaration tables, runs
 * each rule's SQL, keeps the rows whose engagement the rule applies to, and turns them into findings.
 * Engine-independent, so DuckDB and Spark produce findings through exactly the same code.
 */
public final class RuleRunner {
    /** Rule timings on standard error when -Dplumbline.signals.debug=true (for tuning, not for users). */
    private static final boolean DEBUG = Boolean.getBoolean("plumbline.signals.debug");
    private final List<Rule> rules;
    private final PurposeVocabulary vocabulary;

    public RuleRunner(List<Rule> rules, PurposeVocabulary vocabulary) {
        this.rules = List.copyOf(rules);
        this.vocabulary = vocabulary;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Every finding the rules produce now, sorted by rule (in rule order), account, subject and window. */
    public List<Finding> run(RuleEngine engine, Declarations declarations) throws Exception {
        long loading = System.nanoTime();
        for (TableData t : DeclarationTables.of(declarations, vocabulary)) engine.load(t);
        if (DEBUG) System.err.printf("signals: declaration tables %.2f s%n", (System.nanoTime() - loading) / 1e9);
        engine.defineView("account_engagement", DeclarationTables.ACCOUNT_ENGAGEMENT_VIEW);
        Map<String, String> engagementOf = new HashMap<>();
        for (Map<String, Object> r : engine.query("SELECT account_id, engagement_id FROM account_engagement")) {
            engagementOf.put((String) r.get("account_id"), (String) r.get("engagement_id"));
        }
        Map<String, DeclaredUse> engagements = new HashMap<>();
        for (DeclaredUse e : declarations.engagements()) engagements.put(e.id(), e);

        List<Finding> out = new ArrayList<>();
        for (Rule rule : rules) {
            List<Map<String, Object>> rows;
            long t0 = System.nanoTime();
            try {
                rows = engine.query(rule.sql());
                if (DEBUG) System.err.printf("signals: rule %s %.2f s%n", rule.id(), (System.nanoTime() - t0) / 1e9);
            } catch (Exception e) {
                throw new IllegalStateException("rule " + rule.id() + " failed: " + e.getMessage(), e);
            }
            List<Finding> found = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                String account = require(row, "account_id", rule).toString();
                String engagementId = engagementOf.get(account);
                DeclaredUse e = engagementId == null ? null : engagements.get(engagementId);
                if (!rule.appliesTo(e == null ? null : e.purposes())) continue;
                LocalDate start = LocalDate.ofEpochDay(((Number) require(row, "window_start", rule)).longValue());
                LocalDate end = LocalDate.ofEpochDay(((Number) require(row, "window_end", rule)).longValue());
                Object subjectValue = row.get("subject");
                String subject = subjectValue == null ? "" : subjectValue.toString();
                Map<String, Object> figures = new LinkedHashMap<>();
                for (var c : row.entrySet()) {
                    if (List.of("account_id", "window_start", "window_end", "subject").contains(c.getKey())) continue;
                    figures.put(c.getKey(), normalise(c.getValue()));
                }
                Map<String, Object> all = new LinkedHashMap<>(figures);
                all.put("subject", subject);
                String evidence = EvidenceTemplate.format(rule.evidence(), all, e == null ? null : e.purposes(),
                        e == null ? null : e.regions());
                found.add(new Finding(Finding.keyOf(rule.id(), account, subject, start, end), rule.id(), rule.title(),
                        rule.severity(), account, engagementId, subject, start, end, figures, evidence));
            }
            found.sort(Comparator.comparing(Finding::account).thenComparing(Finding::subject)
                    .thenComparing(Finding::windowStart).thenComparing(Finding::windowEnd));
            out.addAll(found);
        }
        return List.copyOf(out);
    }

    private static Object require(Map<String, Object> row, String column, Rule rule) {
        Object v = row.get(column);
        if (v == null) throw new IllegalStateException("rule " + rule.id() + " returned no " + column + " (every rule must)");
        return v;
    }

    /**
     * Engines return numbers in different boxes; findings keep them as Long, Double or plain BigDecimal.
     * Doubles are rounded to 12 significant digits: a parallel sum of doubles differs in its last bits from
     * run to run and engine to engine, and a finding must read the same every time.
     */
    static Object normalise(Object v) {
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? d : new BigDecimal(d).round(new java.math.MathContext(12)).doubleValue();
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
        if (v instanceof Float f) return f.doubleValue();
        if (v instanceof BigDecimal b) {
            BigDecimal s = b.stripTrailingZeros();
            return s.scale() < 0 ? s.setScale(0) : s;
        }
        if (v instanceof java.math.BigInteger i) return new BigDecimal(i);
        return v;
    }
}
