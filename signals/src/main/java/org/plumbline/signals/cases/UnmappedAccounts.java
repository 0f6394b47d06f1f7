package org.plumbline.signals.cases;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.plumbline.core.domain.Finding;
import org.plumbline.signals.AccountSummary;
import org.plumbline.signals.ScanResult;
import org.plumbline.signals.SignalsEngine;

/**
 * The accounts with usage that no engagement declares, in the order a reviewer should look at them:
 * those whose usage meets a rule (most severe first), then by cost; each summarised from its metering.
 *
 * @param accounts the first {@link #KEPT} such accounts, in that order
 * @param flags    by kept account, the rules its usage meets (the findings it would be, had it an engagement)
 * @param total    how many such accounts there were in all
 */
record UnmappedAccounts(List<AccountSummary> accounts, Map<String, List<ScanReport.Flag>> flags, int total) {
    /** How many accounts in no engagement a scan report keeps (a provider's whole export may have millions). */
    static final int KEPT = 10_000;
    private static final List<String> SEVERITY_ORDER = List.of("critical", "high", "medium", "low");

    static UnmappedAccounts rank(ScanResult result, SignalsEngine engine) throws SQLException {
        Map<String, List<ScanReport.Flag>> flags = new HashMap<>();
        for (Finding f : result.findings()) {
            if (f.engagement() != null) continue;
            flags.computeIfAbsent(f.account(), k -> new ArrayList<>()).add(new ScanReport.Flag(f.rule(), f.title(), f.severity(),
                    f.subject(), f.windowStart().toString(), f.windowEnd().toString()));
        }
        ToIntFunction<String> rank = account -> flags.getOrDefault(account, List.of()).stream()
                .mapToInt(f -> SEVERITY_ORDER.indexOf(f.severity()) < 0 ? SEVERITY_ORDER.size() : SEVERITY_ORDER.indexOf(f.severity()))
                .min().orElse(SEVERITY_ORDER.size() + 1);
        List<String> kept = result.unmapped().stream()
                .sorted(Comparator.comparingInt((ScanResult.AccountUsage a) -> rank.applyAsInt(a.account()))
                        .thenComparing(ScanResult.AccountUsage::cost, Comparator.reverseOrder())
                        .thenComparing(ScanResult.AccountUsage::account))
                .limit(KEPT).map(ScanResult.AccountUsage::account).toList();
        Map<String, Integer> order = new HashMap<>();
        kept.forEach(a -> order.put(a, order.size()));
        List<AccountSummary> accounts = engine.summaries(kept).stream()
                .sorted(Comparator.comparingInt(a -> order.get(a.account()))).toList();
        flags.keySet().retainAll(order.keySet());
        return new UnmappedAccounts(accounts, flags, result.unmapped().size());
    }
}
