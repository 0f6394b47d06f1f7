package org.plumbline.signals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides which profile metric a kind of usage row is, and the factor that turns its ConsumedQuantity
 * into the metric's unit (bytes held, hours, characters, tokens, bytes moved). Units are read by the FOCUS
 * Unit Format grammar ({@link FocusUnitParser}) with each provider's conventions
 * ({@link ProviderUnitConventions}, {@code unit-conventions.tsv}); meters by {@code meters.tsv}. Both are
 * data files (documented in them and in docs/signals.md), so a provider teaches it new units and meters
 * without code.
 *
 * <p>Classification runs once per distinct kind of row (provider, category, meter texts, unit), not per
 * row: ingestion first aggregates a file by those texts, then classifies the few distinct combinations.
 */
public final class MeterRecognition {
    static final String OTHER = "other";
    static final String STORAGE = "storage_bytes";

    private record MeterLine(String metric, String provider, String category, String dimension, Pattern pattern) {}

    /**
     * A classification: the metric, and how ConsumedQuantity becomes the metric's amount for a day:
     * {@code amount = quantity * (factor + perDayOfMonth * days in the month of that day)}. The second term
     * is for units measured in months where the provider bills calendar months (focus-units.md 5.2).
     *
     * @param unplaced null when the unit was read; else why it could not be (the kind's cost still counts,
     *                 under "other", and ingestion reports it)
     */
    public record Classification(String metric, double factor, double perDayOfMonth, String unplaced) {
        public Classification(String metric, double factor) {
            this(metric, factor, 0, null);
        }
    }

    private final ProviderUnitConventions units;
    private final List<MeterLine> meters;
    private final List<String> customColumns;

    private MeterRecognition(ProviderUnitConventions units, List<MeterLine> meters, List<String> customColumns) {
        this.units = units;
        this.meters = meters;
        this.customColumns = customColumns;
    }

    /** The recognition tables shipped with Plumbline. */
    public static MeterRecognition shipped() {
        return build(ProviderUnitConventions.shipped(), Tsv.resource("meters.tsv"));
    }

    /**
     * The shipped tables with extra lines read first (so they win). Either file may be null.
     * Formats: see unit-conventions.tsv and meters.tsv.
     */
    public static MeterRecognition withExtra(Path extraUnitConventions, Path extraMeters) {
        ProviderUnitConventions u = extraUnitConventions == null ? ProviderUnitConventions.shipped()
                : ProviderUnitConventions.withExtra(Tsv.file(extraUnitConventions));
        List<Tsv.Line> m = new ArrayList<>();
        if (extraMeters != null) m.addAll(Tsv.file(extraMeters));
        m.addAll(Tsv.resource("meters.tsv"));
        return build(u, m);
    }

    private static MeterRecognition build(ProviderUnitConventions units, List<Tsv.Line> meterLines) {
        List<MeterLine> meters = new ArrayList<>();
        List<String> custom = new ArrayList<>();
        for (Tsv.Line l : meterLines) {
            if (l.field(0).equals("x-columns")) {
                for (String c : l.fields().subList(1, l.fields().size())) if (!c.isBlank() && !custom.contains(c)) custom.add(c.trim());
                continue;
            }
            String provider = l.field(1).trim();
            // A misspelt provider would make its lines match nothing, silently: refuse it.
            if (!units.isKey(provider)) {
                throw new IllegalArgumentException(l.source() + " line " + l.number() + ": provider \"" + provider
                        + "\" is not \"*\" or a provider key of unit-conventions.tsv");
            }
            meters.add(new MeterLine(l.field(0).trim(), provider, l.field(2).trim(), l.field(3).trim(),
                    Pattern.compile(l.field(4))));
        }
        return new MeterRecognition(units, meters, List.copyOf(custom));
    }

    /** Custom ({@code x_}) columns that carry meter names and are read when a file has them. */
    public List<String> customColumns() {
        return customColumns;
    }

    /** Custom columns that carry a provider's own unit with its block size (x_PricingUnitDescription). */
    public List<String> unitColumns() {
        return units.unitColumns();
    }

    /** Classifies a row kind of no known provider: the specification's reading of its unit. */
    public Classification classify(String category, String consumedUnit, List<String> texts) {
        return classify(null, category, consumedUnit, null, texts);
    }

    /**
     * @param providerName the row's ProviderName (or ServiceProviderName); null when the file has neither
     * @param providerUnit the provider's own unit column (see {@link #unitColumns()}), or null
     * @param texts        meter-level texts of the row kind (SkuMeter, ChargeDescription, ServiceName,
     *                     ServiceSubcategory, known x_ columns); nulls allowed
     */
    public Classification classify(String providerName, String category, String consumedUnit, String providerUnit,
            List<String> texts) {
        return classify(providerName, category, consumedUnit, providerUnit, null, texts);
    }

    /**
     * As {@link #classify(String, String, String, String, List)}, with the evidence of whether ConsumedQuantity
     * is in the unit's blocks.
     *
     * @param pricedRatio list cost / (ConsumedQuantity x list unit price) over the kind's rows, or null when
     *                    unknown. The price is per block, so the ratio is about 1 when the quantity counts
     *                    blocks and about 1/block when it counts single units: Azure's exports have done both
     *                    (focus-units.md 4.2, S7), so the rows decide, per meter.
     */
    public Classification classify(String providerName, String category, String consumedUnit, String providerUnit,
            Double pricedRatio, List<String> texts) {
        boolean noUnit = (consumedUnit == null || consumedUnit.isBlank()) && (providerUnit == null || providerUnit.isBlank());
        if (noUnit) return new Classification(OTHER, 0);   // no unit (purchases, taxes): nothing to place
        String provider = units.provider(providerName);
        FocusUnit unit;
        try {
            unit = units.read(provider, consumedUnit, providerUnit);
        } catch (FocusUnitParser.UnitFormatException e) {
            return new Classification(OTHER, 0, 0, e.getMessage());
        }
        if (pricedRatio != null && pricedRatio > 0 && unit.block() > 1
                && Math.abs(Math.log(pricedRatio * unit.block())) < Math.abs(Math.log(pricedRatio))) {
            unit = unit.withoutBlock();
        }
        Amount amount = amount(unit, units.month(provider));
        if (amount == null) return new Classification(OTHER, 0);
        for (MeterLine m : meters) {
            if (!m.provider().equals("*") && !m.provider().equals(provider)) continue;
            if (!m.category().equals("*") && !m.category().equalsIgnoreCase(category == null ? "" : category)) continue;
            if (!m.dimension().equals(amount.dimension()) && !(amount.dimension().equals(ANY_COUNT) && COUNTS.contains(m.dimension()))) continue;
            for (String t : texts) {
                if (t != null && m.pattern().matcher(t).find()) {
                    if (m.metric().equals(OTHER)) return new Classification(OTHER, 0);
                    return new Classification(m.metric(), amount.factor(), amount.perDayOfMonth(), null);
                }
            }
        }
        return new Classification(OTHER, 0);
    }

    /**
     * Whether the unit is counted in blocks of more than one (Azure's {@code 1M}, {@code 10K}): only then can
     * ConsumedQuantity be in blocks or in single units, and only then does the block check decide anything.
     */
    public boolean hasBlock(String providerName, String consumedUnit, String providerUnit) {
        try {
            return units.read(units.provider(providerName), consumedUnit, providerUnit).block() > 1;
        } catch (FocusUnitParser.UnitFormatException e) {
            return false;
        }
    }

    /**
     * A count that does not say of what ("Units", "Count": Azure writes "Units" with the block in
     * x_PricingUnitDescription, focus-meters.md 2-3): the meter says whether it counts characters or tokens.
     */
    private static final String ANY_COUNT = "count";
    private static final java.util.Set<String> COUNTS = java.util.Set.of("characters", "tokens");

    /** A unit as one of meters.tsv's dimensions, and its factors to that dimension's unit per day. */
    private record Amount(String dimension, double factor, double perDayOfMonth) {}

    private static Amount amount(FocusUnit u, ProviderUnitConventions.Month month) {
        if (u.rate()) return null;
        String dimension;
        double scale;
        switch (u.measure()) {
            case DATA_SIZE -> {
                // Storage is a stock: byte-seconds in a day divided by a day's seconds is the average held.
                dimension = u.timeIntegrated() ? "byte_seconds" : "bytes";
                scale = u.timeIntegrated() ? 1 / 86400.0 : 1;
            }
            case TIME -> {
                if (u.timeIntegrated()) return null;
                dimension = "hours";
                scale = 1 / 3600.0;
            }
            default -> {
                if (u.timeIntegrated()) {        // vCPU-Hours, OCPU Per Hour, Azure Units/Hour: unit-hours
                    dimension = "hours";
                    scale = 1 / 3600.0;
                } else if (u.counts("Character")) {
                    dimension = "characters";
                    scale = 1;
                } else if (u.counts("Token")) {
                    dimension = "tokens";
                    scale = 1;
                } else if (u.counts("Unit") || u.counts("Count")) {
                    dimension = ANY_COUNT;
                    scale = 1;
                } else {
                    return null;
                }
            }
        }
        return switch (u.monthPower()) {
            case 0 -> new Amount(dimension, u.factor() * scale, 0);
            case 1 -> month.calendar() ? new Amount(dimension, 0, u.factor() * 86400 * scale)
                    : new Amount(dimension, u.factor() * month.hours() * 3600 * scale, 0);
            default -> null;
        };
    }
}
