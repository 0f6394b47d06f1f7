package org.plumbline.signals.cases;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.plumbline.core.Core;
import org.plumbline.core.Findings;
import org.plumbline.core.domain.Finding;
import org.plumbline.signals.Declarations;
import org.plumbline.signals.FindingSink;
import org.plumbline.signals.ScanResult;
import org.plumbline.signals.SignalsEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one scan's findings to core ({@link Findings#raise}), which logs {@code finding.raised} and
 * opens or joins a case in one transaction. The server's scans and {@code plumbline signals scan
 * --database} raise through this one class, so a finding reaches the log the same way from both.
 *
 * <p>A finding on an account no engagement declares is counted, not raised: no engagement can hold its
 * case. One raiser serves one scan; it is not for several threads.
 */
public final class FindingRaiser implements FindingSink {
    private static final Logger LOG = LoggerFactory.getLogger(FindingRaiser.class);
    /** Who raises findings: the scan, not the person who uploaded the data or ran the command. */
    private static final String ACTOR = "system/signals";

    private final Core core;
    private final List<Findings.Outcome> raised = new ArrayList<>();
    private int unattributed;

    public FindingRaiser(Core core) {
        this.core = core;
    }

    /**
     * Scans with the engine and raises what it finds: each finding the engine's ledger has not handed on
     * before, then {@link #raiseSupported those it had}.
     */
    public ScanResult scan(SignalsEngine engine, Declarations declarations) throws Exception {
        ScanResult result = engine.scan(declarations, this);
        raiseSupported(result);
        return result;
    }

    /** Raises a finding the engine hands on (once per key: core refuses a key it has recorded). */
    @Override
    public void accept(Finding f) {
        if (f.engagement() == null) {
            unattributed++;
            LOG.warn("finding {} on account {} belongs to no engagement; not raised", f.rule(), f.account());
            return;
        }
        record(core.findings().raise(f, ACTOR));
    }

    /**
     * The signals ledger also records findings handed over while their account was in no engagement,
     * which were not raised. Once an engagement declares the account, such a finding must open its case
     * now, not only when new data moves the window: this offers core every supported finding the ledger
     * had seen; core's check by key makes it a read for those core already holds.
     */
    void raiseSupported(ScanResult result) {
        Set<String> handed = new HashSet<>();
        result.raised().forEach(f -> handed.add(f.key()));
        for (Finding f : result.findings()) {
            if (f.engagement() == null || handed.contains(f.key())) continue;
            record(core.findings().raise(f, ACTOR));
        }
    }

    private void record(Findings.Outcome o) {
        if (o.isNew()) raised.add(o);
    }

    /** The findings this raiser recorded for the first time, in the order it raised them. */
    public List<Findings.Outcome> raised() {
        return List.copyOf(raised);
    }

    /** Findings handed on for accounts in no engagement (not raised). */
    public int unattributed() {
        return unattributed;
    }
}
