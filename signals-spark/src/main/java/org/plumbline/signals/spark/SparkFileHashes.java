package org.plumbline.signals.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.SparkSession;
import org.plumbline.log.hash.Sha256;
import org.plumbline.signals.spark.SparkInputFiles.Input;

/**
 * The SHA-256 of each input file, computed where the data is (a task per file, streaming), so that a run
 * names its files as DuckDB ingestion's ledger does and reads a file present twice only once. Reading on
 * the driver instead would pull a provider's whole export through one machine.
 */
final class SparkFileHashes {
    private SparkFileHashes() {}

    /** By {@link SparkInputFiles#key}. */
    static Map<String, String> of(SparkSession spark, List<Input> files) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String paths = String.join(",", files.stream().map(Input::uri).toList());
        Map<String, String> out = new HashMap<>();
        jsc.binaryFiles(paths, Math.max(1, files.size())).mapValues(SparkFileHashes::sha256).collectAsMap()
                .forEach((path, sha) -> out.put(SparkInputFiles.key(path), sha));
        return out;
    }

    private static String sha256(PortableDataStream file) {
        try (InputStream in = file.open()) {
            MessageDigest md = Sha256.newDigest();
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
            return Sha256.hex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(file.getPath() + ": " + e.getMessage(), e);
        }
    }
}
