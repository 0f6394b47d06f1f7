package org.plumbline.signals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Each provider's departures from the FOCUS Unit Format, as data ({@code unit-conventions.tsv}, which
 * documents its format and cites focus-units.md for every line): which provider means binary sizes by
 * "GB", writes "Gb" or lower-case units for bytes, means "held over" by "/" and "Per", how long its month
 * is, which column carries its unit with the block size, and the unit strings it writes that no grammar
 * reads. Extra files are read first and win, so an operator teaches a provider's units without code.
 */
public final class ProviderUnitConventions {
    static final String ANY = "*";

    /** A month's length: the calendar month of the charge ({@code hours} 0) or a fixed number of hours. */
    public record Month(double hours) {
        static final Month CALENDAR = new Month(0);

        public boolean calendar() {
            return hours == 0;
        }
    }

    private final Map<String, String> providerKeys;          // lower-case name -> key
    private final Map<String, FocusUnitParser.Dialect> dialects;
    private final Map<String, Month> months;
    private final Map<String, String> unitColumns;           // key -> column
    private final Map<String, String> aliases;               // key + '\t' + unit -> unit

    private ProviderUnitConventions(Map<String, String> providerKeys, Map<String, FocusUnitParser.Dialect> dialects,
            Map<String, Month> months, Map<String, String> unitColumns, Map<String, String> aliases) {
        this.providerKeys = providerKeys;
        this.dialects = dialects;
        this.months = months;
        this.unitColumns = unitColumns;
        this.aliases = aliases;
    }

    /** The conventions shipped with Plumbline. */
    public static ProviderUnitConventions shipped() {
        return of(Tsv.resource("unit-conventions.tsv"));
    }

    static ProviderUnitConventions of(List<Tsv.Line> lines) {
        Map<String, String> keys = new HashMap<>();
        Map<String, boolean[]> flags = new LinkedHashMap<>();
        java.util.Set<String> flagsSet = new java.util.HashSet<>();
        Map<String, Month> months = new HashMap<>();
        Map<String, String> unitColumns = new HashMap<>();
        Map<String, String> aliases = new HashMap<>();
        for (Tsv.Line l : lines) {
            String setting = l.field(0).trim(), provider = l.field(1).trim().toLowerCase(Locale.ROOT);
            int flag = switch (setting) {
                case "binary-sizes" -> 0;
                case "bit-case-is-bytes" -> 1;
                case "lower-case-sizes" -> 2;
                case "slash-integrates" -> 3;
                default -> -1;
            };
            if (flag >= 0) {
                String v = l.field(2).trim();
                if (!v.equals("yes") && !v.equals("no")) throw bad(l, setting + " must be yes or no, found \"" + v + "\"");
                // First line wins (extra files are read first), as for every other setting.
                if (flagsSet.add(provider + "#" + flag)) flags.computeIfAbsent(provider, k -> new boolean[4])[flag] = v.equals("yes");
                continue;
            }
            switch (setting) {
                case "provider" -> {
                    for (String name : l.fields().subList(2, l.fields().size())) {
                        if (!name.isBlank()) keys.putIfAbsent(name.trim().toLowerCase(Locale.ROOT), provider);
                    }
                }
                case "month" -> {
                    String v = l.field(2).trim();
                    Month m;
                    if (v.equals("calendar")) m = Month.CALENDAR;
                    else if (v.matches("\\d+(\\.\\d+)? hours")) m = new Month(Double.parseDouble(v.substring(0, v.indexOf(' '))));
                    else throw bad(l, "month must be \"calendar\" or \"N hours\", found \"" + v + "\"");
                    months.putIfAbsent(provider, m);
                }
                case "unit-column" -> unitColumns.putIfAbsent(provider, l.field(2).trim());
                case "alias" -> aliases.putIfAbsent(provider + "\t" + FocusUnitParser.normalize(l.field(2)), l.field(3).strip());
                default -> throw bad(l, "unknown setting \"" + setting + "\"");
            }
        }
        Map<String, FocusUnitParser.Dialect> dialects = new HashMap<>();
        flags.forEach((p, f) -> dialects.put(p, new FocusUnitParser.Dialect(f[0], f[1], f[2], f[3])));
        return new ProviderUnitConventions(Map.copyOf(keys), Map.copyOf(dialects), Map.copyOf(months),
                Map.copyOf(unitColumns), Map.copyOf(aliases));
    }

    /** These conventions with {@code extra}'s lines read first (so they win). */
    static ProviderUnitConventions withExtra(List<Tsv.Line> extra) {
        List<Tsv.Line> all = new ArrayList<>(extra);
        all.addAll(Tsv.resource("unit-conventions.tsv"));
        return of(all);
    }

    private static IllegalArgumentException bad(Tsv.Line l, String problem) {
        return new IllegalArgumentException(l.source() + " line " + l.number() + ": " + problem);
    }

    /** Whether {@code key} is "*" or the key of a provider line ("aws", "azure", ...). */
    boolean isKey(String key) {
        return key.equals(ANY) || providerKeys.containsValue(key);
    }

    /** The provider key ("aws", "azure", "gcp", "oci", ...) of a ProviderName, or "*" for one not listed. */
    public String provider(String providerName) {
        if (providerName == null) return ANY;
        return providerKeys.getOrDefault(providerName.strip().toLowerCase(Locale.ROOT), ANY);
    }

    /** How the provider's month is measured (the "*" line for a provider without one). */
    public Month month(String providerKey) {
        return months.getOrDefault(providerKey, months.getOrDefault(ANY, Month.CALENDAR));
    }

    /** Columns that carry a provider's own unit (with its block size), read when a file has them. */
    public List<String> unitColumns() {
        return unitColumns.values().stream().distinct().sorted().toList();
    }

    /** The unit column of this provider, or null. */
    String unitColumn(String providerKey) {
        return unitColumns.get(providerKey);
    }

    /**
     * Reads a row kind's unit as its provider writes it: the provider's unit column when it has one and the
     * row carries it (its block size included), else ConsumedUnit; an alias first, then the grammar.
     *
     * @throws FocusUnitParser.UnitFormatException naming the unit when neither places it
     */
    public FocusUnit read(String providerKey, String consumedUnit, String providerUnit) {
        String text = providerUnit != null && !providerUnit.isBlank() && unitColumn(providerKey) != null ? providerUnit : consumedUnit;
        if (text == null) throw new FocusUnitParser.UnitFormatException("(none)", "no unit");
        String key = FocusUnitParser.normalize(text);
        String alias = aliases.get(providerKey + "\t" + key);
        if (alias == null) alias = aliases.get(ANY + "\t" + key);
        FocusUnitParser.Dialect d = dialects.getOrDefault(providerKey, dialects.getOrDefault(ANY, FocusUnitParser.Dialect.FOCUS));
        FocusUnit u = FocusUnitParser.parse(alias != null ? alias : text, d);
        return alias == null ? u : new FocusUnit(text, u.measure(), u.noun(), u.factor(), u.monthPower(), u.timeIntegrated(), u.rate(), u.block());
    }
}
