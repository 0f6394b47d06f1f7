package org.plumbline.core.domain;

import java.time.Instant;

/**
 * One version of an engagement's declaration. Version 1 is the original declaration; each
 * amendment adds the next version; none is ever changed.
 *
 * @param declaredBy the account (not the name) of the person who submitted it
 * @param logIndex the log index of its {@code engagement.declared} / {@code engagement.amended} record
 */
public record EngagementVersion(long engagementId, int version, Declaration declaration, String declaredBy,
        Instant declaredAt, long logIndex) {}
