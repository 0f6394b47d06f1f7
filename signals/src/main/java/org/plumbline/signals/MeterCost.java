package org.plumbline.signals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one meter of one provider cost, and which profile metric it was recognised as (usage rows only):
 * the ingestion report's answer to "how much of the bill did Plumbline understand, and what is the rest".
 * An operator teaches the largest unrecognised meters (metric "other") with a line of meters.tsv.
 *
 * @param provider the rows' ProviderName as written (null when the file has none)
 * @param metric   the profile metric (meters.tsv), "other" when no line matched or the unit was not read
 * @param meter    SkuMeter, else ChargeDescription, else ServiceName
 * @param unit     the unit as written (the provider's unit column when it has one, else ConsumedUnit)
 * @param rows     usage rows
 * @param cost     their EffectiveCost
 */
public record MeterCost(String provider, String metric, String meter, String unit, long rows, BigDecimal cost) {

    /** Sums entries of the same provider, metric, meter and unit; largest cost first (then rows, then names). */
    public static List<MeterCost> merge(List<MeterCost> entries) {
        Map<List<String>, MeterCost> by = new LinkedHashMap<>();
        for (MeterCost m : entries) {
            by.merge(Arrays.asList(m.provider, m.metric, m.meter, m.unit), m, (a, b) ->
                    new MeterCost(a.provider, a.metric, a.meter, a.unit, a.rows + b.rows, a.cost.add(b.cost)));
        }
        List<MeterCost> out = new ArrayList<>(by.values());
        out.sort(Comparator.comparing(MeterCost::cost).reversed().thenComparing(Comparator.comparingLong(MeterCost::rows).reversed())
                .thenComparing(m -> String.valueOf(m.provider))
                .thenComparing(m -> String.valueOf(m.meter)).thenComparing(m -> String.valueOf(m.unit)));
        return List.copyOf(out);
    }

    public boolean recognised() {
        return !metric.equals(MeterRecognition.OTHER);
    }

    /**
     * Per provider: each recognised metric summed (meter and unit null), its {@code top} largest unrecognised
     * meters, and the rest of its unrecognised cost as one entry without a meter.
     */
    static List<MeterCost> summary(List<MeterCost> costs, int top) {
        List<MeterCost> out = new ArrayList<>();
        Map<String, Integer> unrecognised = new LinkedHashMap<>();
        for (MeterCost m : merge(costs)) {
            boolean keepMeter = !m.recognised() && unrecognised.merge(String.valueOf(m.provider), 1, Integer::sum) <= top;
            out.add(keepMeter ? m : new MeterCost(m.provider, m.metric, null, null, m.rows, m.cost));
        }
        return merge(out);
    }

    /**
     * The report's lines: per provider, the usage cost recognised as each metric (largest first, with its
     * share), then its {@code top} largest unrecognised meters.
     */
    public static List<String> describe(List<MeterCost> costs, int top) {
        Map<String, List<MeterCost>> byProvider = new LinkedHashMap<>();
        for (MeterCost m : costs) byProvider.computeIfAbsent(m.provider == null ? "(no provider)" : m.provider, k -> new ArrayList<>()).add(m);
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<MeterCost>> p : byProvider.entrySet()) {
            BigDecimal total = p.getValue().stream().map(MeterCost::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
            Map<String, BigDecimal> byMetric = new LinkedHashMap<>();
            for (MeterCost m : p.getValue()) byMetric.merge(m.metric, m.cost, BigDecimal::add);
            List<String> parts = new ArrayList<>();
            byMetric.entrySet().stream().sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed())
                    .forEach(e -> parts.add(e.getKey() + " " + money(e.getValue()) + share(e.getValue(), total)));
            lines.add(String.format("%s: usage cost %s recognised as: %s", p.getKey(), money(total), String.join(", ", parts)));
            List<MeterCost> unknown = p.getValue().stream().filter(m -> !m.recognised() && m.meter != null).limit(top).toList();
            if (!unknown.isEmpty()) {
                lines.add("  largest meters not recognised (teach them in meters.tsv):");
                for (MeterCost m : unknown) {
                    lines.add(String.format("    \"%s\", unit \"%s\": %,d rows, cost %s", m.meter, m.unit, m.rows, money(m.cost)));
                }
            }
        }
        return lines;
    }

    private static String money(BigDecimal b) {
        BigDecimal rounded = b.setScale(2, java.math.RoundingMode.HALF_UP);
        return String.format("%,.2f", rounded.signum() == 0 ? BigDecimal.ZERO.setScale(2) : rounded);   // never "-0.00"
    }

    private static String share(BigDecimal part, BigDecimal total) {
        return total.signum() == 0 ? "" : String.format(" (%.1f%%)", part.doubleValue() * 100 / total.doubleValue());
    }
}
