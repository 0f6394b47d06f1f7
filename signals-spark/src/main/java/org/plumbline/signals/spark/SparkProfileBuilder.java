package org.plumbline.signals.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.io.IOException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.plumbline.signals.FocusFormatException;
import org.plumbline.signals.IngestReport;
import org.plumbline.signals.MeterRecognition;
import org.plumbline.signals.MeterCost;
import org.plumbline.signals.UnplacedUnit;

/**
 * Builds the {@code usage_daily} profile on Spark from FOCUS files (CSV, gzip'd CSV, Parquet; files,
 * directories, globs, on any file system Hadoop reaches), with the same validation, deviation counts,
 * grouping and meter recognition (meters.tsv, units.tsv) as DuckDB ingestion, so a provider can profile
 * its whole export on its cluster and run the rules there.
 *
 * <p>Reading and validation are {@link SparkFocusReader}'s: a run is all or nothing over all its files
 * (if any file is bad, {@link #build} throws and {@code usage_daily} is left as it was), and a file
 * with the same SHA-256 as an earlier one of the run is skipped. What DuckDB ingestion does and this
 * does not: remember files across runs (a Spark run keeps no store). The builder sets the session time
 * zone to UTC (FOCUS times are UTC; a profile day is a UTC day).
 */
public final class SparkProfileBuilder {
    private final SparkSession spark;
    private final MeterRecognition meters;

    public SparkProfileBuilder(SparkSession spark, MeterRecognition meters) {
        this.spark = spark;
        this.meters = meters;
    }

    /**
     * Reads and validates FOCUS files (files, directories, globs) and registers the {@code usage_daily} view.
     *
     * @return per file: format, FOCUS version, rows, counted deviations, unrecognised columns
     * @throws FocusFormatException naming the first bad file, line and column (further bad files are
     *                              attached as suppressed); nothing was registered
     */
    public IngestReport build(String... paths) throws IOException, FocusFormatException {
        SparkFocusReader.Result read = new SparkFocusReader(spark, meters).read(List.of(paths));
        read.stage().createOrReplaceTempView("focus_stage");

        // Classify each distinct kind of row once, in Java, with the very table DuckDB ingestion uses.
        List<Row> kinds = spark.sql("SELECT service_category, consumed_unit, sku_meter, charge_description, "
                + "service_name, service_subcategory, custom_meter, provider, provider_unit, "
                + "CAST(sum(list_cost) AS DOUBLE) / nullif(sum(priced_qty), 0) FROM focus_stage GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9").collectAsList();
        List<Row> classified = new ArrayList<>();
        for (Row k : kinds) {
            String[] v = new String[9];
            for (int i = 0; i < 9; i++) v[i] = k.isNullAt(i) ? null : k.getString(i);
            Double ratio = k.isNullAt(9) ? null : k.getDouble(9);
            MeterRecognition.Classification c = meters.classify(v[7], v[0], v[1], v[8], ratio, Arrays.asList(v[2], v[3], v[4], v[5], v[6]));
            classified.add(RowFactory.create(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], c.metric(), c.unplaced(),
                    c.factor(), c.perDayOfMonth()));
        }
        List<StructField> fields = new ArrayList<>();
        for (String n : List.of("service_category", "consumed_unit", "sku_meter", "charge_description", "service_name",
                "service_subcategory", "custom_meter", "provider", "provider_unit", "metric", "unplaced")) {
            fields.add(DataTypes.createStructField(n, DataTypes.StringType, true));
        }
        fields.add(DataTypes.createStructField("factor", DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField("per_day_of_month", DataTypes.DoubleType, false));
        spark.createDataFrame(classified, new StructType(fields.toArray(new StructField[0])))
                .createOrReplaceTempView("kind_class");
        spark.sql("""
                SELECT 'spark' AS file_sha256, s.account_id, s.billing_account_id, s.day + s.i AS day, s.service_name,
                       s.service_category, s.service_subcategory, s.region, s.charge_category, s.currency, k.metric,
                       sum(CASE WHEN s.charge_category = 'Usage' THEN CAST(s.qty AS DOUBLE) * (k.factor + k.per_day_of_month
                           * day(last_day(date_add(DATE'1970-01-01', s.day + s.i)))) / s.span ELSE 0 END) AS amount,
                       sum(CASE WHEN s.i = 0 THEN s.cost ELSE 0 END) AS cost, sum(CASE WHEN s.i = 0 THEN s.rows ELSE 0 END) AS rows,
                       max(CASE WHEN s.charge_category = 'Usage' AND s.i = 0 THEN s.last_usage_epoch END) AS last_usage_epoch
                FROM (SELECT *, explode(sequence(0, span - 1)) AS i FROM focus_stage) s JOIN kind_class k
                  ON s.service_category <=> k.service_category AND s.consumed_unit <=> k.consumed_unit
                 AND s.sku_meter <=> k.sku_meter AND s.charge_description <=> k.charge_description
                 AND s.service_name <=> k.service_name AND s.service_subcategory <=> k.service_subcategory
                 AND s.custom_meter <=> k.custom_meter
                 AND s.provider <=> k.provider AND s.provider_unit <=> k.provider_unit
                GROUP BY s.account_id, s.billing_account_id, s.day + s.i, s.service_name, s.service_category,
                         s.service_subcategory, s.region, s.charge_category, s.currency, k.metric""")
                .createOrReplaceTempView("usage_daily");
        // Units that could not be read, reported as DuckDB ingestion reports them.
        List<UnplacedUnit> unplaced = new ArrayList<>();
        for (Row r : spark.sql("""
                SELECT k.provider, coalesce(k.provider_unit, k.consumed_unit), coalesce(k.sku_meter, k.charge_description, k.service_name),
                       min(k.unplaced), sum(s.rows), CAST(sum(s.cost) AS STRING)
                FROM focus_stage s JOIN kind_class k
                  ON s.service_category <=> k.service_category AND s.consumed_unit <=> k.consumed_unit
                 AND s.sku_meter <=> k.sku_meter AND s.charge_description <=> k.charge_description
                 AND s.service_name <=> k.service_name AND s.service_subcategory <=> k.service_subcategory
                 AND s.custom_meter <=> k.custom_meter AND s.provider <=> k.provider AND s.provider_unit <=> k.provider_unit
                WHERE k.unplaced IS NOT NULL GROUP BY 1, 2, 3""").collectAsList()) {
            unplaced.add(new UnplacedUnit(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
                    new java.math.BigDecimal(r.getString(5))));
        }
        // What each meter cost and was recognised as, as DuckDB ingestion reports it.
        List<MeterCost> meterCosts = new ArrayList<>();
        for (Row r : spark.sql("""
                SELECT s.provider, k.metric, coalesce(s.sku_meter, s.charge_description, s.service_name),
                       coalesce(s.provider_unit, s.consumed_unit), sum(s.rows), CAST(sum(s.cost) AS STRING)
                FROM focus_stage s JOIN kind_class k
                  ON s.service_category <=> k.service_category AND s.consumed_unit <=> k.consumed_unit
                 AND s.sku_meter <=> k.sku_meter AND s.charge_description <=> k.charge_description
                 AND s.service_name <=> k.service_name AND s.service_subcategory <=> k.service_subcategory
                 AND s.custom_meter <=> k.custom_meter AND s.provider <=> k.provider AND s.provider_unit <=> k.provider_unit
                WHERE s.charge_category = 'Usage' GROUP BY 1, 2, 3, 4""").collectAsList()) {
            meterCosts.add(new MeterCost(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
                    new java.math.BigDecimal(r.getString(5))));
        }
        return new IngestReport(read.report().files(), unplaced, meterCosts);
    }

}
