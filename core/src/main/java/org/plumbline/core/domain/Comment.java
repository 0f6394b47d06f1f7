package org.plumbline.core.domain;

import java.time.Instant;

/** A working note on a case. Comments are not logged (they are discussion, not decisions). */
public record Comment(long id, long caseId, String author, String body, Instant at) {}
