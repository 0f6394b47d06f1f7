package org.plumbline.signals;

import java.util.List;
import java.util.Objects;

/**
 * The use an engagement declares, as the rules read it: the engagement's reference ({@code id}, what
 * {@code engagements.json} calls its id and core calls its reference), its declared purposes, the
 * accounts it covers and its declared regions (empty = no region declared, so the region rule does not
 * apply). Core's {@code Engagement} and {@code Declaration} hold the whole of it; this is the part usage
 * can contradict.
 */
public record DeclaredUse(String id, String name, List<String> purposes, List<Account> accounts, List<String> regions) {
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

    public DeclaredUse {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
        purposes = List.copyOf(purposes);
        accounts = List.copyOf(accounts);
        regions = regions == null ? List.of() : List.copyOf(regions);
    }
}
