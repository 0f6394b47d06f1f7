package org.plumbline.signals.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.plumbline.signals.MeterRecognition;

/**
 * Builds the {@code usage_daily} profile on Spark from FOCUS Parquet files, with the same grouping and
 * the same meter recognition (meters.tsv, units.tsv) as DuckDB ingestion, so a provider can profile its
 * whole export on its cluster and run the rules there.
 *
 * <p>What DuckDB ingestion does and this does not (yet): CSV input, per-file all-or-nothing with errors
 * naming line and column, deviation counts, the SHA-256 ledger of ingested files. Parquet exports are
 * typed, so the value checks that matter for CSV are mostly the Parquet writer's.
 */
public final class SparkProfileBuilder {
    private final SparkSession spark;
    private final MeterRecognition meters;

    public SparkProfileBuilder(SparkSession spark, MeterRecognition meters) {
        this.spark = spark;
        this.meters = meters;
    }

    /** Reads FOCUS Parquet (files, directories, globs) and registers the {@code usage_daily} view. */
    public void build(String... parquetPaths) {
        Dataset<Row> focus = spark.read().parquet(parquetPaths);
        Set<String> columns = Set.of(focus.columns());
        for (String required : List.of("BillingAccountId", "BillingCurrency", "ChargeCategory", "ChargePeriodStart",
                "ChargePeriodEnd", "BilledCost", "EffectiveCost", "ServiceName", "ServiceCategory")) {
            if (!columns.contains(required)) {
                throw new IllegalArgumentException(String.join(", ", parquetPaths) + ": required FOCUS column "
                        + required + " is missing");
            }
        }
        focus.createOrReplaceTempView("focus_usage");
        List<String> custom = new ArrayList<>();
        for (String c : meters.customColumns()) if (columns.contains(c)) custom.add("`" + c + "`");
        String opt = "CAST(NULL AS STRING)";
        String dec = "DECIMAL(38,12)";
        String qty = columns.contains("ConsumedQuantity") ? "ConsumedQuantity" : "CAST(0 AS DECIMAL(18,0))";
        spark.sql("SELECT "
                + (columns.contains("SubAccountId") ? "coalesce(SubAccountId, BillingAccountId)" : "BillingAccountId") + " AS account_id, "
                + "BillingAccountId AS billing_account_id, "
                + "CAST(floor(unix_seconds(CAST(ChargePeriodStart AS TIMESTAMP)) / 86400) AS INT) AS day, "
                + "ServiceName AS service_name, ServiceCategory AS service_category, "
                + (columns.contains("ServiceSubcategory") ? "ServiceSubcategory" : opt) + " AS service_subcategory, "
                + region(columns) + " AS region, ChargeCategory AS charge_category, BillingCurrency AS currency, "
                + (columns.contains("ConsumedUnit") ? "ConsumedUnit" : opt) + " AS consumed_unit, "
                + (columns.contains("SkuMeter") ? "SkuMeter" : opt) + " AS sku_meter, "
                + (columns.contains("ChargeDescription") ? "ChargeDescription" : opt) + " AS charge_description, "
                + (custom.isEmpty() ? opt : "concat_ws(' ', " + String.join(", ", custom) + ")") + " AS custom_meter, "
                + "CAST(sum(" + qty + ") AS " + dec + ") AS qty, CAST(sum(EffectiveCost) AS " + dec + ") AS cost, "
                + "CAST(sum(BilledCost) AS " + dec + ") AS billed, count(*) AS rows, "
                + "max(CASE WHEN " + qty + " > 0 OR EffectiveCost > 0 THEN unix_seconds(CAST(ChargePeriodStart AS TIMESTAMP)) END)"
                + " AS last_usage_epoch "
                + "FROM focus_usage GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13")
                .createOrReplaceTempView("focus_stage");

        // Classify each distinct kind of row once, in Java, with the very table DuckDB ingestion uses.
        List<Row> kinds = spark.sql("SELECT DISTINCT service_category, consumed_unit, sku_meter, charge_description, "
                + "service_name, service_subcategory, custom_meter FROM focus_stage").collectAsList();
        List<Row> classified = new ArrayList<>();
        for (Row k : kinds) {
            String[] v = new String[7];
            for (int i = 0; i < 7; i++) v[i] = k.isNullAt(i) ? null : k.getString(i);
            MeterRecognition.Classification c = meters.classify(v[0], v[1], Arrays.asList(v[2], v[3], v[4], v[5], v[6]));
            classified.add(RowFactory.create(v[0], v[1], v[2], v[3], v[4], v[5], v[6], c.metric(), c.factor()));
        }
        List<StructField> fields = new ArrayList<>();
        for (String n : List.of("service_category", "consumed_unit", "sku_meter", "charge_description", "service_name",
                "service_subcategory", "custom_meter", "metric")) {
            fields.add(DataTypes.createStructField(n, DataTypes.StringType, true));
        }
        fields.add(DataTypes.createStructField("factor", DataTypes.DoubleType, false));
        spark.createDataFrame(classified, new StructType(fields.toArray(new StructField[0])))
                .createOrReplaceTempView("kind_class");
        spark.sql("""
                SELECT 'spark' AS file_sha256, s.account_id, s.billing_account_id, s.day, s.service_name,
                       s.service_category, s.service_subcategory, s.region, s.charge_category, s.currency, k.metric,
                       sum(CASE WHEN s.charge_category = 'Usage' THEN CAST(s.qty AS DOUBLE) * k.factor ELSE 0 END) AS amount,
                       sum(s.cost) AS cost, sum(s.billed) AS billed_cost, sum(s.rows) AS rows,
                       max(CASE WHEN s.charge_category = 'Usage' THEN s.last_usage_epoch END) AS last_usage_epoch
                FROM focus_stage s JOIN kind_class k
                  ON s.service_category <=> k.service_category AND s.consumed_unit <=> k.consumed_unit
                 AND s.sku_meter <=> k.sku_meter AND s.charge_description <=> k.charge_description
                 AND s.service_name <=> k.service_name AND s.service_subcategory <=> k.service_subcategory
                 AND s.custom_meter <=> k.custom_meter
                GROUP BY s.account_id, s.billing_account_id, s.day, s.service_name, s.service_category,
                         s.service_subcategory, s.region, s.charge_category, s.currency, k.metric""")
                .createOrReplaceTempView("usage_daily");
    }

    private static String region(Set<String> columns) {
        boolean id = columns.contains("RegionId"), name = columns.contains("RegionName");
        return id && name ? "coalesce(RegionId, RegionName)" : id ? "RegionId" : name ? "RegionName" : "CAST(NULL AS STRING)";
    }
}
