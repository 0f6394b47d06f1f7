package org.plumbline.core.domain;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A decision to record on a case.
 *
 * @param accounts for {@link DecisionKind#SUSPEND}: the accounts whose services are disabled (a
 *     subset of the declared ones); ignored otherwise
 * @param services for {@link DecisionKind#SUSPEND}: the services disabled (a subset of the declared ones)
 * @param conditions for {@link DecisionKind#CONDITIONS}: the conditions, public
 * @param rationale why (confidential: committed in the log)
 * @param deciderLevel the rung of the ladder the decider stands on (from their role)
 * @param effectiveAt for suspend/terminate: when the directive takes effect (e.g. after a notice
 *     period); null means at once
 */
public record DecisionInput(DecisionKind kind, List<String> accounts, List<String> services, String conditions,
        String rationale, EscalationLevel deciderLevel, Instant effectiveAt) {

    /** A decision taking effect at once. */
    public DecisionInput(DecisionKind kind, List<String> accounts, List<String> services, String conditions,
            String rationale, EscalationLevel deciderLevel) {
        this(kind, accounts, services, conditions, rationale, deciderLevel, null);
    }

    public DecisionInput {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        services = services == null ? List.of() : List.copyOf(services);
        conditions = conditions == null ? "" : conditions;
    }

    /** Checks the decision against the engagement's current declaration, at time {@code now}. */
    public void validate(Declaration declared, Instant now) {
        ValidationException.Collector errors = new ValidationException.Collector();
        errors.check(effectiveAt != null && effectiveAt.isBefore(now.minusSeconds(60)), "effectiveAt",
                "cannot be in the past");
        errors.check(effectiveAt != null && kind != null && !kind.enforces(), "effectiveAt",
                "only a suspension or termination takes effect at a time");
        errors.check(kind == null, "kind", "is required (no-action, conditions, suspend or terminate)");
        errors.check(deciderLevel == null, "deciderLevel", "is required");
        errors.check(rationale == null || rationale.isBlank(), "rationale", "explain the decision");
        errors.check(rationale != null && rationale.length() > 20_000, "rationale", "must be at most 20000 characters");
        errors.text("rationale", rationale, true);
        errors.text("conditions", conditions, true);
        for (int i = 0; i < accounts.size(); i++) {
            errors.text("accounts[" + i + "]", accounts.get(i), false);
        }
        for (int i = 0; i < services.size(); i++) {
            errors.text("services[" + i + "]", services.get(i), false);
        }
        if (kind == DecisionKind.CONDITIONS) {
            errors.check(conditions.isBlank(), "conditions", "state the conditions");
        }
        if (kind == DecisionKind.SUSPEND) {
            errors.check(accounts.isEmpty(), "accounts", "name at least one account to suspend services on");
            errors.check(services.isEmpty(), "services", "name at least one service to suspend");
            if (declared != null) {
                subset(errors, "accounts", accounts, declared.accounts());
                subset(errors, "services", services, declared.services());
            }
        }
        errors.throwIfAny();
    }

    private static void subset(ValidationException.Collector errors, String field, List<String> chosen,
            List<String> declared) {
        Set<String> allowed = new HashSet<>(declared);
        for (int i = 0; i < chosen.size(); i++) {
            if (!allowed.contains(chosen.get(i))) {
                errors.add(field + "[" + i + "]", "'" + chosen.get(i) + "' is not in the engagement's declaration ("
                        + String.join(", ", declared) + ")");
            }
        }
    }
}
