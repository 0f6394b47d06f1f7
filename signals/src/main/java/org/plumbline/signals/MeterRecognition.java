package org.plumbline.signals;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides which profile metric a kind of usage row is, and the factor that turns its ConsumedQuantity
 * into the metric's unit (bytes held, hours, characters, tokens, bytes moved). Driven by the data files
 * {@code units.tsv} and {@code meters.tsv} (documented in them and in docs/signals.md), so a provider
 * teaches it new meters without code.
 *
 * <p>Classification runs once per distinct kind of row (category, meter texts, unit), not per row:
 * ingestion first aggregates a file by those texts, then classifies the few distinct combinations.
 */
public final class MeterRecognition {
    static final String OTHER = "other";
    static final String STORAGE = "storage_bytes";

    private record Unit(String dimension, double factor) {}

    private record MeterLine(String metric, String category, String dimension, Pattern pattern) {}

    /** A classification: the metric and the factor from ConsumedQuantity to the metric's unit. */
    public record Classification(String metric, double factor) {}

    private final Map<String, Unit> units;
    private final List<MeterLine> meters;
    private final List<String> customColumns;

    private MeterRecognition(Map<String, Unit> units, List<MeterLine> meters, List<String> customColumns) {
        this.units = units;
        this.meters = meters;
        this.customColumns = customColumns;
    }

    /** The recognition table shipped with Plumbline. */
    public static MeterRecognition shipped() {
        return build(Tsv.resource("units.tsv"), Tsv.resource("meters.tsv"));
    }

    /**
     * The shipped table with extra lines read first (so they win). Either file may be null.
     * Formats: see units.tsv and meters.tsv.
     */
    public static MeterRecognition withExtra(Path extraUnits, Path extraMeters) {
        List<Tsv.Line> u = new ArrayList<>();
        if (extraUnits != null) u.addAll(Tsv.file(extraUnits));
        u.addAll(Tsv.resource("units.tsv"));
        List<Tsv.Line> m = new ArrayList<>();
        if (extraMeters != null) m.addAll(Tsv.file(extraMeters));
        m.addAll(Tsv.resource("meters.tsv"));
        return build(u, m);
    }

    private static MeterRecognition build(List<Tsv.Line> unitLines, List<Tsv.Line> meterLines) {
        Map<String, Unit> units = new HashMap<>();
        for (Tsv.Line l : unitLines) {
            String key = l.field(0).trim().toLowerCase(Locale.ROOT);
            try {
                units.putIfAbsent(key, new Unit(l.field(1).trim(), new BigDecimal(l.field(2).trim()).doubleValue()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(l.source() + " line " + l.number() + ": factor is not a number: "
                        + l.field(2));
            }
        }
        List<MeterLine> meters = new ArrayList<>();
        List<String> custom = new ArrayList<>();
        for (Tsv.Line l : meterLines) {
            if (l.field(0).equals("x-columns")) {
                for (String c : l.fields().subList(1, l.fields().size())) if (!c.isBlank() && !custom.contains(c)) custom.add(c.trim());
                continue;
            }
            meters.add(new MeterLine(l.field(0).trim(), l.field(1).trim(), l.field(2).trim(),
                    Pattern.compile(l.field(3))));
        }
        return new MeterRecognition(units, meters, List.copyOf(custom));
    }

    /** Custom ({@code x_}) columns that carry meter names and are read when a file has them. */
    public List<String> customColumns() {
        return customColumns;
    }

    /** The dimension of a unit, or null when the unit is unknown. */
    String dimension(String consumedUnit) {
        Unit u = consumedUnit == null ? null : units.get(consumedUnit.trim().toLowerCase(Locale.ROOT));
        return u == null ? null : u.dimension();
    }

    /**
     * @param texts meter-level texts of the row kind (SkuMeter, ChargeDescription, ServiceName,
     *              ServiceSubcategory, known x_ columns); nulls allowed
     */
    public Classification classify(String category, String consumedUnit, List<String> texts) {
        Unit unit = consumedUnit == null ? null : units.get(consumedUnit.trim().toLowerCase(Locale.ROOT));
        if (unit == null) return new Classification(OTHER, 0);
        for (MeterLine m : meters) {
            if (!m.category().equals("*") && !m.category().equalsIgnoreCase(category == null ? "" : category)) continue;
            if (!m.dimension().equals(unit.dimension())) continue;
            for (String t : texts) {
                if (t != null && m.pattern().matcher(t).find()) {
                    // Storage is a stock: byte-seconds in a day divided by a day's seconds is the average held.
                    double f = unit.dimension().equals("byte_seconds") ? unit.factor() / 86400.0 : unit.factor();
                    return new Classification(m.metric(), f);
                }
            }
        }
        return new Classification(OTHER, 0);
    }
}
