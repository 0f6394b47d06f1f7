package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files get errors that say where, and leave nothing of themselves behind. */
class MalformedInputTest {
    @TempDir Path dir;
    Path good;
    List<String> lines;

    @BeforeEach
    void generate() throws Exception {
        Path out = dir.resolve("gen");
        FocusGenerator.Result g = new FocusGenerator(FocusGenerator.Options.of(out, 5, 3, 11, "csv")).generate();
        good = g.usageFiles().getFirst();
        lines = Files.readAllLines(good);
    }

    private Path write(String name, List<String> content) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static int column(String header, String name) {
        return Arrays.asList(header.split(",")).indexOf(name);
    }

    /** Replaces one field of one data line (no quoted commas in the generated fields we touch). */
    private List<String> withField(int dataLine, String column, String value) {
        List<String> copy = new ArrayList<>(lines);
        int c = column(lines.getFirst(), column);
        // Split respecting quotes: the generated Tags column is quoted JSON with commas.
        List<String> fields = CsvFields.split(copy.get(dataLine));
        fields.set(c, value);
        copy.set(dataLine, String.join(",", fields));
        return copy;
    }

    private void assertNothingKept(SignalsEngine engine) throws Exception {
        assertThat(engine.profiledRows()).isZero();
        try (var s = FocusSampleTest.engineConnection(engine).createStatement();
             var r = s.executeQuery("SELECT count(*) FROM ingested_file")) {
            r.next();
            assertThat(r.getLong(1)).isZero();
        }
    }

    @Test
    void wrongTypeNamesFileLineAndColumn() throws Exception {
        Path bad = write("bad-type.csv", withField(5, "BilledCost", "12,5".replace(",", ".") + "x"));
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            assertThatThrownBy(() -> engine.ingest(List.of(bad.toString()), Progress.NONE))
                    .isInstanceOf(FocusFormatException.class)
                    .hasMessageContaining(bad + ":6: column BilledCost: not a decimal number: \"12.5x\"")
                    .hasMessageContaining("nothing from this file was ingested")
                    .satisfies(e -> {
                        FocusFormatException f = (FocusFormatException) e;
                        assertThat(f.line()).isEqualTo(6);
                        assertThat(f.column()).isEqualTo("BilledCost");
                    });
            assertNothingKept(engine);
        }
    }

    @Test
    void badTimestampAndNonUtcOffsetAreErrors() throws Exception {
        Path bad = write("bad-ts.csv", withField(3, "ChargePeriodStart", "2026-10-27T02:00:00+02:00"));
        Path bad2 = write("bad-ts2.csv", withField(2, "ChargePeriodEnd", "yesterday"));
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            assertThatThrownBy(() -> engine.ingest(List.of(bad.toString()), Progress.NONE))
                    .hasMessageContaining(":4: column ChargePeriodStart: not a UTC timestamp");
            assertThatThrownBy(() -> engine.ingest(List.of(bad2.toString()), Progress.NONE))
                    .hasMessageContaining(":3: column ChargePeriodEnd: not a UTC timestamp").hasMessageContaining("yesterday");
            assertNothingKept(engine);
        }
    }

    @Test
    void missingRequiredValueIsAnError() throws Exception {
        Path bad = write("missing-value.csv", withField(7, "BillingAccountId", ""));
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            assertThatThrownBy(() -> engine.ingest(List.of(bad.toString()), Progress.NONE))
                    .hasMessageContaining(":8: column BillingAccountId: required value is missing");
            assertNothingKept(engine);
        }
    }

    /**
     * Parquet files state each column chunk's null count; ingestion checks required values against it
     * instead of row by row, so a null in a required column must still be found and named by row.
     */
    @Test
    void missingRequiredValueInParquetIsNamedByRow() throws Exception {
        Path pq = new FocusGenerator(FocusGenerator.Options.of(dir.resolve("pq"), 5, 3, 11, "parquet")).generate()
                .usageFiles().getFirst();
        Path bad = dir.resolve("null-billed-cost.parquet");
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); var s = c.createStatement()) {
            s.execute("COPY (SELECT * EXCLUDE (file_row_number) REPLACE (CASE WHEN file_row_number = 41 THEN NULL"
                    + " ELSE \"BilledCost\" END AS \"BilledCost\") FROM read_parquet('" + pq + "', file_row_number = true)"
                    + " ORDER BY file_row_number) TO '" + bad + "' (FORMAT parquet)");
        }
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            assertThatThrownBy(() -> engine.ingest(List.of(bad.toString()), Progress.NONE))
                    .isInstanceOf(FocusFormatException.class)
                    .hasMessageContaining(bad + ":42: column BilledCost: required value is missing");
            assertNothingKept(engine);
        }
    }

    @Test
    void missingColumnIsNamed() throws Exception {
        int c = column(lines.getFirst(), "EffectiveCost");
        List<String> cut = new ArrayList<>();
        for (String l : lines) {
            List<String> f = CsvFields.split(l);
            f.remove(c);
            cut.add(String.join(",", f));
        }
        Path bad = write("missing-column.csv", cut);
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            assertThatThrownBy(() -> engine.ingest(List.of(bad.toString()), Progress.NONE))
                    .hasMessageContaining(bad + ":1: column EffectiveCost: required FOCUS column is missing");
            assertNothingKept(engine);
        }
    }

    @Test
    void truncatedCsvGzipAndParquetAreRejectedWhole() throws Exception {
        byte[] all = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.csv");
        Files.write(truncated, Arrays.copyOf(all, all.length * 2 / 3));
        Path gz = dir.resolve("truncated.csv.gz");
        byte[] zipped;
        var bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(bytes)) {
            o.write(all);
        }
        zipped = bytes.toByteArray();
        Files.write(gz, Arrays.copyOf(zipped, zipped.length / 2));
        Path pq = new FocusGenerator(FocusGenerator.Options.of(dir.resolve("pq"), 5, 3, 11, "parquet")).generate()
                .usageFiles().getFirst();
        byte[] p = Files.readAllBytes(pq);
        Path truncatedPq = dir.resolve("truncated.parquet");
        Files.write(truncatedPq, Arrays.copyOf(p, p.length / 2));
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            for (Path bad : List.of(truncated, gz, truncatedPq)) {
                assertThatThrownBy(() -> engine.ingest(List.of(bad.toString()), Progress.NONE))
                        .as(bad.toString()).isInstanceOf(FocusFormatException.class)
                        .hasMessageStartingWith(bad.toString()).hasMessageContaining("nothing from this file was ingested");
            }
            assertNothingKept(engine);
        }
    }

    @Test
    void goodFilesBeforeABadOneStayAndTheBadOneLeavesNothing() throws Exception {
        Path bad = write("z-bad.csv", withField(lines.size() - 1, "EffectiveCost", "lots"));
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            assertThatThrownBy(() -> engine.ingest(List.of(good.toString(), bad.toString()), Progress.NONE))
                    .hasMessageContaining("z-bad.csv:" + lines.size() + ": column EffectiveCost");
            assertThat(engine.profiledRows()).isEqualTo(lines.size() - 1);
        }
    }

    @Test
    void reingestingTheSameBytesChangesNothing() throws Exception {
        Path copy = dir.resolve("copy-of-usage.csv");
        Files.copy(good, copy);
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            IngestReport first = engine.ingest(List.of(good.toString()), Progress.NONE);
            assertThat(first.rowsIngested()).isEqualTo(lines.size() - 1);
            IngestReport again = engine.ingest(List.of(good.toString(), copy.toString()), Progress.NONE);
            assertThat(again.filesSkipped()).isEqualTo(2);
            assertThat(again.rowsIngested()).isZero();
            assertThat(again.files().get(1).versionEvidence()).contains("already ingested as " + good);
            assertThat(engine.profiledRows()).isEqualTo(lines.size() - 1);
        }
    }

    @Test
    void unknownPathsAndEmptyGlobsAreErrors() throws Exception {
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            assertThatThrownBy(() -> engine.ingest(List.of(dir.resolve("nope.csv").toString()), Progress.NONE))
                    .hasMessageContaining("no such file or directory");
            assertThatThrownBy(() -> engine.ingest(List.of(dir + "/*.nothing"), Progress.NONE))
                    .hasMessageContaining("no file matches");
            IngestReport viaGlob = engine.ingest(List.of(dir + "/gen/*.csv"), Progress.NONE);
            // Mixed providers: one file per provider (three of them for three accounts).
            long csvFiles;
            try (var files = Files.list(dir.resolve("gen"))) {
                csvFiles = files.filter(f -> f.toString().endsWith(".csv")).count();
            }
            assertThat(csvFiles).isGreaterThan(1);
            assertThat(viaGlob.files()).hasSize((int) csvFiles);
        }
    }

    @Test
    void gzipCsvIngestsLikePlainCsv() throws Exception {
        Path gz = dir.resolve("usage.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        }
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            assertThat(engine.ingest(List.of(gz.toString()), Progress.NONE).rowsIngested()).isEqualTo(lines.size() - 1);
        }
    }
}
