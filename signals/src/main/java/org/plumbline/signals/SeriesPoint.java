package org.plumbline.signals;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One day of one metric of an account's profile, for charts: amount in the metric's unit (bytes held,
 * audio-hours, characters, tokens, compute hours, bytes out; 0 for "other") and its cost, in {@code currency}
 * (FOCUS's BillingCurrency, e.g. "EUR"; {@link #MIXED} if the day's rows name more than one; null if none names one).
 */
public record SeriesPoint(LocalDate day, String metric, double amount, BigDecimal cost, String currency) {
    /** The currency {@code cost} is in when a day's rows disagree (their costs do not add up to one amount). */
    public static final String MIXED = "mixed";

    /** A point whose cost's currency is not known. */
    public SeriesPoint(LocalDate day, String metric, double amount, BigDecimal cost) {
        this(day, metric, amount, cost, null);
    }
}
