package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Units as providers write them, through ingestion: a unit that is not understood is reported with its
 * rows and cost (largest first) rather than vanishing; Azure's block size is read from
 * x_PricingUnitDescription; and each provider's storage convention gives the bytes held per day of its
 * worked example in ../shared/reference/focus-units.md (sections 3.4, 3.5, 5.2). CSV and Parquet (the
 * fingerprint path) give the same.
 */
class ProviderUnitsIngestTest {
    static final double GIB = 1L << 30;
    static final String HEADER = "ProviderName,BillingAccountId,SubAccountId,BillingCurrency,ChargeCategory,ChargePeriodStart,"
            + "ChargePeriodEnd,BilledCost,EffectiveCost,ServiceName,ServiceCategory,SkuMeter,ConsumedQuantity,ConsumedUnit,"
            + "x_PricingUnitDescription";

    @TempDir
    Path dir;

    private static String row(String provider, String account, String start, String end, String cost, String service,
            String category, String meter, String qty, String unit, String unitDescription) {
        return String.join(",", provider, "ba", account, "USD", "Usage", start, end, cost, cost, service, category,
                "\"" + meter + "\"", qty, "\"" + unit + "\"", unitDescription == null ? "" : "\"" + unitDescription + "\"");
    }

    /** Hourly rows of one day. */
    private static List<String> hourly(String provider, String account, String day, String meter, String qty, String unit) {
        List<String> rows = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            String start = String.format("%sT%02d:00:00Z", day, h), end = h == 23 ? null : String.format("%sT%02d:00:00Z", day, h + 1);
            if (end == null) end = java.time.LocalDate.parse(day).plusDays(1) + "T00:00:00Z";
            rows.add(row(provider, account, start, end, "0.01", "Storage", "Storage", meter, qty, unit, null));
        }
        return rows;
    }

    private Path write(String format, List<String> rows) throws Exception {
        Path csv = dir.resolve("usage.csv");
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.addAll(rows);
        Files.write(csv, lines);
        if (format.equals("csv")) return csv;
        Path parquet = dir.resolve("usage.parquet");
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv('" + csv + "', header = true, all_varchar = true)) TO '" + parquet + "' (FORMAT parquet)");
        }
        return parquet;
    }

    private static Map<String, Object> one(SignalsEngine engine, String sql) throws Exception {
        List<Map<String, Object>> rows = new DuckDbRuleEngine(engine.connection()).query(sql);
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    private static double storageHeld(SignalsEngine engine, String account, String day) throws Exception {
        return ((Number) one(engine, "SELECT sum(amount) AS a FROM usage_daily WHERE metric = 'storage_bytes' AND account_id = '"
                + account + "' AND day = " + java.time.LocalDate.parse(day).toEpochDay()).get("a")).doubleValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "parquet"})
    void aUnitNotUnderstoodIsReportedWithRowsAndCostLargestFirst(String format) throws Exception {
        List<String> rows = new ArrayList<>();
        String d = "2026-10-05T00:00:00Z", e = "2026-10-06T00:00:00Z";
        // Not a time after "/" (a typo of Month), three rows; a word no grammar reads, two rows of larger cost.
        for (int i = 0; i < 3; i++) rows.add(row("AWS", "a1", d, e, "1.50", "Amazon S3", "Storage", "TimedStorage-ByteHrs", "2", "GB/Mnth", null));
        for (int i = 0; i < 2; i++) rows.add(row("Microsoft", "a2", d, e, "4.00", "Speech", "AI and Machine Learning", "S1 Speech To Text", "1", "Units", "1 分钟"));
        rows.add(row("AWS", "a1", d, e, "0.30", "Amazon S3", "Storage", "TimedStorage-ByteHrs", "1", "GB-Months", null));
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            IngestReport report = engine.ingest(List.of(write(format, rows).toString()), Progress.NONE);
            assertThat(report.unplacedUnits()).extracting(UnplacedUnit::provider, UnplacedUnit::unit, UnplacedUnit::meter,
                    UnplacedUnit::rows).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("Microsoft", "1 分钟", "S1 Speech To Text", 2L),
                    org.assertj.core.groups.Tuple.tuple("AWS", "GB/Mnth", "TimedStorage-ByteHrs", 3L));
            assertThat(report.unplacedUnits().get(0).cost()).isEqualByComparingTo("8.00");
            assertThat(report.unplacedUnits().get(1).cost()).isEqualByComparingTo("4.50");
            assertThat(report.unplacedUnits().get(1).problem()).contains("GB/Mnth").contains("Mnth");
            assertThat(report.describeUnplaced()).hasSize(3);
            // Their rows and cost are still in the profile, under "other".
            Map<String, Object> other = one(engine, "SELECT sum(rows) AS r, sum(cost) AS c FROM usage_daily WHERE metric = 'other'");
            assertThat(((Number) other.get("r")).longValue()).isEqualTo(5);
            assertThat(new BigDecimal(other.get("c").toString())).isEqualByComparingTo("12.50");
            assertThat(engine.profiledRows()).isEqualTo(6);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "parquet"})
    void theReportSaysPerProviderWhatCostWasRecognisedAsWhatAndTheLargestMetersThatWereNot(String format) throws Exception {
        String d = "2026-10-05T00:00:00Z", e = "2026-10-06T00:00:00Z";
        List<String> rows = new ArrayList<>();
        rows.add(row("AWS", "a1", d, e, "30.00", "Amazon Simple Storage Service", "Storage", "EUW2-TimedStorage-ByteHrs", "1000", "GB-Months", null));
        rows.add(row("AWS", "a1", d, e, "10.00", "Amazon Transcribe", "AI and Machine Learning", "EUW2-TranscribeAudio", "36000", "Seconds", null));
        rows.add(row("AWS", "a1", d, e, "7.00", "Amazon Rekognition", "AI and Machine Learning", "EUW2-FaceVectorStorage", "2", "Faces", null));
        rows.add(row("AWS", "a1", d, e, "3.00", "Amazon Simple Storage Service", "Storage", "EUW2-Requests-Tier1", "600", "Requests", null));
        rows.add(row("AWS", "a1", d, e, "3.00", "Amazon Simple Storage Service", "Storage", "EUW2-Requests-Tier1", "600", "Requests", null));
        rows.add(row("Microsoft", "a2", d, e, "4.00", "Azure AI Services", "AI and Machine Learning", "S1 Speech To Text", "2", "Units", "1 Hour"));
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            IngestReport report = engine.ingest(List.of(write(format, rows).toString()), Progress.NONE);
            assertThat(report.describeRecognition()).containsExactly(
                    "AWS: usage cost 53.00 recognised as: storage_bytes 30.00 (56.6%), other 13.00 (24.5%), speech_to_text_hours 10.00 (18.9%)",
                    "  largest meters not recognised (teach them in meters.tsv):",
                    "    \"EUW2-FaceVectorStorage\", unit \"Faces\": 1 rows, cost 7.00",
                    "    \"EUW2-Requests-Tier1\", unit \"Requests\": 2 rows, cost 6.00",
                    "Microsoft: usage cost 4.00 recognised as: speech_to_text_hours 4.00 (100.0%)");
            // The same figures as data: what the Transcribe meter was read as, with its rows and cost.
            assertThat(report.meterCosts()).filteredOn(m -> m.meter().equals("EUW2-TranscribeAudio")).singleElement()
                    .satisfies(m -> {
                        assertThat(m.metric()).isEqualTo("speech_to_text_hours");
                        assertThat(m.cost()).isEqualByComparingTo("10.00");
                    });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "parquet"})
    void azureBlockSizeComesFromPricingUnitDescription(String format) throws Exception {
        String d = "2026-10-05T00:00:00Z", e = "2026-10-06T00:00:00Z";
        // focus-meters.md 2: Azure Translator "S1 Characters", x_PricingUnitDescription "1M", ConsumedUnit "Units";
        // ConsumedQuantity in blocks (focus-units.md 4.2): 2.5 blocks = 2,500,000 characters.
        List<String> rows = List.of(row("Microsoft", "t1", d, e, "25", "Azure Translator", "AI and Machine Learning",
                "S1 Characters translated", "2.5", "Units", "1M"));
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            IngestReport report = engine.ingest(List.of(write(format, rows).toString()), Progress.NONE);
            assertThat(report.unplacedUnits()).isEmpty();
            Map<String, Object> r = one(engine, "SELECT metric, amount FROM usage_daily");
            assertThat(r.get("metric")).isEqualTo("translation_characters");
            assertThat(((Number) r.get("amount")).doubleValue()).isCloseTo(2_500_000, within(1e-6));
        }
    }

    private static final String PRICED_HEADER = HEADER + ",ListCost,ListUnitPrice";
    /** Azure Translator, account b1, in blocks: 0.5 blocks of a million at 10.0 per block have a list cost of 5.0. */
    private static final String IN_BLOCKS = row("Microsoft", "b1", "2026-10-05T00:00:00Z", "2026-10-06T00:00:00Z", "0.0000015",
            "Azure Translator", "AI and Machine Learning", "S1 Characters translated", "0.5", "Units", "1M") + ",5.0,10.0";
    /** The same meter shape, account b2, in single units: 500,000 characters at 10.0 per million cost 5.0. */
    private static final String IN_SINGLE_UNITS = row("Microsoft", "b2", "2026-10-05T00:00:00Z", "2026-10-06T00:00:00Z", "5.0",
            "Azure Translator", "AI and Machine Learning", "S1 Document Characters translated", "500000", "Units", "1M")
            + ",5.0,10.0";

    /**
     * Azure has written ConsumedQuantity both in blocks and in single units (focus-units.md 4.2, S7): per meter,
     * list cost / (quantity x list unit price) is 1 for blocks and 1/block for single units, and decides.
     */
    @ParameterizedTest
    @ValueSource(strings = {"csv", "parquet"})
    void azureBlocksOrSingleUnitsAreDecidedPerMeterFromCostAndPrice(String format) throws Exception {
        String header = PRICED_HEADER, blocks = IN_BLOCKS, singles = IN_SINGLE_UNITS;
        Path csv = dir.resolve("priced.csv");
        Files.write(csv, List.of(header, blocks, singles));
        Path file = csv;
        if (format.equals("parquet")) {
            file = dir.resolve("priced.parquet");
            try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
                s.execute("COPY (SELECT * FROM read_csv('" + csv + "', header = true, all_varchar = true)) TO '" + file + "' (FORMAT parquet)");
            }
        }
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            engine.ingest(List.of(file.toString()), Progress.NONE);
            for (String account : List.of("b1", "b2")) {
                Map<String, Object> r = one(engine, "SELECT metric, amount FROM usage_daily WHERE account_id = '" + account + "'");
                assertThat(r.get("metric")).isEqualTo("translation_characters");
                assertThat(((Number) r.get("amount")).doubleValue()).as(account).isCloseTo(500_000, within(1e-6));
            }
        }
    }

    /**
     * A Parquet file's block check reads a meter's first rows; a meter that first appears after them (here
     * after 100,000 rows of another) is still checked from its own rows, not left to the default.
     */
    @Test
    void aParquetMeterFirstSeenLateInTheFileIsStillCheckedFromItsOwnRows() throws Exception {
        String header = PRICED_HEADER, blocks = IN_BLOCKS, singles = IN_SINGLE_UNITS;
        Path early = dir.resolve("early.csv"), late = dir.resolve("late.csv"), file = dir.resolve("late-meter.parquet");
        Files.write(early, List.of(header, blocks));
        Files.write(late, List.of(header, singles));
        int copies = FocusIngester.BLOCK_CHECK_ROWS;
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET preserve_insertion_order = true");
            s.execute("COPY (SELECT * FROM (SELECT e.* FROM read_csv('" + early + "', header = true, all_varchar = true) e, range(" + copies
                    + ") UNION ALL SELECT * FROM read_csv('" + late + "', header = true, all_varchar = true)) ) TO '" + file
                    + "' (FORMAT parquet)");
        }
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            engine.ingest(List.of(file.toString()), Progress.NONE);
            Map<String, Object> b1 = one(engine, "SELECT metric, amount FROM usage_daily WHERE account_id = 'b1'");
            assertThat(((Number) b1.get("amount")).doubleValue()).isCloseTo(500_000.0 * copies, within(1e-3));
            Map<String, Object> b2 = one(engine, "SELECT metric, amount FROM usage_daily WHERE account_id = 'b2'");
            assertThat(b2.get("metric")).isEqualTo("translation_characters");
            assertThat(((Number) b2.get("amount")).doubleValue()).isCloseTo(500_000, within(1e-6));
        }
    }

    /**
     * A charge period of a whole month (FOCUS lets a row cover any period): its byte-seconds are spread over
     * the month's days, so each day holds the month's average, not day one thirty times it. The row and its
     * cost are counted once, on the first day.
     */
    @ParameterizedTest
    @ValueSource(strings = {"csv", "parquet"})
    void aWholeMonthChargePeriodIsHeldOnEachOfItsDays(String format) throws Exception {
        // AWS, September: 150 GB held all month is 150 GB-Months.
        List<String> rows = List.of(row("AWS", "monthly", "2024-09-01T00:00:00Z", "2024-10-01T00:00:00Z", "3.00", "Amazon S3",
                "Storage", "TimedStorage-ByteHrs", "150", "GB-Months", null));
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            engine.ingest(List.of(write(format, rows).toString()), Progress.NONE);
            Map<String, Object> r = one(engine, "SELECT count(*) AS days, min(amount) AS lo, max(amount) AS hi, sum(rows) AS n,"
                    + " sum(cost) AS c, min(day) AS first, max(day) AS last FROM usage_daily WHERE metric = 'storage_bytes'");
            assertThat(((Number) r.get("days")).longValue()).isEqualTo(30);
            assertThat(((Number) r.get("lo")).doubleValue() / GIB).isCloseTo(150, within(1e-6));
            assertThat(((Number) r.get("hi")).doubleValue() / GIB).isCloseTo(150, within(1e-6));
            assertThat(((Number) r.get("n")).longValue()).isEqualTo(1);
            assertThat(new BigDecimal(r.get("c").toString())).isEqualByComparingTo("3.00");
            assertThat(((Number) r.get("first")).longValue()).isEqualTo(java.time.LocalDate.of(2024, 9, 1).toEpochDay());
            assertThat(((Number) r.get("last")).longValue()).isEqualTo(java.time.LocalDate.of(2024, 9, 30).toEpochDay());
            assertThat(engine.profiledRows()).isEqualTo(1);
        }
    }

    /**
     * One worked example per provider (focus-units.md 5.2): the bytes held per day whatever the charge
     * period and the provider's month.
     */
    @ParameterizedTest
    @ValueSource(strings = {"csv", "parquet"})
    void storageHeldPerDayFollowsEachProvidersConvention(String format) throws Exception {
        List<String> rows = new ArrayList<>();
        // AWS, calendar month, binary GB (S8; S4): a daily EBS snapshot row of 5 GB in September is 5/30
        // GB-Months, booked into one hour (23:00); an hourly EBS volume of 150 GB is 150/720 per hour.
        rows.add(row("AWS", "aws-daily", "2024-09-18T23:00:00Z", "2024-09-19T00:00:00Z", "0.01", "Amazon EC2", "Storage",
                "EBS:SnapshotUsage", "0.1666666667", "GB-Months", null));
        rows.addAll(hourly("AWS", "aws-hourly", "2024-09-18", "EBS:VolumeUsage.gp3", "0.2083333333", "GB-Months"));
        // Azure, calendar month (S16; S4): a daily "GB/Month" Data Stored row of 100 GB in a 31-day month is 100/31.
        rows.add(row("Microsoft", "azure", "2026-10-05T00:00:00Z", "2026-10-06T00:00:00Z", "0.01", "Storage Accounts", "Storage",
                "Hot LRS Data Stored", "3.2258064516", "GB/Month", null));
        // Oracle, a 744-hour month (S4, inferred): hourly block volume of 470 GB is 0.6317204301 GB Months an hour.
        rows.addAll(hourly("Oracle", "oci", "2024-09-18", "Block Volume - Performance Units", "0.6317204301", "GB Months"));
        // Google, byte-seconds (S14): 15 GiB held for an hour is 57,982,058,496,000 byte-seconds; 24 hourly rows.
        rows.addAll(hourly("Google Cloud", "gcp", "2024-09-18", "Standard Storage Europe", "57982058496000", "byte-seconds"));
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            IngestReport report = engine.ingest(List.of(write(format, rows).toString()), Progress.NONE);
            assertThat(report.unplacedUnits()).isEmpty();
            assertThat(storageHeld(engine, "aws-daily", "2024-09-18") / GIB).isCloseTo(5, within(1e-6));
            assertThat(storageHeld(engine, "aws-hourly", "2024-09-18") / GIB).isCloseTo(150, within(1e-6));
            assertThat(storageHeld(engine, "azure", "2026-10-05") / GIB).isCloseTo(100, within(1e-6));
            assertThat(storageHeld(engine, "oci", "2024-09-18") / GIB).isCloseTo(470, within(1e-6));
            assertThat(storageHeld(engine, "gcp", "2024-09-18") / GIB).isCloseTo(15, within(1e-9));
        }
    }
}
