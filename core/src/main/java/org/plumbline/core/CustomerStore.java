package org.plumbline.core;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.plumbline.core.domain.BodyKind;
import org.plumbline.core.domain.Customer;
import org.plumbline.core.domain.Wire;

/** SQL for the {@code customer} table. */
final class CustomerStore {
    private static final String COLUMNS = "id, name, kind, country, parent_id, created_at, log_index";

    private CustomerStore() {}

    static long nextId(Handle h) {
        return Rows.nextId(h, "customer");
    }

    static void insert(Handle h, Customer c) {
        h.createUpdate("INSERT INTO customer (" + COLUMNS + ") VALUES (:id, :name, :kind, :country, :parent, :at, :idx)")
                .bind("id", c.id()).bind("name", c.name()).bind("kind", Wire.name(c.kind())).bind("country", c.country())
                .bind("parent", c.parentId()).bind("at", Rows.ts(c.createdAt())).bind("idx", c.logIndex())
                .execute();
    }

    static Optional<Customer> get(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM customer WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne();
    }

    static Optional<Customer> byName(Handle h, String name) {
        return h.createQuery("SELECT " + COLUMNS + " FROM customer WHERE name = :n").bind("n", name)
                .map((rs, ctx) -> map(rs)).findOne();
    }

    static List<Customer> list(Handle h) {
        return h.createQuery("SELECT " + COLUMNS + " FROM customer ORDER BY name").map((rs, ctx) -> map(rs)).list();
    }

    private static Customer map(ResultSet rs) throws SQLException {
        return new Customer(rs.getLong("id"), rs.getString("name"),
                BodyKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), rs.getString("country"),
                Rows.optionalLong(rs, "parent_id"), Rows.instant(rs, "created_at"), rs.getLong("log_index"));
    }
}
