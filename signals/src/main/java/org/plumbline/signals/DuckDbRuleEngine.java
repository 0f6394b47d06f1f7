package org.plumbline.signals;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
        String marks = String.join(", ", java.util.Collections.nCopies(t.columns().size(), "?"));
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + t.name() + " VALUES (" + marks + ")")) {
            for (List<Object> row : t.rows()) {
                for (int i = 0; i < row.size(); i++) ps.setObject(i + 1, row.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
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
