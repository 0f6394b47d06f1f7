package org.plumbline.core.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What an engagement is declared to be: the provider accounts (FOCUS {@code SubAccountId}s) and
 * billing account, the services and regions in scope, the contract reference (confidential), the
 * declared purposes and data categories from the controlled vocabulary, the acknowledged
 * prohibited-use clauses, and the account manager's attestation.
 */
public record Declaration(List<String> accounts, String billingAccount, List<String> services,
        List<String> regions, String contractReference, List<String> purposes, List<String> dataCategories,
        List<String> acknowledgedProhibitedUses, Attestation attestation) {

    public Declaration {
        accounts = copy(accounts);
        services = copy(services);
        regions = copy(regions);
        purposes = copy(purposes);
        dataCategories = copy(dataCategories);
        acknowledgedProhibitedUses = copy(acknowledgedProhibitedUses);
    }

    private static List<String> copy(List<String> list) {
        return list == null ? List.of() : list.stream().map(s -> s == null ? "" : s.strip()).toList();
    }

    /**
     * Checks every field against the vocabulary, collecting one message per offending field (list
     * items are named with their position, e.g. {@code purposes[1]}).
     */
    public void validate(Vocabulary vocabulary) {
        ValidationException.Collector errors = new ValidationException.Collector();
        nonEmptyDistinct(errors, "accounts", accounts, "[A-Za-z0-9._:/-]{1,128}",
                "must be a provider account id (FOCUS SubAccountId: letters, digits, . _ : / -)");
        errors.check(billingAccount == null || billingAccount.isBlank(), "billingAccount", "is required");
        errors.text("billingAccount", billingAccount, false);
        nonEmptyDistinct(errors, "services", services, ".{1,200}", "must be a service name of at most 200 characters");
        nonEmptyDistinct(errors, "regions", regions, "[A-Za-z0-9._-]{1,64}", "must be a region id, e.g. westeurope");
        errors.check(contractReference == null || contractReference.isBlank(), "contractReference", "is required");
        errors.check(contractReference != null && contractReference.length() > 500, "contractReference",
                "must be at most 500 characters");
        errors.text("contractReference", contractReference, false);
        for (int i = 0; i < services.size(); i++) {
            errors.text("services[" + i + "]", services.get(i), false);
        }
        errors.check(purposes.isEmpty(), "purposes", "declare at least one purpose");
        for (int i = 0; i < purposes.size(); i++) {
            if (vocabulary.purpose(purposes.get(i)).isEmpty()) {
                errors.add("purposes[" + i + "]", "unknown purpose '" + purposes.get(i) + "'; known: "
                        + String.join(", ", vocabulary.purposes().stream().map(Purpose::id).toList()));
            }
        }
        duplicates(errors, "purposes", purposes);
        errors.check(dataCategories.isEmpty(), "dataCategories", "declare at least one data category");
        for (int i = 0; i < dataCategories.size(); i++) {
            if (!vocabulary.isDataCategory(dataCategories.get(i))) {
                errors.add("dataCategories[" + i + "]", "unknown data category '" + dataCategories.get(i) + "'; known: "
                        + String.join(", ", vocabulary.dataCategories().stream().map(DataCategory::id).toList()));
            }
        }
        duplicates(errors, "dataCategories", dataCategories);
        Set<String> acknowledged = new HashSet<>(acknowledgedProhibitedUses);
        for (ProhibitedUse clause : vocabulary.prohibitedUses()) {
            if (!acknowledged.contains(clause.id())) {
                errors.add("acknowledgedProhibitedUses", "clause '" + clause.id() + "' must be acknowledged");
            }
        }
        Set<String> known = new HashSet<>();
        vocabulary.prohibitedUses().forEach(c -> known.add(c.id()));
        for (int i = 0; i < acknowledgedProhibitedUses.size(); i++) {
            if (!known.contains(acknowledgedProhibitedUses.get(i))) {
                errors.add("acknowledgedProhibitedUses[" + i + "]", "unknown clause '" + acknowledgedProhibitedUses.get(i) + "'");
            }
        }
        if (attestation == null) {
            errors.add("attestation", "the account manager must attest the declaration");
        } else {
            errors.check(attestation.accountManager() == null || attestation.accountManager().isBlank(),
                    "attestation.accountManager", "the attesting account manager's name is required");
            errors.check(attestation.statement() == null || attestation.statement().isBlank(),
                    "attestation.statement", "is required");
            errors.text("attestation.accountManager", attestation.accountManager(), false);
            errors.text("attestation.statement", attestation.statement(), true);
            errors.check(attestation.statement() != null && attestation.statement().length() > 2000,
                    "attestation.statement", "must be at most 2000 characters");
        }
        errors.throwIfAny();
    }

    private static void nonEmptyDistinct(ValidationException.Collector errors, String field, List<String> values,
            String pattern, String message) {
        errors.check(values.isEmpty(), field, "list at least one");
        for (int i = 0; i < values.size(); i++) {
            if (!values.get(i).matches(pattern)) errors.add(field + "[" + i + "]", message);
        }
        duplicates(errors, field, values);
    }

    private static void duplicates(ValidationException.Collector errors, String field, List<String> values) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!seen.add(values.get(i))) errors.add(field + "[" + i + "]", "'" + values.get(i) + "' is listed twice");
        }
    }
}
