package org.plumbline.signals;

import java.util.Locale;

/**
 * A unit of measure as FOCUS writes it (ConsumedUnit, PricingUnit, or a provider's own unit column), read
 * into what it measures and the factor to that measure's base unit. Immutable; made by {@link FocusUnitParser}.
 *
 * <p>Base units: bytes for a data size, seconds for time, 1 for a count. A unit held over time (FOCUS 1.0
 * Unit Format, {@code <singular-unit>-<plural-time-units>}, e.g. {@code GB-Hours}) is {@link #timeIntegrated}
 * and its base is byte-seconds (or count-seconds, seconds-seconds); a rate ({@code <plural-units>/<time-unit>},
 * e.g. {@code GB/Hour}) is {@link #rate} and its base is bytes (or counts) per second.
 *
 * <p>A month has no fixed length (AWS and Azure bill calendar months, Oracle a 744-hour month, Google the
 * invoice month: focus-units.md section 5.2), so the factor leaves it out: the factor to base is
 * {@code factor * M^monthPower} for a month of M seconds ({@link #factor(double)}).
 *
 * @param text       the unit as written
 * @param measure    what is measured (data size, time or a count of something)
 * @param noun       for a count, what is counted as written ("Tokens", "vCPU", "Units"); for a data size
 *                   a qualifier written before it ("Lambda" in "Lambda-GB-Seconds"); else null
 * @param factor     to the base unit, leaving out the month (see above)
 * @param monthPower how often a month of M seconds multiplies the factor (1 for "GB-Months", -1 for "GB/Month" as a rate)
 * @param block      the whole-number block the factor includes ("1000" of "1000 Tokens", 1e6 of Azure's "1M"); 1 if none
 */
public record FocusUnit(String text, Measure measure, String noun, double factor, int monthPower,
                        boolean timeIntegrated, boolean rate, double block) {

    /** What a unit measures, before any time integration or rate. */
    public enum Measure { DATA_SIZE, TIME, COUNT }

    /** The factor to base for a month of {@code monthSeconds} seconds. */
    public double factor(double monthSeconds) {
        return factor * Math.pow(monthSeconds, monthPower);
    }

    /**
     * The dimension as the reference catalogue names it: {@code data_size}, {@code time}, {@code count}, with
     * {@code x time} when held over time and {@code / time} for a rate (e.g. "data_size x time").
     */
    public String dimension() {
        String base = measure.name().toLowerCase(Locale.ROOT);
        return base + (rate ? " / time" : "") + (timeIntegrated ? " x time" : "");
    }

    /** The same unit with a quantity already in single units, not in blocks (the factor without the block). */
    public FocusUnit withoutBlock() {
        return new FocusUnit(text, measure, noun, factor / block, monthPower, timeIntegrated, rate, 1);
    }

    /** True when this is a count of {@code singular} (or its plural): "Tokens" counts "Token". */
    public boolean counts(String singular) {
        if (measure != Measure.COUNT || noun == null) return false;
        String n = noun.toLowerCase(Locale.ROOT), s = singular.toLowerCase(Locale.ROOT);
        return n.equals(s) || n.equals(s + "s") || n.endsWith(" " + s) || n.endsWith(" " + s + "s");
    }
}
