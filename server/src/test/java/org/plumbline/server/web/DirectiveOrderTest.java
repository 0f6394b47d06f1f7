package org.plumbline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plumbline.core.domain.Directive;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;

/** {@code /directives} and its CSV list the newest directives first, and a bound keeps the newest, not the oldest. */
class DirectiveOrderTest {
    @Test
    void theNewestDirectivesComeFirstAndTheBoundKeepsTheNewest() {
        var core = TestServer.get().core();
        for (int i = 0; i < 2; i++) {
            var e = org.plumbline.server.Api.engagement();
            String account = e.at("/declaration/accounts/0").asText(e.at("/declaration/declaration/accounts/0").asText());
            var c = core.cases().open(new org.plumbline.core.domain.NewCase(e.get("id").asLong(),
                    org.plumbline.core.domain.CaseOrigin.MANUAL, null, "Directive order", "Summary", false, null), "user/1");
            c = core.cases().move(c.id(), c.version(), org.plumbline.core.domain.CaseState.IN_REVIEW, "look", "user/1");
            core.cases().decide(c.id(), c.version(), new org.plumbline.core.domain.DecisionInput(
                    org.plumbline.core.domain.DecisionKind.SUSPEND, List.of(account), List.of("Speech to Text"), null,
                    "Usage contradicts the declaration.", org.plumbline.core.domain.EscalationLevel.LEADERSHIP, null), "user/1");
        }
        List<Directive> all = TestServer.get().core().directives().since(-1, 1000).directives();
        assertThat(all).as("the demo issues directives").hasSizeGreaterThanOrEqualTo(2);
        Directive newest = all.get(all.size() - 1);
        assertThat(TestServer.get().core().directives().newest(1)).extracting(Directive::id).containsExactly(newest.id());

        HttpResponse<String> csv = TestServer.get("/directives.csv", Role.REVIEWER);
        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> lines = csv.body().lines().skip(1).toList();
        List<Long> records = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(",");
            records.add(Long.parseLong(cells[cells.length - 1].replace("\"", "").strip()));
        }
        assertThat(lines.get(0)).startsWith(newest.id() + ",");
        assertThat(records).isSortedAccordingTo(java.util.Comparator.reverseOrder()).doesNotHaveDuplicates();
    }
}
