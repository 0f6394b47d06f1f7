package org.plumbline.signals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many nulls each column of a Parquet file holds, read from the file's footer: every column chunk may
 * carry a null count, written by the file's writer. Only columns whose every chunk carries one are
 * answered; for the rest the statistic is not trusted to mean zero and the caller counts rows.
 */
final class ParquetNullCounts {
    private ParquetNullCounts() {}

    /** Column name to null count, for the top-level columns whose every column chunk states its null count. */
    static Map<String, Long> of(Connection connection, String file) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        String sql = "SELECT path_in_schema, count(*) AS chunks, count(stats_null_count) AS stated, "
                + "coalesce(sum(stats_null_count), 0) AS nulls FROM parquet_metadata(" + FocusIngester.literal(file)
                + ") GROUP BY path_in_schema";
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                if (r.getLong("chunks") == r.getLong("stated")) counts.put(r.getString("path_in_schema"), r.getLong("nulls"));
            }
        }
        return counts;
    }
}
