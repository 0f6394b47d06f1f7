package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file replaced while it is being ingested (right after the pass over it, before anything is committed)
 * is rejected with an error that says so, and nothing from it is kept. For Parquet the kinds of rows read
 * for their texts no longer match the pass's (the check of the fingerprint path); for CSV, and for any
 * change that keeps the kinds, the file's size or modification time differs from what it was before.
 */
class FileChangedWhileIngestedTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"parquet", "csv"})
    void aFileReplacedDuringIngestionIsRejectedAndNothingIsKept(String format) throws Exception {
        Path generated = new FocusGenerator(FocusGenerator.Options.of(dir.resolve("gen"), 5, 3, 11, format)).generate()
                .usageFiles().getFirst();
        Path file = dir.resolve("export." + format);
        Path other = dir.resolve("other." + format);
        Files.copy(generated, file);
        // The replacement: the same rows under other sub-accounts, so its kinds differ too.
        String read = format.equals("csv") ? "read_csv('" + generated + "', header = true, all_varchar = true)"
                : "read_parquet('" + generated + "')";
        String to = format.equals("csv") ? "(HEADER, DELIMITER ',')" : "(FORMAT parquet)";
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * REPLACE ('changed-' || \"SubAccountId\" AS \"SubAccountId\") FROM " + read + ") TO '"
                    + other + "' " + to);
        }
        long size = Files.size(file);
        Progress replacing = new Progress() {
            boolean replaced;

            @Override public void start(long totalBytes, int files) {}

            @Override public void update(long bytesDone, long rowsDone) {
                if (bytesDone < size || replaced) return;
                replaced = true;
                try {
                    FileTime modified = Files.getLastModifiedTime(file);
                    Files.copy(other, file, StandardCopyOption.REPLACE_EXISTING);
                    // A later modification time, as a writer a second later would leave (DuckDB's Parquet footer
                    // cache compares modification times in whole seconds).
                    Files.setLastModifiedTime(file, FileTime.fromMillis(modified.toMillis() + 10_000));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override public void finish(long rowsDone) {}
        };
        try (UsageStore store = new UsageStore(null, null, null)) {
            assertThatThrownBy(() -> new FocusIngester(store, MeterRecognition.shipped()).ingest(List.of(file.toString()), replacing))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("the file changed while it was being read")
                    .hasMessageContaining("nothing from this file was ingested")
                    .hasMessageContaining(format.equals("parquet") ? "kinds of rows differ" : "size or modification time");
            try (Statement s = store.connection.createStatement();
                 ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM usage_daily), (SELECT count(*) FROM ingested_file)")) {
                r.next();
                assertThat(r.getLong(1)).isZero();
                assertThat(r.getLong(2)).isZero();
            }
            // The file as it is now ingests normally.
            IngestReport again = new FocusIngester(store, MeterRecognition.shipped()).ingest(List.of(file.toString()), Progress.NONE);
            assertThat(again.rowsIngested()).isPositive();
            try (Statement s = store.connection.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*) FILTER (WHERE account_id NOT LIKE 'changed-%') FROM usage_daily")) {
                r.next();
                assertThat(r.getLong(1)).isZero();
            }
        }
    }
}
