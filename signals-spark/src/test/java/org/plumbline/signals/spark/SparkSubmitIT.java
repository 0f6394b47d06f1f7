package org.plumbline.signals.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.core.domain.Finding;
import org.plumbline.signals.Declarations;
import org.plumbline.signals.FindingJson;
import org.plumbline.signals.FocusGenerator;
import org.plumbline.signals.Progress;
import org.plumbline.signals.Rule;
import org.plumbline.signals.SignalsEngine;

/**
 * The documented {@code spark-submit} (docs/signals.md, <i>Spark</i>) for real: the shaded
 * {@code plumbline-signals-spark.jar} that {@code package} writes, submitted through Spark's own
 * {@code SparkSubmit} in a separate JVM whose class path holds Spark and what Spark brings, and none of
 * Plumbline's classes or libraries, as on a provider's cluster. The input is an export laid out as AWS
 * Data Exports writes one, a directory per billing month ({@code data/BILLING_PERIOD=2026-10/…parquet}),
 * and the job's findings must be the ones DuckDB ingestion gives for the same directory.
 */
class SparkSubmitIT {
    /** What the cluster does not have: Plumbline's modules and the libraries only Plumbline uses. */
    private static final Pattern NOT_ON_A_CLUSTER = Pattern.compile(
            ".*/(org/plumbline|org/duckdb|io/zonky|org/jdbi|com/zaxxer|org/postgresql|org/flywaydb|org/bouncycastle"
            + "|com/google/crypto/tink|org/junit|org/assertj|com/tngtech|org/opentest4j|org/apiguardian)/.*");

    @TempDir Path dir;

    @Test
    void theSubmittedJarFindsWhatDuckDbFindsInAMonthPartitionedParquetExport() throws Exception {
        Path generated = dir.resolve("generated");
        FocusGenerator.Result g = new FocusGenerator(FocusGenerator.Options.of(generated, 35, 20, 11, "parquet",
                FocusGenerator.Style.AWS)).generate();
        Path export = dir.resolve("exports/plumbline-focus/data");
        for (Path file : g.usageFiles()) {
            Matcher month = Pattern.compile("(\\d{4}-\\d{2})\\.parquet$").matcher(file.getFileName().toString());
            assertThat(month.find()).as("a monthly file name: %s", file).isTrue();
            Path partition = export.resolve("BILLING_PERIOD=" + month.group(1));
            Files.createDirectories(partition);
            Files.move(file, partition.resolve("plumbline-focus-00001.snappy.parquet"));
        }
        assertThat(g.usageFiles()).as("35 days span two billing months").hasSizeGreaterThanOrEqualTo(2);

        Declarations declarations = Declarations.read(g.engagements());
        List<Finding> duck;
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            engine.ingest(List.of(export.toString()), Progress.NONE);
            duck = engine.scan(declarations, f -> {}).findings();
        }
        assertThat(duck).extracting(Finding::rule).containsAll(Rule.shipped().stream().map(Rule::id).toList());

        Path findings = dir.resolve("findings.json");
        Path stderr = dir.resolve("spark-submit.err");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(System.getProperty("plumbline.spark.jvm.args").trim().split("\\s+")));
        command.addAll(List.of("-cp", sparkClassPath(), "org.apache.spark.deploy.SparkSubmit",
                "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.driver.bindAddress=127.0.0.1", "--conf", "spark.driver.host=127.0.0.1",
                "--class", SparkSignalsJob.class.getName(), jobJar(),
                "focus", export.toString(), g.engagements().toString(), findings.toString()));
        Process spark = new ProcessBuilder(command).redirectOutput(dir.resolve("spark-submit.out").toFile())
                .redirectError(stderr.toFile()).start();
        assertThat(spark.waitFor(10, TimeUnit.MINUTES)).as("spark-submit ends").isTrue();
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(spark.exitValue()).as("spark-submit's exit status; its standard error:%n%s", err).isZero();

        // Each billing month's file is read and reported, by the name it has in the partitioned layout.
        assertThat(err).contains("BILLING_PERIOD=" + g.usageFiles().getFirst().getFileName().toString()
                .replaceAll(".*(\\d{4}-\\d{2})\\.parquet$", "$1"));
        assertThat(err).containsPattern(String.format("%,d rows in %d file\\(s\\)", g.rows(), g.usageFiles().size()));

        // Both sides as JSON text read the same way: a money figure is a DECIMAL from DuckDB and a double from
        // Spark, which print differently (33817434.7873209199 against 3.381743478732092E7) but read alike.
        ObjectMapper json = new ObjectMapper();
        JsonNode expected = json.readTree(json.writeValueAsString(duck.stream().map(FindingJson::toJsonObject).toList()));
        assertThat(json.readTree(findings.toFile())).isEqualTo(expected);
    }

    private static String jobJar() {
        Path jar = Path.of(System.getProperty("plumbline.spark.job.jar"));
        assertThat(jar).as("the spark-submit jar written by package").isRegularFile();
        return jar.toString();
    }

    /** The test class path without Plumbline or what only Plumbline uses: Spark and its own dependencies. */
    private static String sparkClassPath() throws Exception {
        String all = Files.readString(Path.of(System.getProperty("plumbline.spark.class.path"))).trim();
        // The tests run in the module's directory; the reactor's modules (as classes or jars) are under its parent.
        Path project = Path.of("").toAbsolutePath().getParent();
        List<String> kept = new ArrayList<>();
        for (String entry : all.split(File.pathSeparator)) {
            if (Path.of(entry).toAbsolutePath().startsWith(project)) continue;
            if (NOT_ON_A_CLUSTER.matcher(entry.replace(File.separatorChar, '/')).matches()) continue;
            kept.add(entry);
        }
        assertThat(kept).as("Spark is on the class path").anyMatch(e -> e.contains("spark-core"));
        return String.join(File.pathSeparator, kept);
    }
}
