package org.plumbline.core.domain;

import java.time.Instant;

/**
 * A usage finding as recorded: the engagement it was raised on (by id, as cases name it), its
 * {@code finding.raised} record ({@code logIndex}) and the case it opened ({@code openedCase}) or was
 * added to.
 */
public record RaisedFinding(long id, Finding finding, long engagementId, long caseId, boolean openedCase, String raisedBy,
        Instant raisedAt, long logIndex) {}
