package org.plumbline.signals.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.plumbline.signals.RuleEngine;
import org.plumbline.signals.TableData;

/**
 * Runs Plumbline's rule SQL on Spark: tables become temporary views of the session, rule queries run
 * through {@code spark.sql}. The rules are the very files DuckDB runs.
 */
public final class SparkRuleEngine implements RuleEngine {
    private final SparkSession spark;

    public SparkRuleEngine(SparkSession spark) {
        this.spark = spark;
    }

    /** Registers a Parquet file or directory (e.g. the exported usage_daily profile) as a view. */
    public void loadParquet(String view, String path) {
        spark.read().parquet(path).createOrReplaceTempView(view);
    }

    @Override
    public void load(TableData t) {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            fields.add(DataTypes.createStructField(t.columns().get(i), type(t.types().get(i)), true));
        }
        List<Row> rows = new ArrayList<>();
        for (List<Object> r : t.rows()) rows.add(RowFactory.create(r.toArray()));
        spark.createDataFrame(rows, new StructType(fields.toArray(new StructField[0]))).createOrReplaceTempView(t.name());
    }

    private static DataType type(String sqlType) {
        return switch (sqlType) {
            case "VARCHAR" -> DataTypes.StringType;
            case "INTEGER" -> DataTypes.IntegerType;
            case "BIGINT" -> DataTypes.LongType;
            default -> throw new IllegalArgumentException("no Spark type for " + sqlType);
        };
    }

    @Override
    public void defineView(String name, String sql) {
        spark.sql("CREATE OR REPLACE TEMPORARY VIEW " + name + " AS " + sql);
    }

    @Override
    public List<Map<String, Object>> query(String sql) {
        Dataset<Row> result = spark.sql(sql);
        String[] names = result.columns();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : result.collectAsList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) m.put(names[i].toLowerCase(Locale.ROOT), r.get(i));
            out.add(m);
        }
        return out;
    }
}
