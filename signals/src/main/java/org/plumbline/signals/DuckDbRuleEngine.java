package org.plumbline.signals;

import java.sql.Connection;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs rule SQL on the embedded DuckDB database that holds the profile. */
final class DuckDbRuleEngine implements RuleEngine {
    private final Connection connection;

    DuckDbRuleEngine(Connection connection) {
        this.connection = connection;
    }

    @Override
    public void load(TableData t) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE OR REPLACE TEMP TABLE ").append(t.name()).append(" (");
        for (int i = 0; i < t.columns().size(); i++) {
            if (i > 0) ddl.append(", ");
            ddl.append(t.columns().get(i)).append(' ').append(t.types().get(i));
        }
        try (Statement s = connection.createStatement()) {
            s.execute(ddl.append(")").toString());
        }
        if (t.rows().isEmpty()) return;
        // The appender, not a batch of INSERTs: DuckDB runs a JDBC batch one statement per row, which took
        // seconds for the declarations of a few thousand accounts.
        try (DuckDBAppender a = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA, t.name())) {
            for (List<Object> row : t.rows()) {
                a.beginRow();
                for (int i = 0; i < row.size(); i++) {
                    Object v = row.get(i);
                    if (v == null) a.appendNull();
                    else if (t.types().get(i).equals("VARCHAR")) a.append(v.toString());
                    else if (t.types().get(i).equals("INTEGER")) a.append(((Number) v).intValue());
                    else a.append(((Number) v).longValue());
                }
                a.endRow();
            }
        }
    }

    @Override
    public void defineView(String name, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP VIEW " + name + " AS " + sql);
        }
    }

    @Override
    public List<Map<String, Object>> query(String sql) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData md = r.getMetaData();
            while (r.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), r.getObject(i));
                }
                out.add(row);
            }
        }
        return out;
    }
}
