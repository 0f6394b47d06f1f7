package org.plumbline.core.domain;

import java.time.Instant;
import java.util.List;

/** A recorded decision on a case; at most one per case. */
public record Decision(long id, long caseId, DecisionKind kind, List<String> accounts, List<String> services,
        String conditions, String rationale, String decider, EscalationLevel level, Instant at, long logIndex) {}
