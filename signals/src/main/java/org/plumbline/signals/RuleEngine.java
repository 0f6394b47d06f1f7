package org.plumbline.signals;

import java.util.List;
import java.util.Map;

/**
 * An SQL engine that rules run on: DuckDB (embedded, {@link SignalsEngine}) or Spark (signals-spark).
 * Both are given the same tables and the same rule SQL; results come back as rows of column name
 * (lower case) to value (String, Long/Integer, Double or BigDecimal).
 */
public interface RuleEngine {
    /** Creates or replaces a table with these rows. */
    void load(TableData table) throws Exception;

    /** Creates or replaces a temporary view. */
    void defineView(String name, String sql) throws Exception;

    List<Map<String, Object>> query(String sql) throws Exception;
}
