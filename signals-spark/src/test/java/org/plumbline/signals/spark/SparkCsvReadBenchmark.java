package org.plumbline.signals.spark;

import org.apache.spark.sql.SparkSession;
import org.plumbline.signals.IngestReport;
import org.plumbline.signals.MeterRecognition;

/**
 * Not a test: times {@link SparkProfileBuilder} on one FOCUS file in Spark local mode with two cores, so that
 * a change to how Spark reads CSV can be measured (docs/PERFORMANCE.md gives the command). Prints the wall
 * and CPU time of each run and the rows ingested and profiled.
 */
public final class SparkCsvReadBenchmark {
    private SparkCsvReadBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SparkCsvReadBenchmark FILE RUNS");
            System.exit(2);
        }
        SparkSession spark = LocalSpark.start("plumbline-csv-read-benchmark");
        spark.sparkContext().setLogLevel("ERROR");
        try {
            for (int i = 1; i <= Integer.parseInt(args[1]); i++) {
                long t0 = System.nanoTime();
                double c0 = cpuSeconds();
                IngestReport report = new SparkProfileBuilder(spark, MeterRecognition.shipped()).build(args[0]);
                long profiled = spark.sql("SELECT sum(rows) FROM usage_daily").first().getLong(0);
                System.out.printf("run %d: %.2f s wall, %.2f s cpu, %,d rows ingested, %,d profiled%n", i,
                        (System.nanoTime() - t0) / 1e9, cpuSeconds() - c0, report.rowsIngested(), profiled);
            }
        } finally {
            spark.stop();
        }
    }

    private static double cpuSeconds() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() / 1e9 : 0;
    }
}
