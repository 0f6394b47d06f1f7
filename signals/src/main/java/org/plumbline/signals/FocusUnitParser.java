package org.plumbline.signals;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a unit string by the FOCUS Unit Format grammar (FOCUS 1.0-1.2 {@code unit_format.md}, unchanged in
 * those versions; reference: ../shared/reference/focus-units.md section 1) into a {@link FocusUnit}. A pure
 * function of the string and a {@link Dialect}; an error names the unit string and what is wrong with it.
 *
 * <p>The grammar: {@code <plural-units>} ("GB", "Requests"), {@code <singular-unit>-<plural-time-units>} (held
 * over time: "GB-Hours"), {@code <plural-units>/<singular-time-unit>} (a rate: "GB/Hour"),
 * {@code <quantity> <plural-units>} (a block: "1000 Tokens") and {@code <units>/<interval> <plural-time-units>}
 * ("Units/3 Months"). Data sizes are the spec's abbreviations, decimal (KB = 10^3 B) or binary (KiB = 2^10 B),
 * and case tells bits from bytes ("Gb" is a gigabit). Any other capitalised noun is a count.
 *
 * <p>What real exports write beyond the grammar, read here because it is unambiguous whoever writes it
 * (focus-units.md section 1.4): a space instead of the hyphen ("GB Months", Oracle), time words in any case,
 * singular or abbreviated ("hour", "Hrs", "GB-Mo"), spelled-out sizes ("gibibyte", "Gigabyte", "byte-seconds",
 * Google and AWS CUR), block sizes with K/M/B suffixes or alone ("10K", "1M", "100", Azure), "Per X" for one
 * X ("Per Call"), "X Per Hour" for "X/Hour" (Oracle), "Hourly/Daily/Annual X" for X held over that time (Azure),
 * and a trailing "(s)". What depends on who writes it is the {@link Dialect}: whether "GB" means 2^30 bytes,
 * whether "Gb" or "gb" still mean bytes, and whether "/" (and "Per") means held over time rather than a rate.
 */
public final class FocusUnitParser {
    private FocusUnitParser() {}

    /**
     * How a provider departs from the spec's reading of the grammar (the deviations of focus-units.md
     * sections 3-5, set per provider in unit-conventions.tsv).
     *
     * @param binarySizes      decimal size names mean binary sizes: "GB" is 2^30 bytes (AWS S8, Oracle S15)
     * @param bitCaseIsBytes   "Kb".."Eb" mean bytes, not bits (Azure writes "1 Gb" and means GB, S5)
     * @param lowerCaseSizes   lower-case "kb".."eb", "kib".."eib" mean bytes (Google's lower-case units)
     * @param slashIntegrates  "X/T" and "X Per T" mean X held over T, not a rate (Azure "GB/Month" Data
     *                         Stored, "Units/Hour"; Oracle "OCPU Per Hour"; focus-units.md section 4)
     */
    public record Dialect(boolean binarySizes, boolean bitCaseIsBytes, boolean lowerCaseSizes, boolean slashIntegrates) {
        /** The specification's own reading. */
        public static final Dialect FOCUS = new Dialect(false, false, false, false);
    }

    /** A unit string that cannot be read; the message names it. */
    public static final class UnitFormatException extends IllegalArgumentException {
        private final String unit;

        UnitFormatException(String unit, String problem) {
            super("unit \"" + unit + "\": " + problem);
            this.unit = unit;
        }

        public String unit() {
            return unit;
        }
    }

    /** Reads {@code text} as the specification defines it. */
    public static FocusUnit parse(String text) {
        return parse(text, Dialect.FOCUS);
    }

    private record Time(double seconds, int monthPower) {}

    private static final Map<String, Time> TIME = new HashMap<>();
    private static final Map<String, Integer> DECIMAL_PREFIX = Map.of("", 0, "K", 1, "M", 2, "G", 3, "T", 4, "P", 5, "E", 6);
    private static final Map<String, Double> LONG_SIZES = new HashMap<>();
    private static final Map<String, String> ADJECTIVES = Map.of("hourly", "hour", "daily", "day", "monthly", "month",
            "annual", "year", "yearly", "year");

    static {
        put(new Time(1e-6, 0), "microsecond", "microseconds", "us");
        put(new Time(1e-3, 0), "millisecond", "milliseconds", "ms");
        put(new Time(1, 0), "second", "seconds", "sec", "secs");
        put(new Time(60, 0), "minute", "minutes", "min", "mins");
        put(new Time(3600, 0), "hour", "hours", "hr", "hrs");
        put(new Time(86400, 0), "day", "days");
        put(new Time(1, 1), "month", "months", "mo", "mos");
        // A year as twelve of the provider's months: no source gives a provider's year length.
        put(new Time(12, 1), "year", "years", "yr", "yrs");
        String[] decimal = {"kilo", "mega", "giga", "tera", "peta", "exa"}, binary = {"kibi", "mebi", "gibi", "tebi", "pebi", "exbi"};
        LONG_SIZES.put("byte", 1.0);
        LONG_SIZES.put("bit", 1 / 8.0);
        for (int i = 0; i < 6; i++) {
            LONG_SIZES.put(decimal[i] + "byte", -(i + 1.0)); // negative: a decimal name, scaled by the dialect
            LONG_SIZES.put(binary[i] + "byte", Math.pow(1024, i + 1));
            LONG_SIZES.put(decimal[i] + "bit", -(i + 1.0) - 100);
            LONG_SIZES.put(binary[i] + "bit", Math.pow(1024, i + 1) / 8);
        }
    }

    private static void put(Time t, String... words) {
        for (String w : words) TIME.put(w, t);
    }

    private static final Pattern QUANTITY = Pattern.compile("^(\\d{1,3}(?:,\\d{3})+|\\d+)([KMB])?(?=$|\\s|/)\\s*");
    private static final Pattern PER_ONE = Pattern.compile("(?i)^per\\s+(.+)$");
    private static final Pattern X_PER_T = Pattern.compile("(?i)^(.+?)\\s+per\\s+(\\S+)$");
    private static final Pattern OVER = Pattern.compile("^(.*[^\\s/\\d])[- ]([^\\s/-]+)$");
    private static final Pattern DENOMINATOR = Pattern.compile("^(?:(\\d+)\\s+)?(\\S+)$");
    private static final Pattern QUALIFIED_SIZE = Pattern.compile("^(.+)-([^-]+)$");
    private static final Pattern NOUN_WORD = Pattern.compile("\\(?[A-Za-z][A-Za-z0-9().']*");

    /** Reads {@code text} as a provider with this dialect writes it. */
    public static FocusUnit parse(String text, Dialect d) {
        if (text == null) throw new UnitFormatException("null", "no unit");
        String t = normalize(text);
        if (t.isEmpty()) throw new UnitFormatException(text, "empty unit");
        double block = 1;
        // <quantity> <units>: a whole-number block ("1000 Tokens"); Azure also writes "10K", "1M", "1B", "1 1 Hour".
        for (int i = 0; i < 2; i++) {
            Matcher q = QUANTITY.matcher(t);
            if (!q.find()) break;
            block *= Double.parseDouble(q.group(1).replace(",", ""));
            if (q.group(2) != null) block *= switch (q.group(2)) { case "K" -> 1e3; case "M" -> 1e6; default -> 1e9; };
            t = t.substring(q.end());
        }
        Time over = null;
        Matcher m;
        // "Daily Units", "Annual Domains": Azure's units held over a period.
        int sp = t.indexOf(' ');
        if (sp > 0 && ADJECTIVES.containsKey(t.substring(0, sp).toLowerCase(Locale.ROOT))) {
            over = TIME.get(ADJECTIVES.get(t.substring(0, sp).toLowerCase(Locale.ROOT)));
            t = t.substring(sp + 1);
        }
        if ((m = PER_ONE.matcher(t)).matches()) t = m.group(1);                     // "Per Call": one call
        else if ((m = X_PER_T.matcher(t)).matches() && time(m.group(2)) != null) t = m.group(1) + "/" + m.group(2);
        // <unit>-<time>, or with a space ("GB Months"), over the whole unit ("GiB/Second-Months").
        if (over == null && (m = OVER.matcher(t)).matches() && time(m.group(2)) != null) {
            over = time(m.group(2));
            t = m.group(1);
        }
        Time per = null;
        double interval = 1;
        int slash = t.indexOf('/');
        if (slash >= 0) {
            Matcher den = DENOMINATOR.matcher(t.substring(slash + 1));
            if (!den.matches() || time(den.group(2)) == null) {
                throw new UnitFormatException(text, "after \"/\" a time unit was expected (Year, Month, Day, Hour, Minute, Second), found \""
                        + t.substring(slash + 1) + "\"");
            }
            per = time(den.group(2));
            if (den.group(1) != null) interval = Double.parseDouble(den.group(1));
            t = t.substring(0, slash).strip();
        }
        // The numerator may itself be held over time ("Core-Hours/Day").
        Time innerOver = null;
        if (!t.isEmpty() && (m = OVER.matcher(t)).matches() && time(m.group(2)) != null) {
            innerOver = time(m.group(2));
            t = m.group(1);
        }
        FocusUnit lead = t.isEmpty() ? new FocusUnit(text, FocusUnit.Measure.COUNT, "Units", 1, 0, false, false, 1) : leading(text, t, d);
        double factor = block * lead.factor();
        int months = lead.monthPower();
        boolean integrated = false, rate = false;
        if (innerOver != null) {
            factor *= innerOver.seconds();
            months += innerOver.monthPower();
            integrated = true;
        }
        if (per != null) {
            if (d.slashIntegrates() && over == null) {
                factor *= interval * per.seconds();
                months += per.monthPower();
                integrated = true;
            } else {
                factor /= interval * per.seconds();
                months -= per.monthPower();
                rate = true;
            }
        }
        if (over != null) {
            factor *= over.seconds();
            months += over.monthPower();
            integrated = true;
        }
        return new FocusUnit(text, lead.measure(), lead.noun(), factor, months, integrated, rate, block);
    }

    /**
     * The unit with its spaces made plain: any run of white space (a no-break space too, which Microsoft
     * writes in "1 GB/mes") is one space, none at either end or around "/".
     */
    static String normalize(String text) {
        return text.replaceAll("(?U)\\s+", " ").strip().replaceAll(" ?/ ?", "/");
    }

    private static Time time(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.endsWith("(s)")) w = w.substring(0, w.length() - 3);
        return TIME.get(w);
    }

    /** The leading unit: a data size, a time, or a count noun. */
    private static FocusUnit leading(String text, String u, Dialect d) {
        Double size = size(u, d);
        if (size != null) return new FocusUnit(text, FocusUnit.Measure.DATA_SIZE, null, size, 0, false, false, 1);
        Time time = time(u);
        if (time != null) return new FocusUnit(text, FocusUnit.Measure.TIME, null, time.seconds(), time.monthPower(), false, false, 1);
        Matcher q = QUALIFIED_SIZE.matcher(u);
        if (q.matches() && size(q.group(2), d) != null) {  // "Lambda-GB": a data size of something named
            return new FocusUnit(text, FocusUnit.Measure.DATA_SIZE, q.group(1), size(q.group(2), d), 0, false, false, 1);
        }
        // A count noun: the spec allows any capitalised noun ("count-based units"); a word that is a size or a
        // time means a form this grammar does not know, which must not pass for a count.
        for (String w : u.split("[ -]")) {
            if (!NOUN_WORD.matcher(w).matches()) throw new UnitFormatException(text, "\"" + w + "\" is not a unit word");
            if (time(w) != null || looksLikeSize(w)) {
                throw new UnitFormatException(text, "\"" + u + "\" mixes a size or time (\"" + w + "\") into a form the FOCUS Unit Format does not have");
            }
        }
        String noun = u.endsWith("(s)") ? u.substring(0, u.length() - 3) + "s" : u;
        return new FocusUnit(text, FocusUnit.Measure.COUNT, noun, 1, 0, false, false, 1);
    }

    /** Bytes in one of this size unit, or null if {@code u} names no data size. */
    private static Double size(String u, Dialect d) {
        // The spec's abbreviations, case-sensitive: B bytes, b bits; K,M,G,T,P,E decimal, Ki..Ei binary.
        if (u.matches("[Bb]|[KMGTPE]i?[Bb]")) {
            boolean binary = u.length() == 3;
            String prefix = u.length() > 1 ? u.substring(0, 1) : "";
            boolean bits = u.endsWith("b") && !(d.bitCaseIsBytes() && !prefix.isEmpty());
            double bytes = binary ? Math.pow(1024, DECIMAL_PREFIX.get(prefix)) : decimal(DECIMAL_PREFIX.get(prefix), d);
            return bits ? bytes / 8 : bytes;
        }
        if (d.lowerCaseSizes() && u.matches("[kmgtpe]i?b")) {
            String prefix = u.substring(0, 1).toUpperCase(Locale.ROOT);
            return u.length() == 3 ? Math.pow(1024, DECIMAL_PREFIX.get(prefix)) : decimal(DECIMAL_PREFIX.get(prefix), d);
        }
        // Spelled out, any case, singular or plural ("gibibyte", "GigaBytes", "byte-seconds"; Google, AWS CUR).
        String w = u.toLowerCase(Locale.ROOT);
        if (w.endsWith("s")) w = w.substring(0, w.length() - 1);
        Double f = LONG_SIZES.get(w);
        if (f == null) return null;
        if (f >= 0) return f;
        return f < -50 ? decimal((int) (-f - 100), d) / 8 : decimal((int) -f, d);
    }

    private static double decimal(int power, Dialect d) {
        return Math.pow(d.binarySizes() ? 1024 : 1000, power);
    }

    /** A word that would be a data size in some case or spelling (so it cannot be a count noun). */
    private static boolean looksLikeSize(String w) {
        return size(w, new Dialect(false, true, true, false)) != null || w.matches("(?i)[kmgtpe]i?b");
    }
}
