package org.plumbline.core.domain;

import java.time.Instant;

/** One move of a case on its state machine or escalation ladder, as shown on its timeline. */
public record CaseEvent(long id, long caseId, CaseState from, CaseState to, EscalationLevel level, String note,
        String actor, Instant at, long logIndex) {}
