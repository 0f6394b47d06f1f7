package org.plumbline.signals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A unit ingestion could not read, for one provider and meter: its rows still count, and their cost, under
 * metric "other", but what they measured is not in the profile. Reported so that it never vanishes in
 * silence; teach it with a line of unit-conventions.tsv (an alias, or a provider's convention).
 *
 * @param provider the rows' ProviderName as written (null when the file has none)
 * @param unit     the unit as written (the provider's unit column when it has one, else ConsumedUnit)
 * @param meter    SkuMeter, else ChargeDescription, else ServiceName
 * @param problem  why the unit could not be read
 * @param rows     usage rows with it
 * @param cost     their EffectiveCost
 */
public record UnplacedUnit(String provider, String unit, String meter, String problem, long rows, BigDecimal cost) {

    /** Sums entries of the same provider, unit and meter; largest cost first (then rows, then names). */
    public static List<UnplacedUnit> merge(List<UnplacedUnit> entries) {
        Map<List<String>, UnplacedUnit> by = new LinkedHashMap<>();
        for (UnplacedUnit u : entries) {
            by.merge(java.util.Arrays.asList(u.provider(), u.unit(), u.meter()), u, (a, b) ->
                    new UnplacedUnit(a.provider(), a.unit(), a.meter(), a.problem(), a.rows() + b.rows(), a.cost().add(b.cost())));
        }
        List<UnplacedUnit> out = new ArrayList<>(by.values());
        out.sort(Comparator.comparing(UnplacedUnit::cost).reversed().thenComparing(Comparator.comparingLong(UnplacedUnit::rows).reversed())
                .thenComparing(u -> String.valueOf(u.provider())).thenComparing(u -> String.valueOf(u.unit()))
                .thenComparing(u -> String.valueOf(u.meter())));
        return List.copyOf(out);
    }

    /** One line: provider, unit, meter, rows, cost and why. */
    public String describe() {
        return String.format("%s, unit \"%s\", meter \"%s\": %,d rows, cost %s (%s)", provider == null ? "(no provider)" : provider,
                unit, meter, rows, cost.stripTrailingZeros().toPlainString(), problem);
    }
}
