package org.plumbline.core.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calendar quarter in UTC, written {@code 2026-Q4}: the period a transparency report counts. A record
 * is in a quarter when its {@code time} is in {@code [start, end)}.
 */
public record Quarter(int year, int quarter) implements Comparable<Quarter> {
    private static final Pattern TEXT = Pattern.compile("(\\d{4})-Q([1-4])");

    public Quarter {
        if (year < 1970 || year > 9999) throw new IllegalArgumentException("year out of range: " + year);
        if (quarter < 1 || quarter > 4) throw new IllegalArgumentException("quarter must be 1..4, got " + quarter);
    }

    /** Parses {@code YYYY-Qn}; anything else is refused with a message that says the form. */
    public static Quarter parse(String text) {
        Matcher m = text == null ? null : TEXT.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("a quarter is written YYYY-Qn, e.g. 2026-Q4");
        }
        return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The quarter an instant falls in. */
    public static Quarter of(Instant t) {
        LocalDate d = LocalDate.ofInstant(t, ZoneOffset.UTC);
        return new Quarter(d.getYear(), (d.getMonthValue() - 1) / 3 + 1);
    }

    /** The first instant of the quarter. */
    public Instant start() {
        return LocalDate.of(year, (quarter - 1) * 3 + 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the quarter. */
    public Instant end() {
        return next().start();
    }

    /** The last day of the quarter (as a date, for day filters that include their last day). */
    public LocalDate lastDay() {
        return LocalDate.ofInstant(end(), ZoneOffset.UTC).minusDays(1);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start()) && t.isBefore(end());
    }

    public Quarter next() {
        return quarter == 4 ? new Quarter(year + 1, 1) : new Quarter(year, quarter + 1);
    }

    public Quarter previous() {
        return quarter == 1 ? new Quarter(year - 1, 4) : new Quarter(year, quarter - 1);
    }

    @Override
    public int compareTo(Quarter o) {
        return year != o.year ? Integer.compare(year, o.year) : Integer.compare(quarter, o.quarter);
    }

    @Override
    public String toString() {
        return year + "-Q" + quarter;
    }
}
