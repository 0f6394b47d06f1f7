package org.plumbline.signals;

import java.util.List;

/**
 * A small table handed to a {@link RuleEngine}: the declarations side of a scan (engagements, purposes,
 * regions, directives). Types are VARCHAR, INTEGER or BIGINT: all an engine needs to agree on.
 */
public record TableData(String name, List<String> columns, List<String> types, List<List<Object>> rows) {
    public TableData {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
        if (columns.size() != types.size()) throw new IllegalArgumentException("columns and types differ in length");
    }
}
