package org.plumbline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;

/** {@code /log/records.csv}: the public record list's filters, newest first, bounded for an anonymous request. */
class LogRecordsCsvTest {
    private static List<long[]> indices(String body) {
        return body.lines().skip(1).map(l -> new long[] {Long.parseLong(l.substring(0, l.indexOf(',')))}).toList();
    }

    @Test
    void anyoneExportsTheRecordsWithTheListsFiltersNewestFirstAndBounded() {
        TestServer.get().loadDemo();
        long logged = TestServer.get().core().records().count();
        HttpResponse<String> all = TestServer.get("/log/records.csv", Role.PUBLIC);
        assertThat(all.statusCode()).isEqualTo(200);
        List<String> lines = all.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("index,type,subject,actor,time");
        List<Long> idx = indices(all.body()).stream().map(a -> a[0]).toList();
        long count = TestServer.get().core().records().count();
        assertThat(idx).hasSize((int) Math.min(count, LogBrowserPages.MAX_CSV));
        assertThat(idx).isSortedAccordingTo(java.util.Comparator.reverseOrder()).doesNotHaveDuplicates();
        assertThat(idx.get(0)).as("starts at the newest record").isGreaterThanOrEqualTo(logged - 1);
        assertThat(idx.get(idx.size() - 1)).isEqualTo(Math.max(0, idx.get(0) - idx.size() + 1));  // dense: no record skipped

        HttpResponse<String> cases = TestServer.get("/log/records.csv?type=case.opened&before=" + idx.get(0), Role.PUBLIC);
        assertThat(cases.statusCode()).isEqualTo(200);
        assertThat(cases.body().lines().skip(1).toList()).isNotEmpty()
                .allSatisfy(l -> assertThat(l.split(",")[1]).isEqualTo("case.opened"))
                .allSatisfy(l -> assertThat(Long.parseLong(l.split(",")[0])).isLessThan(idx.get(0)));

        assertThat(TestServer.get("/log/records.csv?type=no.such", Role.PUBLIC).statusCode()).isEqualTo(400);
        assertThat(TestServer.get("/log/records.csv?before=-1", Role.PUBLIC).statusCode()).isEqualTo(400);
        // The page links to the export with its filters.
        String page = TestServer.get("/log/records?type=case.opened", Role.PUBLIC).body();
        assertThat(page).contains("href=\"/log/records.csv?type=case.opened\"");
    }
}
