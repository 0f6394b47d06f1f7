package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real FOCUS 1.0 sample (AWS, Microsoft, Oracle) ingests with its deviations counted. */
class FocusSampleTest {
    static Path sample() {
        return Path.of(System.getProperty("plumbline.testdata", "../../shared/testdata"), "focus", "focus-1.0-sample.csv");
    }

    @Test
    void sampleIngestsWithDeviationsCountedAndEveryRowAccountedFor() throws Exception {
        long dataLines = Files.readAllLines(sample()).size() - 1;
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            IngestReport report = engine.ingest(List.of(sample().toString()), Progress.NONE);
            FileReport file = report.files().getFirst();
            assertThat(file.focusVersion()).isEqualTo("1.0");
            assertThat(file.rows()).isEqualTo(dataLines).isEqualTo(1000);
            assertThat(file.unrecognisedColumns()).containsExactly("Id");
            assertThat(file.deviations()).containsKeys("null written as the string NULL (cells)",
                    "timestamp not in ISO 8601 UTC form YYYY-MM-DDTHH:MM:SSZ (cells)");
            // 1,000 rows x 4 timestamp columns, all written as YYYY-MM-DD HH:MM:SS.
            assertThat(file.deviations().get("timestamp not in ISO 8601 UTC form YYYY-MM-DDTHH:MM:SSZ (cells)")).isEqualTo(4000);
            assertThat(file.deviations().get("null written as the string NULL (cells)")).isPositive();
            // Every row lands in exactly one profile group; every account is summarised (none mapped here).
            assertThat(engine.profiledRows()).isEqualTo(1000);
            ScanResult scan = engine.scan(new Declarations(List.of(), List.of()), f -> {});
            assertThat(scan.rows()).isEqualTo(1000);
            assertThat(scan.unmapped()).hasSameSizeAs(scan.accounts()).isNotEmpty();
            assertThat(scan.findings()).isEmpty();
        }
    }

    @Test
    void everyUsageRowOfTheSampleIsPlacedAndItsResidueIsWhatNoMetricMeasures() throws Exception {
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            IngestReport report = engine.ingest(List.of(sample().toString()), Progress.NONE);
            // Every unit of the sample is read (docs/signals.md, "The official sample").
            assertThat(report.unplacedUnits()).isEmpty();
            // The 997 usage rows (3 are an adjustment and a credit), each recognised once, per provider and metric.
            java.util.Map<String, Long> rows = new java.util.TreeMap<>();
            for (MeterCost m : report.meterCosts()) rows.merge(m.provider() + " " + m.metric(), m.rows(), Long::sum);
            assertThat(rows.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(997);
            assertThat(rows).containsExactlyInAnyOrderEntriesOf(java.util.Map.ofEntries(
                    java.util.Map.entry("AWS compute_hours", 47L), java.util.Map.entry("AWS egress_bytes", 219L),
                    java.util.Map.entry("AWS storage_bytes", 166L), java.util.Map.entry("AWS other", 509L),
                    java.util.Map.entry("Microsoft compute_hours", 3L), java.util.Map.entry("Microsoft egress_bytes", 5L),
                    java.util.Map.entry("Microsoft storage_bytes", 7L), java.util.Map.entry("Microsoft other", 36L),
                    java.util.Map.entry("Oracle compute_hours", 1L), java.util.Map.entry("Oracle storage_bytes", 1L),
                    java.util.Map.entry("Oracle other", 3L)));
            // The residue is what no metric measures: transfer in or within a region, requests, addresses,
            // load balancer hours, memory. None of it is storage held, speech, text or egress.
            List<String> residue = report.meterCosts().stream().filter(m -> !m.recognised()).map(MeterCost::meter).toList();
            assertThat(residue).contains("$0.000 per GB - data transfer in per month",
                    "$0.010 per GB - regional data transfer - in/out/between EC2 AZs or using elastic IPs or ELB",
                    "$0.005 per In-use public IPv4 address per hour", "AWS Fargate - Memory  - US West 2 (Oregon)",
                    "Standard - E3 - Memory", "Tables - Read Operations", "Outbound Data Transfer Zone 1");
            assertThat(residue).noneMatch(m -> m.matches("(?i).*(data stored|transcri|translat|data transfer out|egress).*"));
        }
    }

    @Test
    void sampleStorageIsNormalisedToBytes() throws Exception {
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            engine.ingest(List.of(sample().toString()), Progress.NONE);
            var rows = new DuckDbRuleEngine(engineConnection(engine)).query(
                    "SELECT metric, count(*) AS n, sum(amount) AS amount FROM usage_daily GROUP BY metric ORDER BY metric");
            assertThat(rows).extracting(r -> r.get("metric")).contains("storage_bytes", "compute_hours", "other");
        }
    }

    @Test
    void theLedgerHashIsTheFilesSha256() throws Exception {
        byte[] bytes = Files.readAllBytes(sample());
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(FocusIngester.sha256(sample())).isEqualTo(expected);
        Path empty = Files.createTempFile("empty", ".csv");
        try {
            assertThat(FocusIngester.sha256(empty)).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        } finally {
            Files.delete(empty);
        }
    }

    static java.sql.Connection engineConnection(SignalsEngine engine) {
        return engine.connection();
    }
}
