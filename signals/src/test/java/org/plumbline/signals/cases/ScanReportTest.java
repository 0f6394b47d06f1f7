package org.plumbline.signals.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.signals.AccountSummary;
import org.plumbline.signals.MeterCost;
import org.plumbline.signals.UnplacedUnit;

/** The latest scan's report is kept on disk, so that the dashboard shows it after a restart. */
class ScanReportTest {
    @Test
    void theReportSurvivesARestartAsWritten(@TempDir Path tmp) throws Exception {
        ScanReport report = new ScanReport(ScanReport.SCHEDULE, Instant.parse("2026-11-24T09:00:00.123456Z"),
                Instant.parse("2026-11-24T09:00:04Z"),
                List.of(new ScanReport.IngestedFile("export.parquet", "ab".repeat(32), "1.3", 1200, false, 3),
                        new ScanReport.IngestedFile("old.csv", "cd".repeat(32), "1.0", 50, true, 0)),
                4, 1, 2, 1250, List.of("inbox: bad.csv:7: column BilledCost: not a decimal"),
                List.of(new AccountSummary("sub-x", "ba-x", 9, "2026-10-01", "2026-10-09", 90, new BigDecimal("1234.5"),
                        3.2e12, "2026-10-09", Map.of("model_tokens", 1.5e9))), 1,
                Map.of("sub-x", List.of(new ScanReport.Flag("bulk-communications-processing", "Bulk communications processing",
                        "critical", "westeurope", "2026-09-10", "2026-10-09"))),
                List.of(new UnplacedUnit("AWS", "GB/Mnth", "TimedStorage-ByteHrs", "unit \"GB/Mnth\": ...", 3, new BigDecimal("4.500000000000"))),
                List.of(new MeterCost("AWS", "storage_bytes", null, null, 10, new BigDecimal("30.000000000000")),
                        new MeterCost("AWS", "other", "EUW2-Requests-Tier1", "Requests", 2, new BigDecimal("6.000000000000"))));
        Path file = tmp.resolve("last-scan.json");
        report.write(file);
        assertThat(ScanReport.read(file)).contains(report);
        assertThat(report.rowsIngested()).isEqualTo(1200);
        assertThat(report.filesIngested()).isEqualTo(1);
        assertThat(report.describeRecognition()).containsExactly(
                "AWS: usage cost 36.00 recognised as: storage_bytes 30.00 (83.3%), other 6.00 (16.7%)",
                "  largest meters not recognised (teach them in meters.tsv):",
                "    \"EUW2-Requests-Tier1\", unit \"Requests\": 2 rows, cost 6.00");
        // A report kept before units and recognition were kept still reads, with neither.
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var old = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(file.toFile());
        assertThat(old.remove(List.of("unplacedUnits", "recognition"))).isNotNull();
        mapper.writeValue(file.toFile(), old);
        assertThat(ScanReport.read(file)).hasValueSatisfying(r -> {
            assertThat(r.unplacedUnits()).isEmpty();
            assertThat(r.recognition()).isEmpty();
            assertThat(r.files()).isEqualTo(report.files());
        });
        Files.writeString(file, "{not json");
        assertThat(ScanReport.read(file)).isEmpty();
        assertThat(ScanReport.read(tmp.resolve("absent.json"))).isEmpty();
    }

}
