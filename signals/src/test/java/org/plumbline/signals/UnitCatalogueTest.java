package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every unit string of the reference catalogue (../shared/reference/focus-units.md sections 2-3 and
 * focus-meters.md), read with its provider's conventions, has the documented dimension and factor to base
 * (bytes, seconds, count; "GB" in provider data is 2^30 bytes, section 5.3; M = the month, left symbolic).
 */
class UnitCatalogueTest {
    static final ProviderUnitConventions CONVENTIONS = ProviderUnitConventions.shipped();
    static final double GB = 1L << 30, H = 3600;

    static Stream<Arguments> catalogue() {
        Object[][] rows = {
            // section 2 and 3.1: the FOCUS 1.0 sample (S4): AWS
            {"AWS", "GB", "data_size", GB, 0},
            {"AWS", "GB-Months", "data_size x time", GB, 1},
            {"AWS", "Hours", "time", H, 0},
            {"AWS", "Requests", "count", 1.0, 0},
            {"AWS", "IOPS-Months", "count x time", 1.0, 1},
            {"AWS", "API Requests", "count", 1.0, 0},
            {"AWS", "Events", "count", 1.0, 0},
            // throughput held over a month: (1 GiB/s) x M s
            {"AWS", "GiB/Second-Months", "data_size / time x time", GB, 1},
            {"AWS", "Metrics", "count", 1.0, 0},
            {"AWS", "LCU-Hours", "count x time", H, 0},
            {"AWS", "Keys", "count", 1.0, 0},
            {"AWS", "Seconds", "time", 1.0, 0},
            {"AWS", "vCPU-Hours", "count x time", H, 0},
            {"AWS", "IOs", "count", 1.0, 0},
            {"AWS", "WriteCapacityUnit-Hours", "count x time", H, 0},
            {"AWS", "Alarms", "count", 1.0, 0},
            {"AWS", "Lambda-GB-Seconds", "data_size x time", GB, 0},
            {"AWS", "StateTransitions", "count", 1.0, 0},
            {"AWS", "Security Checks", "count", 1.0, 0},
            {"AWS", "ReadRequestUnits", "count", 1.0, 0},
            {"AWS", "Queries", "count", 1.0, 0},
            {"AWS", "WriteRequestUnits", "count", 1.0, 0},
            {"AWS", "Months", "time", 1.0, 1},
            {"AWS", "ACU-Hours", "count x time", H, 0},
            // Microsoft (its ConsumedUnit, when no x_PricingUnitDescription is given)
            {"Microsoft", "Units", "count", 1.0, 0},
            {"Microsoft", "GB/Month", "data_size x time", GB, 1},
            {"Microsoft", "GB", "data_size", GB, 0},
            {"Microsoft", "Hours", "time", H, 0},
            {"Microsoft", "Units/Month", "count x time", 1.0, 1},
            {"Microsoft", "Units/Hour", "count x time", H, 0},
            {"Microsoft", "Units/Day", "count x time", 86400.0, 0},
            // Oracle: a space for the hyphen, and "Per" meaning held over time (sections 3.5, 4)
            {"Oracle", "GB Hours", "data_size x time", GB * H, 0},
            {"Oracle", "GB Months", "data_size x time", GB, 1},
            {"Oracle", "OCPU Hours", "count x time", H, 0},
            {"Oracle", "Gigabyte Per Hour", "data_size x time", GB * H, 0},
            {"Oracle", "OCPU Per Hour", "count x time", H, 0},
            {"Oracle", "ONE GiB HOURS STORAGE_SIZE", "data_size x time", GB * H, 0},
            {"Oracle", "ONE GiB HOURS MEMORY", "data_size x time", GB * H, 0},
            {"Oracle", "Gigabyte Storage Capacity per Month", "data_size x time", GB, 1},
            // section 3.1: the specification's own examples (no provider: the spec's decimal sizes)
            {null, "1000 Tokens", "count", 1000.0, 0},
            {null, "1000 Characters", "count", 1000.0, 0},
            {null, "Units/3 Months", "count / time", 1 / 3.0, -1},
            {null, "GB-Hours", "data_size x time", 1e9 * H, 0},
            {null, "MB-Days", "data_size x time", 1e6 * 86400, 0},
            {null, "GB/Hour", "data_size / time", 1e9 / H, 0},
            {null, "PB/Day", "data_size / time", 1e15 / 86400, 0},
            {null, "Requests/Day", "count / time", 1 / 86400.0, 0},
            {null, "Gb", "data_size", 1e9 / 8, 0},
            {null, "Core-Hours/Day", "count / time x time", H / 86400, 0},
            // section 3.2: AWS CUR pricing units
            {"AWS", "GB-Mo", "data_size x time", GB, 1},
            {"AWS", "GB-Month", "data_size x time", GB, 1},
            {"AWS", "GB-month", "data_size x time", GB, 1},
            {"AWS", "GB-Mp", "data_size x time", GB, 1},
            {"AWS", "GB-MONTH", "data_size x time", GB, 1},
            {"AWS", "GB-Hours", "data_size x time", GB * H, 0},
            {"AWS", "GigaBytes", "data_size", GB, 0},
            {"AWS", "Gigabyte", "data_size", GB, 0},
            {"AWS", "Terabytes", "data_size", GB * 1024, 0},
            {"AWS", "Hrs", "time", H, 0},
            {"AWS", "hours", "time", H, 0},
            {"AWS", "Hour", "time", H, 0},
            {"AWS", "hour", "time", H, 0},
            {"AWS", "DPU-Hour", "count x time", H, 0},
            {"AWS", "ACU-Hr", "count x time", H, 0},
            {"AWS", "LCU-Hrs", "count x time", H, 0},
            {"AWS", "WriteCapacityUnit-Hrs", "count x time", H, 0},
            {"AWS", "ReadCapacityUnit-Hrs", "count x time", H, 0},
            {"AWS", "ShardHour", "count x time", H, 0},
            {"AWS", "Lambda-GB-Second", "data_size x time", GB, 0},
            {"AWS", "seconds", "time", 1.0, 0},
            {"AWS", "Second", "time", 1.0, 0},
            {"AWS", "Request", "count", 1.0, 0},
            {"AWS", "API Calls", "count", 1.0, 0},
            {"AWS", "Secrets", "count", 1.0, 0},
            {"AWS", "Objects", "count", 1.0, 0},
            {"AWS", "Count", "count", 1.0, 0},
            {"AWS", "Notifications", "count", 1.0, 0},
            {"AWS", "ConfigRuleEvaluations", "count", 1.0, 0},
            {"AWS", "64K-Chunks", "count", 1.0, 0},
            {"AWS", "URL", "count", 1.0, 0},
            {"AWS", "HostedZone", "count", 1.0, 0},
            {"AWS", "User", "count", 1.0, 0},
            {"AWS", "Activities", "count", 1.0, 0},
            {"AWS", "Obj-Month", "count x time", 1.0, 1},
            {"AWS", "UsageRecord-month", "count x time", 1.0, 1},
            {"AWS", "Mo", "time", 1.0, 1},
            {"AWS", "1K tokens", "count", 1000.0, 0},
            {"AWS", "1M tokens", "count", 1e6, 0},
            // section 3.4: Google, lower case, base units in usage.unit
            {"Google Cloud", "byte-seconds", "data_size x time", 1.0, 0},
            {"Google Cloud", "seconds", "time", 1.0, 0},
            {"Google Cloud", "bytes", "data_size", 1.0, 0},
            {"Google Cloud", "requests", "count", 1.0, 0},
            {"Google Cloud", "count", "count", 1.0, 0},
            {"Google Cloud", "gibibyte month", "data_size x time", GB, 1},
            {"Google Cloud", "gibibyte hour", "data_size x time", GB * H, 0},
            {"Google Cloud", "gibibyte", "data_size", GB, 0},
            {"Google Cloud", "tebibyte", "data_size", GB * 1024, 0},
            {"Google Cloud", "hour", "time", H, 0},
            {"Google Cloud", "month", "time", 1.0, 1},
            {"Google Cloud", "mebibyte", "data_size", (double) (1 << 20), 0},
            {"Google Cloud", "key version", "count", 1.0, 0},
            // focus-meters.md: speech, translation, tokens, storage, egress, compute units
            {"Microsoft", "1 Hour", "time", H, 0},
            {"Microsoft", "1M", "count", 1e6, 0},
            {"Microsoft", "1K", "count", 1e3, 0},
            {"Microsoft", "1 GB/Month", "data_size x time", GB, 1},
            {"Microsoft", "10 GB/Month", "data_size x time", 10 * GB, 1},
            {"Microsoft", "100 GB/Month", "data_size x time", 100 * GB, 1},
            {"Microsoft", "1 TB/Month", "data_size x time", 1024 * GB, 1},
            {"Microsoft", "1/Month", "count x time", 1.0, 1},
            {"Microsoft", "1/Day", "count x time", 86400.0, 0},
            {"Microsoft", "1 GB", "data_size", GB, 0},
            {"Microsoft", "10 GB", "data_size", 10 * GB, 0},
            {"Microsoft", "200 GB", "data_size", 200 * GB, 0},
            {"Microsoft", "1 TB", "data_size", 1024 * GB, 0},
            {"Microsoft", "10 Hours", "time", 10 * H, 0},
            {"Microsoft", "100 Hours", "time", 100 * H, 0},
        };
        return Stream.of(rows).map(r -> Arguments.of(r[0], r[1], r[2], ((Number) r[3]).doubleValue(), r[4]));
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @MethodSource("catalogue")
    void catalogueUnitHasItsDocumentedDimensionAndFactor(String provider, String unit, String dimension, double factor,
            int monthPower) {
        FocusUnit u = CONVENTIONS.read(CONVENTIONS.provider(provider), unit, null);
        assertThat(u.dimension()).as(unit).isEqualTo(dimension);
        assertThat(u.factor()).as(unit).isCloseTo(factor, within(Math.abs(factor) * 1e-12));
        assertThat(u.monthPower()).as(unit).isEqualTo(monthPower);
    }

    /**
     * Where this reading and the catalogue's column differ on purpose: the catalogue follows Microsoft's own
     * DistinctUnits ("Hours", "Users"), which drops what is counted; the grammar keeps it ("100 Core Hours" is
     * 100 core-hours, count x time, the same seconds per unit). Factors agree in every case.
     */
    static final Map<String, String> KEPT_NOUN = Map.of(
            "100 Core Hours", "count x time", "100 Core Hrs", "count x time", "1 Content Hours", "count x time",
            "1000 Relay Hours", "count x time", "1000 Relay Hrs", "count x time",
            "10000 Virtual User Minutes", "count x time", "10 Instance Hours", "count x time");

    static Stream<Arguments> azure() throws Exception {
        List<Arguments> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                UnitCatalogueTest.class.getResourceAsStream("azure-units.tsv"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) continue;
                String[] f = line.split("\t");
                rows.add(Arguments.of(f[0].substring(1, f[0].length() - 1), f[1], Double.parseDouble(f[2]), Integer.parseInt(f[3])));
            }
        }
        return rows.stream();
    }

    /** All 382 Azure UnitOfMeasure values (section 3.3), as x_PricingUnitDescription of a Microsoft row. */
    @ParameterizedTest(name = "Microsoft \"{0}\"")
    @MethodSource("azure")
    void everyAzureUnitOfMeasureIsPlaced(String unit, String dimension, double factor, int monthPower) {
        FocusUnit u = CONVENTIONS.read("azure", "Units", unit);
        assertThat(u.dimension()).as(unit).isEqualTo(KEPT_NOUN.getOrDefault(unit, dimension));
        assertThat(u.factor()).as(unit).isCloseTo(factor, within(Math.abs(factor) * 1e-12));
        assertThat(u.monthPower()).as(unit).isEqualTo(monthPower);
    }
}
