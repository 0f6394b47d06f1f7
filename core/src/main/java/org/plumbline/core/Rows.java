package org.plumbline.core;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Small JDBC conversions shared by the row classes. */
final class Rows {
    private Rows() {}

    static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? List.of() : List.of((String[]) a.getArray());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static Long optionalLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static String[] array(List<String> list) {
        return list.toArray(String[]::new);
    }

    /** Draws the next id of a bigserial column's sequence, so a record can name its subject before the insert. */
    static long nextId(Handle h, String table) {
        return h.createQuery("SELECT nextval(pg_get_serial_sequence(:t, 'id'))").bind("t", table)
                .mapTo(Long.class).one();
    }
}
