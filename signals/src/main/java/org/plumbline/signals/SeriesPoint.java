package org.plumbline.signals;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One day of one metric of an account's profile, for charts: amount in the metric's unit (bytes held,
 * audio-hours, characters, tokens, compute hours, bytes out; 0 for "other") and its cost.
 */
public record SeriesPoint(LocalDate day, String metric, double amount, BigDecimal cost) {}
