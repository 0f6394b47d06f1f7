package org.plumbline.signals;

import java.util.List;
import java.util.Objects;

/**
 * What signals needs of a declared engagement: its id, declared purposes, the accounts it covers and
 * its declared regions (empty = no region declared, so the region rule does not apply).
 */
public record Engagement(String id, String name, List<String> purposes, List<Account> accounts, List<String> regions) {
    /**
     * An account the engagement covers: a sub-account, or (subAccountId null) every sub-account of a
     * billing account. Usage rows map by SubAccountId first, then by BillingAccountId.
     */
    public record Account(String subAccountId, String billingAccountId) {
        public Account {
            if (subAccountId == null && billingAccountId == null) {
                throw new IllegalArgumentException("an account needs subAccountId or billingAccountId");
            }
        }
    }

    public Engagement {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
        purposes = List.copyOf(purposes);
        accounts = List.copyOf(accounts);
        regions = regions == null ? List.of() : List.copyOf(regions);
    }
}
