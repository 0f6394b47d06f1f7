package org.plumbline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plumbline.core.domain.Directive;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;

/**
 * Sorting the findings, engagements and directives by a query parameter: each order holds on the whole export
 * (the CSV carries the same query as the page), ties fall back to a fixed key so two requests agree, and a sort
 * the list does not offer is refused by name.
 */
class ListSortingTest {
    @BeforeAll
    static void demo() {
        TestServer.get().loadDemo();
        // Findings of several severities, whatever else the shared server holds.
        var e = org.plumbline.server.Api.engagement();
        String account = e.at("/declaration/accounts/0").asText(e.at("/declaration/declaration/accounts/0").asText());
        java.time.LocalDate end = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
        var raiser = new org.plumbline.signals.cases.FindingRaiser(TestServer.get().core());
        int i = 0;
        for (String severity : List.of("low", "critical", "high", "low")) {
            java.time.LocalDate stop = end.minusDays(i++);
            raiser.accept(new org.plumbline.core.domain.Finding(org.plumbline.core.domain.Finding.keyOf("sudden-growth", account,
                    "region-" + i, stop.minusDays(29), stop), "sudden-growth", "Sorting " + severity, severity, account,
                    e.get("reference").asText(), "region-" + i, stop.minusDays(29), stop, Map.of("storage_tb", 1.0 * i), "evidence"));
        }
    }

    /** RFC 4180 rows without the header. */
    static List<List<String>> csv(String path) {
        HttpResponse<String> r = TestServer.get(path, Role.REVIEWER);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        String s = r.body();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r') {
                // CRLF: the \n ends the row
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        return rows.subList(1, rows.size());
    }

    @Test
    void findingsSortBySeverityThenNewestAndTheOrderIsTheSameTwice() {
        List<List<String>> rows = csv("/findings.csv?sort=severity");
        assertThat(rows).hasSizeGreaterThan(3);
        List<String> severities = List.of("critical", "high", "medium", "low");
        Comparator<List<String>> expected = Comparator.<List<String>>comparingInt(r -> severities.indexOf(r.get(3)))
                .thenComparing(Comparator.<List<String>>comparingLong(r -> Long.parseLong(r.get(0))).reversed());
        assertThat(rows).isSortedAccordingTo(expected);
        assertThat(rows.stream().map(r -> r.get(3)).distinct().count()).as("more than one severity to sort").isGreaterThan(1);
        assertThat(csv("/findings.csv?sort=severity")).isEqualTo(rows);

        List<List<String>> byWindow = csv("/findings.csv?sort=window");
        assertThat(byWindow).isSortedAccordingTo(Comparator.<List<String>, String>comparing(r -> r.get(8)).reversed()
                .thenComparing(Comparator.<List<String>>comparingLong(r -> Long.parseLong(r.get(0))).reversed()));
        List<List<String>> newest = csv("/findings.csv");
        assertThat(newest).isSortedAccordingTo(Comparator.<List<String>>comparingLong(r -> Long.parseLong(r.get(0))).reversed());
        assertThat(csv("/findings.csv?sort=newest")).isEqualTo(newest);
    }

    @Test
    void engagementsSortByCustomerOrSeverity() {
        List<List<String>> byCustomer = csv("/engagements.csv?sort=customer");
        assertThat(byCustomer).hasSizeGreaterThan(3)
                .isSortedAccordingTo(Comparator.<List<String>, String>comparing(r -> r.get(1)).thenComparing(r -> r.get(0)));
        List<List<String>> bySeverity = csv("/engagements.csv?sort=severity");
        assertThat(bySeverity).isSortedAccordingTo(Comparator.<List<String>>comparingInt(
                r -> r.get(5).equals("unassessed") ? 0 : -Integer.parseInt(r.get(5))).thenComparing(r -> r.get(0)));
        assertThat(csv("/engagements.csv")).isSortedAccordingTo(Comparator.comparing(r -> r.get(0)));
    }

    @Test
    void directivesSortByDeadlineOrEngagement() {
        Map<Long, Directive> byId = TestServer.get().core().directives().since(-1, 1000).directives().stream()
                .collect(Collectors.toMap(Directive::id, Function.identity()));
        List<List<String>> byDeadline = csv("/directives.csv?sort=deadline");
        assertThat(byDeadline).isNotEmpty();
        assertThat(byDeadline).isSortedAccordingTo(Comparator.<List<String>, java.time.Instant>comparing(
                r -> byId.get(Long.parseLong(r.get(0))).ackDeadline())
                .thenComparing(Comparator.<List<String>>comparingLong(r -> Long.parseLong(r.get(9))).reversed()));
        assertThat(csv("/directives.csv?sort=engagement"))
                .isSortedAccordingTo(Comparator.<List<String>, String>comparing(r -> r.get(2))
                        .thenComparing(Comparator.<List<String>>comparingLong(r -> Long.parseLong(r.get(9))).reversed()));
    }

    @Test
    void aSortTheListDoesNotOfferIsRefusedByName() {
        for (String path : List.of("/findings?sort=title", "/engagements.csv?sort=customer%0d%0a", "/directives?sort=severity")) {
            HttpResponse<String> r = TestServer.get(path, Role.REVIEWER);
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertThat(r.body()).as(path).contains("sort");
        }
    }
}
