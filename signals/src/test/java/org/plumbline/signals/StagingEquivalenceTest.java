package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Ingestion stages a Parquet file by a fingerprint of each row's kind (its texts) rather than by the texts
 * themselves, for speed. The profile must not depend on that: staging by fingerprint and staging by the
 * texts give the same usage_daily, row for row, on the real sample (CSV with deviations, always grouped
 * by its texts) and on generated data (CSV and Parquet).
 */
class StagingEquivalenceTest {
    @TempDir Path dir;

    /** The real sample, and generated data in every provider's style, as CSV and as Parquet. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> inputs() {
        java.util.stream.Stream.Builder<org.junit.jupiter.params.provider.Arguments> b = java.util.stream.Stream.builder();
        b.add(org.junit.jupiter.params.provider.Arguments.of("sample", null));
        for (FocusGenerator.Style style : FocusGenerator.Style.values()) {
            for (String format : List.of("csv", "parquet")) b.add(org.junit.jupiter.params.provider.Arguments.of(format, style));
        }
        return b.build();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("inputs")
    void fingerprintStagingGivesTheSameProfileAsGroupingByTheTexts(String input, FocusGenerator.Style style) throws Exception {
        Path path;
        if (input.equals("sample")) {
            path = FocusSampleTest.sample();
        } else {
            path = dir.resolve(input + "-" + style.label());
            new FocusGenerator(FocusGenerator.Options.of(path, 12, 22, 3, input, style)).generate();
        }
        List<String> fingerprinted = profile(path, true);
        List<String> texts = profile(path, false);
        assertThat(fingerprinted).hasSizeGreaterThan(10).containsExactlyElementsOf(texts);
    }

    /** RegionName is skipped only when RegionId has no nulls; where RegionId is null the profile keeps RegionName. */
    @org.junit.jupiter.api.Test
    void regionNameIsReadWhereRegionIdIsMissing() throws Exception {
        Path generated = new FocusGenerator(FocusGenerator.Options.of(dir.resolve("gen"), 12, 22, 3, "parquet")).generate()
                .usageFiles().getFirst();
        Path partial = dir.resolve("region-id-missing.parquet");
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * EXCLUDE (file_row_number) REPLACE ("
                    + "CASE WHEN file_row_number % 3 = 0 THEN NULL ELSE \"RegionId\" END AS \"RegionId\", "
                    + "CASE WHEN file_row_number % 3 = 0 THEN 'name-' || \"RegionId\" ELSE \"RegionName\" END AS \"RegionName\")"
                    + " FROM read_parquet('" + generated + "', file_row_number = true) ORDER BY file_row_number) TO '" + partial
                    + "' (FORMAT parquet)");
        }
        List<String> fingerprinted = profile(partial, true);
        assertThat(fingerprinted).containsExactlyElementsOf(profile(partial, false));
        assertThat(fingerprinted).anyMatch(row -> row.contains("|name-")).anyMatch(row -> !row.contains("|name-"));
    }

    /**
     * A row without a SubAccountId is profiled under its billing account, in the same profile row as rows
     * whose SubAccountId is that billing account (same day and kind): one row per key, every usage row counted.
     */
    @org.junit.jupiter.api.Test
    void rowsWithoutASubAccountAreProfiledUnderTheirBillingAccount() throws Exception {
        Path generated = new FocusGenerator(FocusGenerator.Options.of(dir.resolve("gen"), 12, 22, 3, "parquet")).generate()
                .usageFiles().getFirst();
        Path mixed = dir.resolve("no-sub-account.parquet");
        long expectedUnderBilling;
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * EXCLUDE (file_row_number) REPLACE ("
                    + "CASE file_row_number % 3 WHEN 0 THEN NULL WHEN 1 THEN \"BillingAccountId\" ELSE \"SubAccountId\" END"
                    + " AS \"SubAccountId\") FROM read_parquet('" + generated + "', file_row_number = true)"
                    + " ORDER BY file_row_number) TO '" + mixed + "' (FORMAT parquet)");
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM read_parquet('" + mixed + "')"
                    + " WHERE coalesce(\"SubAccountId\", \"BillingAccountId\") = \"BillingAccountId\"")) {
                r.next();
                expectedUnderBilling = r.getLong(1);
            }
        }
        assertThat(expectedUnderBilling).isPositive();
        for (boolean fingerprint : new boolean[] {true, false}) {
            try (UsageStore store = new UsageStore(null, null, null)) {
                new FocusIngester(store, MeterRecognition.shipped(), fingerprint).ingest(List.of(mixed.toString()), Progress.NONE);
                try (Statement s = store.connection.createStatement();
                     ResultSet r = s.executeQuery("""
                             SELECT (SELECT sum(rows) FROM usage_daily WHERE account_id = billing_account_id),
                                    (SELECT count(*) FROM (SELECT account_id, billing_account_id, day, service_name,
                                            service_category, service_subcategory, region, charge_category, currency,
                                            metric FROM usage_daily GROUP BY ALL HAVING count(*) > 1)),
                                    (SELECT count(*) FROM usage_daily WHERE account_id IS NULL)""")) {
                    r.next();
                    assertThat(r.getLong(1)).as("rows under the billing account (fingerprint " + fingerprint + ")")
                            .isEqualTo(expectedUnderBilling);
                    assertThat(r.getLong(2)).as("profile keys held by more than one row").isZero();
                    assertThat(r.getLong(3)).isZero();
                }
            }
        }
        assertThat(profile(mixed, true)).containsExactlyElementsOf(profile(mixed, false));
    }

    /**
     * The example rows are read only from the row ranges that hold one (FocusIngester.exampleRanges). Here
     * the services come in three parts, in small row groups, and after each of the first two parts one of
     * its rows is repeated over more than FocusIngester.EXAMPLE_GAP_ROWS rows: the first rows of the later
     * parts' kinds lie that far apart, so the read skips the row groups between them, and every kind must
     * still find its texts.
     */
    @org.junit.jupiter.api.Test
    void kindsFirstSeenFarApartInTheFileStageLikeAnyOther() throws Exception {
        Path generated = new FocusGenerator(FocusGenerator.Options.of(dir.resolve("gen"), 12, 4, 3, "parquet")).generate()
                .usageFiles().getFirst();
        Path apart = dir.resolve("services-apart.parquet");
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET preserve_insertion_order = true");
            s.execute("COPY (WITH g AS (SELECT *, hash(\"ServiceName\") % 3 AS part, 0 AS copy FROM read_parquet('" + generated
                    + "', file_row_number = true)), filler AS (SELECT f.* REPLACE (t.copy AS copy) FROM (SELECT * FROM g WHERE part < 2"
                    + " QUALIFY row_number() OVER (PARTITION BY part ORDER BY file_row_number) = 1) f, range(1, "
                    + (FocusIngester.EXAMPLE_GAP_ROWS + 2) + ") t(copy))"
                    + " SELECT * EXCLUDE (file_row_number, part, copy) FROM (SELECT * FROM g UNION ALL SELECT * FROM filler)"
                    + " ORDER BY part, copy, file_row_number) TO '" + apart + "' (FORMAT parquet, ROW_GROUP_SIZE 10000)");
        }
        List<String> fingerprinted = profile(apart, true);
        assertThat(fingerprinted).hasSizeGreaterThan(10).containsExactlyElementsOf(profile(apart, false));
    }

    /** The ranges cover every example row, split at the largest gaps of more than a row group, and no more than so many. */
    @org.junit.jupiter.api.Test
    void exampleRangesCoverEveryExampleInAFewRanges() throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE stage_fp (day BIGINT, kind BIGINT, example BIGINT)");
            assertThat(FocusIngester.exampleRanges(s)).isEqualTo("false");
            // Two days of kind 1 (its first row is 0), kinds 2 and 3 close together, kind 4 far away.
            s.execute("INSERT INTO stage_fp VALUES (1, 1, 0), (2, 1, 7), (1, 2, 5), (1, 3, 300000), (1, 4, 300001), (1, 5, 1000000)");
            assertThat(FocusIngester.exampleRanges(s)).isEqualTo("(file_row_number BETWEEN 0 AND 5"
                    + " OR file_row_number BETWEEN 300000 AND 300001 OR file_row_number BETWEEN 1000000 AND 1000000)");
            // A thousand kinds a million rows apart: at most EXAMPLE_RANGES ranges, still covering all of them.
            s.execute("DELETE FROM stage_fp");
            s.execute("INSERT INTO stage_fp SELECT 1, i, i * 1000000 + i FROM range(1000) t(i)");
            String filter = FocusIngester.exampleRanges(s);
            assertThat(filter.split(" OR ")).hasSize(FocusIngester.EXAMPLE_RANGES);
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM (SELECT example AS file_row_number FROM stage_fp) WHERE " + filter)) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(1000);
            }
        }
    }

    /** A kind column typed as a number in Parquet, and a file with no rows, stage like any other. */
    @org.junit.jupiter.api.Test
    void numericKindColumnsAndEmptyFilesStage() throws Exception {
        Path generated = new FocusGenerator(FocusGenerator.Options.of(dir.resolve("gen"), 12, 22, 3, "parquet")).generate()
                .usageFiles().getFirst();
        Path numeric = dir.resolve("numeric-billing-account.parquet");
        Path empty = dir.resolve("empty.parquet");
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * REPLACE (CAST(hash(\"BillingAccountId\") % 1000 AS BIGINT) AS \"BillingAccountId\")"
                    + " FROM read_parquet('" + generated + "')) TO '" + numeric + "' (FORMAT parquet)");
            s.execute("COPY (SELECT * FROM read_parquet('" + generated + "') WHERE false) TO '" + empty + "' (FORMAT parquet)");
        }
        List<String> fingerprinted = profile(numeric, true);
        assertThat(fingerprinted).hasSizeGreaterThan(10).containsExactlyElementsOf(profile(numeric, false));
        try (UsageStore store = new UsageStore(null, null, null)) {
            IngestReport report = new FocusIngester(store, MeterRecognition.shipped(), true)
                    .ingest(List.of(empty.toString()), Progress.NONE);
            assertThat(report.rowsIngested()).isZero();
            assertThat(report.files()).hasSize(1);
        }
    }

    private static List<String> profile(Path input, boolean fingerprint) throws Exception {
        try (UsageStore store = new UsageStore(null, null, null)) {
            IngestReport report = new FocusIngester(store, MeterRecognition.shipped(), fingerprint)
                    .ingest(List.of(input.toString()), Progress.NONE);
            assertThat(report.rowsIngested()).isPositive();
            List<String> rows = new ArrayList<>();
            try (Statement s = store.connection.createStatement();
                 ResultSet r = s.executeQuery("SELECT * EXCLUDE (amount), format('{:.12g}', amount) AS amount FROM usage_daily ORDER BY ALL")) {
                int n = r.getMetaData().getColumnCount();
                while (r.next()) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 1; i <= n; i++) b.append(r.getString(i)).append('|');
                    rows.add(b.toString());
                }
            }
            return rows;
        }
    }
}
