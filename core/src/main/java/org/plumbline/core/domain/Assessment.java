package org.plumbline.core.domain;

import java.time.Instant;

/** A recorded assessment on a case; see {@link AssessmentInput} for the scoring rules. */
public record Assessment(long id, long caseId, AssessmentInput input, int severity, int priority,
        String assessor, Instant at, long logIndex) {}
