package org.plumbline.signals;

import org.plumbline.core.domain.Finding;

/**
 * Where new findings go. The server implements it to append a {@code finding.raised} record to the log
 * and open or update the case of the finding's engagement; the CLI collects them for printing.
 *
 * <p>Called once per finding that the ledger has not seen; the finding is marked raised in the ledger
 * only after {@link #accept} returns, so a sink that throws sees the finding again on the next scan. A
 * sink should therefore treat {@link Finding#key()} as an idempotency key.
 */
@FunctionalInterface
public interface FindingSink {
    void accept(Finding finding) throws Exception;
}
