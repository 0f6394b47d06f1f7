package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ingestion stages a Parquet file by a fingerprint of each row's kind (its texts) rather than by the texts
 * themselves, for speed. The profile must not depend on that: staging by fingerprint and staging by the
 * texts give the same usage_daily, row for row, on the real sample (CSV with deviations) and on generated
 * data; and when fingerprints collide (forced here by keeping two bits of it) the collision is noticed
 * and the file is staged by its texts, again with the same profile.
 */
class StagingEquivalenceTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sample", "csv", "parquet"})
    void fingerprintStagingGivesTheSameProfileAsGroupingByTheTexts(String input) throws Exception {
        Path path;
        if (input.equals("sample")) {
            path = FocusSampleTest.sample();
        } else {
            path = dir.resolve(input);
            new FocusGenerator(FocusGenerator.Options.of(path, 12, 22, 3, input)).generate();
        }
        List<String> fingerprinted = profile(path, KindFingerprint.FULL);
        List<String> texts = profile(path, null);
        assertThat(fingerprinted).hasSizeGreaterThan(10).containsExactlyElementsOf(texts);
    }

    @org.junit.jupiter.api.Test
    void collidingFingerprintsAreNoticedAndTheFileIsStagedByItsTexts() throws Exception {
        Path path = dir.resolve("parquet");
        new FocusGenerator(FocusGenerator.Options.of(path, 12, 22, 3, "parquet")).generate();
        // Two bits: dozens of kinds share four fingerprints.
        assertThat(profile(path, new KindFingerprint(3))).hasSizeGreaterThan(10).containsExactlyElementsOf(profile(path, null));
    }

    private static List<String> profile(Path input, KindFingerprint fingerprint) throws Exception {
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
