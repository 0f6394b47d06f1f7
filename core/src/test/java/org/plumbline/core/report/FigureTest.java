package org.plumbline.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The concern figures count the intake's own public records, and only those (docs/domain.md). */
class FigureTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode fields(String... nameValue) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < nameValue.length; i += 2) n.put(nameValue[i], nameValue[i + 1]);
        return n;
    }

    private static Figure figure(String id) {
        return Figure.byId(id).orElseThrow();
    }

    @Test
    void concernsAreCountedFromTheRecordsTheIntakeLogs() {
        assertThat(figure("concerns-received").counts("concern.received", fields("commitment", "ab", "day", "2026-12-07"))).isTrue();
        assertThat(figure("concerns-received").counts("concern.read", fields())).isFalse();
        // Handled: each move to a status, grouped by the status it moved to.
        Figure status = figure("concerns-by-status");
        assertThat(status.counts("concern.status-changed", fields("status", "closed", "day", "2026-12-07"))).isTrue();
        assertThat(Figure.groupsOf(fields("status", "feedback given").get("status"))).containsExactly("feedback given");
        // A case opened from a concern, not any case; a report linked to an existing case.
        assertThat(figure("concerns-opening-a-case").counts("case.opened", fields("origin", "concern"))).isTrue();
        assertThat(figure("concerns-opening-a-case").counts("case.opened", fields("origin", "usage-signal"))).isFalse();
        assertThat(figure("concerns-linked-to-a-case").counts("concern.linked", fields("case", "case/3"))).isTrue();
    }
}
