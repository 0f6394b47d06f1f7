package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each style's rows carry its provider's conventions as the reference documents them (focus-units.md,
 * focus-meters.md), checked on the written files with DuckDB, not through Plumbline's recognition.
 */
class ExportStyleTest {
    @TempDir static Path dir;
    static Connection c;

    @BeforeAll
    static void generate() throws Exception {
        c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            for (FocusGenerator.Style style : FocusGenerator.Style.values()) {
                Path out = dir.resolve(style.label());
                new FocusGenerator(FocusGenerator.Options.of(out, 35, 18, 5, "parquet", style)).generate();
                s.execute("CREATE VIEW " + style.label() + " AS SELECT * FROM read_parquet('" + out + "/*.parquet', union_by_name = true)");
            }
        }
    }

    @org.junit.jupiter.api.AfterAll
    static void close() throws Exception {
        c.close();
    }

    private static List<List<Object>> rows(String sql) throws Exception {
        List<List<Object>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(r.getObject(i));
                out.add(row);
            }
        }
        return out;
    }

    private static Object one(String sql) throws Exception {
        return rows(sql).getFirst().getFirst();
    }

    @ParameterizedTest
    @EnumSource(FocusGenerator.Style.class)
    void listCostIsPricingQuantityTimesListUnitPrice(FocusGenerator.Style style) throws Exception {
        assertThat(((Number) one("SELECT count(*) FROM " + style.label() + " WHERE abs(\"ListCost\" - \"PricingQuantity\" * "
                + "\"ListUnitPrice\") > 1e-6 + 1e-6 * abs(\"ListCost\")")).longValue()).isZero();
        assertThat(((Number) one("SELECT count(*) FROM " + style.label())).longValue()).isPositive();
    }

    @Test
    void azureKeepsTheBlockInPricingUnitDescriptionAndUsesBothQuantityConventions() throws Exception {
        assertThat(rows("SELECT DISTINCT \"ProviderName\" FROM azure")).containsExactly(List.of("Microsoft"));
        assertThat(((Number) one("SELECT count(*) FROM azure WHERE \"x_PricingUnitDescription\" IS NULL OR \"x_PricingBlockSize\" IS NULL"
                + " OR \"x_SkuMeterName\" IS NULL OR \"x_SkuMeterCategory\" IS NULL")).longValue()).isZero();
        // Daily rows only.
        assertThat(((Number) one("SELECT count(*) FROM azure WHERE \"ChargePeriodEnd\" - \"ChargePeriodStart\" <> INTERVAL 1 DAY"))
                .longValue()).isZero();
        // Data stored: "1 GB/Month", ConsumedUnit GB/Month.
        assertThat(rows("SELECT DISTINCT \"ConsumedUnit\", \"PricingUnit\", \"x_PricingUnitDescription\" FROM azure WHERE "
                + "\"x_SkuMeterName\" LIKE '%Data Stored'")).containsExactly(List.of("GB/Month", "GB/Month", "1 GB/Month"));
        // Translator: "1M" block, quantity in blocks (ListCost = quantity x price).
        assertThat(rows("SELECT DISTINCT \"ConsumedUnit\", \"x_PricingUnitDescription\", \"x_PricingBlockSize\" FROM azure "
                + "WHERE \"x_SkuMeterName\" = 'S1 Characters'")).containsExactly(List.of("Units", "1M", "1000000"));
        assertThat(((Number) one("SELECT max(abs(\"ListCost\" / (\"ConsumedQuantity\" * \"ListUnitPrice\") - 1)) FROM azure "
                + "WHERE \"x_SkuMeterName\" = 'S1 Characters' AND \"ConsumedQuantity\" > 0.001")).doubleValue()).isLessThan(1e-3);
        // Key Vault: "10K" block, quantity in single operations (ListCost = quantity x price / 10,000).
        assertThat(((Number) one("SELECT max(abs(\"ListCost\" * 10000 / (\"ConsumedQuantity\" * \"ListUnitPrice\") - 1)) FROM azure "
                + "WHERE \"x_SkuMeterName\" = 'Operations' AND \"x_PricingUnitDescription\" = '10K'")).doubleValue()).isLessThan(1e-3);
        // A daily storage row holds the GB of that day over the days of its month (GB = 2^30 bytes).
        double gbHeld = ((Number) one("SELECT \"ConsumedQuantity\" * 31 FROM azure WHERE \"x_SkuMeterName\" = 'Hot LRS Data Stored' "
                + "AND \"ChargePeriodStart\" = TIMESTAMPTZ '2026-10-10 00:00:00+00' AND \"ChargeClass\" IS NULL LIMIT 1")).doubleValue();
        assertThat(gbHeld).isGreaterThan(100);
    }

    @Test
    void googleWritesBaseUnitsHourlyAndByteSecondsForStorage() throws Exception {
        assertThat(rows("SELECT DISTINCT \"ProviderName\" FROM gcp")).containsExactly(List.of("Google Cloud"));
        assertThat(((Number) one("SELECT count(*) FROM gcp WHERE \"x_ServiceId\" IS NULL")).longValue()).isZero();
        assertThat(((Number) one("SELECT count(*) FROM gcp WHERE \"ChargePeriodEnd\" - \"ChargePeriodStart\" <> INTERVAL 1 HOUR"))
                .longValue()).isZero();
        assertThat(rows("SELECT DISTINCT \"ConsumedUnit\", \"PricingUnit\" FROM gcp WHERE \"ServiceName\" = 'Cloud Storage'"))
                .containsExactly(List.of("byte-seconds", "gibibyte month"));
        // Byte-seconds over the hour's 3,600 seconds are the bytes held; the same account holds the same all day.
        List<List<Object>> held = rows("SELECT \"SubAccountId\", min(\"ConsumedQuantity\") / 3600, max(\"ConsumedQuantity\") / 3600, "
                + "count(*) FROM gcp WHERE \"ChargeDescription\" LIKE 'Standard Storage%' AND \"ChargeClass\" IS NULL AND "
                + "\"ChargePeriodStart\" >= TIMESTAMPTZ '2026-10-10 00:00:00+00' AND \"ChargePeriodStart\" < TIMESTAMPTZ '2026-10-11 00:00:00+00' "
                + "AND \"RegionId\" = (SELECT min(\"RegionId\") FROM gcp) GROUP BY 1 LIMIT 1");
        assertThat(((Number) held.getFirst().get(3)).longValue()).isEqualTo(24);
        assertThat(((Number) held.getFirst().get(1)).doubleValue()).isCloseTo(((Number) held.getFirst().get(2)).doubleValue(), within(1.0));
        // Compute is core-seconds and RAM byte-seconds, both Compute.
        assertThat(rows("SELECT DISTINCT \"ConsumedUnit\" FROM gcp WHERE \"ServiceName\" = 'Compute Engine' ORDER BY 1"))
                .containsExactly(List.of("byte-seconds"), List.of("seconds"));
        assertThat(rows("SELECT DISTINCT \"ConsumedUnit\" FROM gcp WHERE \"ServiceName\" = 'Networking'")).containsExactly(List.of("bytes"));
    }

    @Test
    void awsBooksADaysStorageIntoItsLastHourInGbMonthsAndComputeHourly() throws Exception {
        assertThat(rows("SELECT DISTINCT \"ProviderName\" FROM aws")).containsExactly(List.of("AWS"));
        assertThat(((Number) one("SELECT count(*) FROM aws WHERE \"x_ServiceCode\" IS NULL OR \"x_UsageType\" IS NULL OR "
                + "\"x_Operation\" IS NULL OR \"SkuMeter\" <> \"x_UsageType\"")).longValue()).isZero();
        assertThat(rows("SELECT DISTINCT \"ConsumedUnit\", hour(\"ChargePeriodStart\"), \"ChargePeriodEnd\" - \"ChargePeriodStart\" "
                + "FROM aws WHERE \"x_ServiceCode\" = 'AmazonS3'")).containsExactly(List.of("GB-Months", 23L, "01:00:00"));
        assertThat(rows("SELECT DISTINCT \"ConsumedUnit\", \"ChargePeriodEnd\" - \"ChargePeriodStart\" FROM aws WHERE "
                + "\"x_UsageType\" LIKE '%BoxUsage%'")).containsExactly(List.of("Hours", "01:00:00"));
        assertThat(((Number) one("SELECT count(DISTINCT hour(\"ChargePeriodStart\")) FROM aws WHERE \"x_UsageType\" LIKE '%BoxUsage%'"))
                .longValue()).isEqualTo(24);
        assertThat(((Number) one("SELECT count(*) FROM aws WHERE \"x_UsageType\" NOT SIMILAR TO '(EU|EUC1|EUW3|EUN1|EUS1|EUW2|USE1)-.*'"))
                .longValue()).isZero();
    }

    @Test
    void oracleWritesGbMonthsOnHourlyRowsAndOcpuUnitsWithoutRegionId() throws Exception {
        assertThat(rows("SELECT DISTINCT \"ProviderName\" FROM oci")).containsExactly(List.of("Oracle"));
        assertThat(((Number) one("SELECT count(*) FROM oci WHERE \"RegionId\" IS NOT NULL OR \"RegionName\" IS NULL")).longValue()).isZero();
        assertThat(((Number) one("SELECT count(*) FROM oci WHERE \"ChargePeriodEnd\" - \"ChargePeriodStart\" <> INTERVAL 1 HOUR"))
                .longValue()).isZero();
        assertThat(rows("SELECT DISTINCT \"ConsumedUnit\" FROM oci WHERE \"ServiceName\" = 'OBJECT_STORAGE'")).containsExactly(List.of("GB Months"));
        assertThat(rows("SELECT DISTINCT \"ConsumedUnit\" FROM oci WHERE \"ServiceName\" = 'COMPUTE' ORDER BY 1"))
                .containsExactly(List.of("GB Hours"), List.of("Gigabyte Per Hour"), List.of("OCPU Hours"), List.of("OCPU Per Hour"));
        // An hourly GB Months row holds GB / 744.
        double q = ((Number) one("SELECT \"ConsumedQuantity\" FROM oci WHERE \"ChargeDescription\" = 'Object Storage - Storage' LIMIT 1"))
                .doubleValue();
        assertThat(q * 744).isGreaterThan(100);
    }

    @Test
    void mixedDealsAccountsToAllFourProvidersInAFilePerProviderAndMonth() throws Exception {
        assertThat(rows("SELECT DISTINCT \"ProviderName\" FROM mixed ORDER BY 1")).containsExactly(List.of("AWS"),
                List.of("Google Cloud"), List.of("Microsoft"), List.of("Oracle"));
        assertThat(((Number) one("SELECT count(*) FROM (SELECT \"SubAccountId\" FROM mixed GROUP BY 1 HAVING count(DISTINCT "
                + "\"ProviderName\") > 1)")).longValue()).isZero();
        assertThat(dir.resolve("mixed").toFile().list((d, n) -> n.endsWith(".parquet"))).hasSize(8);
    }

    @ParameterizedTest
    @EnumSource(FocusGenerator.Style.class)
    void correctionsAreNegativeRowsOfAnEarlierDay(FocusGenerator.Style style) throws Exception {
        List<List<Object>> corrections = rows("SELECT count(*), max(\"ConsumedQuantity\"), max(\"EffectiveCost\"), "
                + "min(\"BillingPeriodStart\" > date_trunc('month', \"ChargePeriodStart\")::TIMESTAMPTZ) FROM " + style.label()
                + " WHERE \"ChargeClass\" = 'Correction'");
        assertThat(((Number) corrections.getFirst().get(0)).longValue()).isPositive();
        assertThat(((Number) corrections.getFirst().get(1)).doubleValue()).isNegative();
        assertThat(((Number) corrections.getFirst().get(2)).doubleValue()).isNegative();
    }
}
