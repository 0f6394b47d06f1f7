package org.plumbline.core.report;

import java.util.List;

/**
 * One number of the report: how many records {@code figure} counts in {@code group} (null for a total), and
 * which (their log indices, ascending), so that each number links to exactly the records behind it.
 */
public record Count(String figure, String group, List<Long> indices) {
    public Count {
        indices = List.copyOf(indices);
    }

    public int count() {
        return indices.size();
    }

    /** {@code figure} or {@code figure[group]}, for messages. */
    public String name() {
        return group == null ? figure : figure + "[" + group + "]";
    }
}
