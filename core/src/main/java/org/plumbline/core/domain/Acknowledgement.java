package org.plumbline.core.domain;

import java.time.Instant;

/** An enforcement system's acknowledgement of a directive. */
public record Acknowledgement(String client, AckOutcome outcome, String detail, Instant at, long logIndex) {}
