package org.plumbline.signals.spark;

import org.apache.spark.sql.SparkSession;

/** The Spark local-mode session the tests share (one per test class: starting Spark costs seconds). */
final class LocalSpark {
    private LocalSpark() {}

    static SparkSession start(String name) {
        return SparkSession.builder().master("local[2]").appName(name)
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
    }
}
