package org.plumbline.core.domain;


/**
 * A human-rights impact assessment after the UN Guiding Principles (Principle 14 and its
 * commentary; the Interpretive Guide's scale, scope and irremediable character).
 *
 * <p>Each of {@code scale} (how grave), {@code scope} (how many people), {@code irremediability}
 * (how hard to put right) and {@code likelihood} is scored 1–5.
 *
 * <ul>
 *   <li>{@link #severity()} is the maximum of scale, scope and irremediability: one grave dimension
 *       makes the impact severe; the others never average it away.
 *   <li>{@link #priority()} orders the work. For a severe impact (severity ≥ {@value #SEVERE}) it is
 *       the severity: likelihood never lowers a severe score (UNGP 24: severity comes first). Below
 *       that, a low likelihood may lower the priority: ceil((severity + likelihood) / 2), never above
 *       the severity.
 * </ul>
 *
 * @param rationale the reviewer's reasoning (confidential: committed in the log)
 */
public record AssessmentInput(int scale, int scope, int irremediability, int likelihood, Leverage leverage,
        Relation relation, String rationale) {
    /** Severity from which an impact counts as severe. */
    public static final int SEVERE = 4;

    /** Checks the scores (1–5), leverage, relation and rationale. */
    public void validate() {
        ValidationException.Collector errors = new ValidationException.Collector();
        score(errors, "scale", scale);
        score(errors, "scope", scope);
        score(errors, "irremediability", irremediability);
        score(errors, "likelihood", likelihood);
        errors.check(leverage == null, "leverage", "is required (low, medium or high)");
        errors.check(relation == null, "relation", "is required (cause, contribute or directly-linked)");
        errors.check(rationale == null || rationale.isBlank(), "rationale", "explain the scores");
        errors.check(rationale != null && rationale.length() > 20_000, "rationale", "must be at most 20000 characters");
        errors.text("rationale", rationale, true);
        errors.throwIfAny();
    }

    private static void score(ValidationException.Collector errors, String field, int value) {
        errors.check(value < 1 || value > 5, field, "must be a whole number from 1 to 5; got " + value);
    }

    /** max(scale, scope, irremediability). */
    public int severity() {
        return Math.max(scale, Math.max(scope, irremediability));
    }

    /** The work priority: the severity if severe, else likelihood-weighted but never above severity. */
    public int priority() {
        int severity = severity();
        if (severity >= SEVERE) return severity;
        return Math.min(severity, (severity + likelihood + 1) / 2);
    }
}
