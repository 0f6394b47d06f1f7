package org.plumbline.signals;

import java.math.BigDecimal;
import java.util.List;
import org.plumbline.core.domain.Finding;

/**
 * The outcome of a scan.
 *
 * @param findings  every finding the current data supports (including ones raised by earlier scans)
 * @param raised    the findings this scan raised for the first time (handed to the sink)
 * @param accounts  usage per account with its engagement; accounts in no engagement have engagement null:
 *                  they are summarised here, never dropped
 */
public record ScanResult(List<Finding> findings, List<Finding> raised, List<AccountUsage> accounts) {
    public ScanResult {
        findings = List.copyOf(findings);
        raised = List.copyOf(raised);
        accounts = List.copyOf(accounts);
    }

    /** Usage rows and cost of one account over all ingested data. */
    public record AccountUsage(String account, String billingAccount, String engagement, long rows, BigDecimal cost,
                               String firstDay, String lastDay) {}

    public List<AccountUsage> unmapped() {
        return accounts.stream().filter(a -> a.engagement() == null).toList();
    }

    public long rows() {
        return accounts.stream().mapToLong(AccountUsage::rows).sum();
    }
}
