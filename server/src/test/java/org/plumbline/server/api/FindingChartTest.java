package org.plumbline.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.plumbline.signals.SeriesPoint;

/** The evidence chart's SVG, from known series: every point where it belongs, units on the axes, the marker placed. */
class FindingChartTest {
    private static final LocalDate FROM = LocalDate.parse("2026-10-01");

    private static List<SeriesPoint> tenDays() {
        List<SeriesPoint> out = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            LocalDate day = FROM.plusDays(d);
            out.add(new SeriesPoint(day, "storage_bytes", (2000 + 6 * d) * 1e12, new BigDecimal("100.00"), "EUR"));
            out.add(new SeriesPoint(day, "speech_to_text_hours", 700_000 + 1_000 * d, new BigDecimal("50.50"), "EUR"));
            out.add(new SeriesPoint(day, "other", 0, new BigDecimal("1.25"), "EUR"));
        }
        return out;
    }

    @Test
    void drawsEachDailyValueInItsPanelWithUnits() {
        String svg = FindingChart.svg(FindingChart.panelsFor("bulk-communications-processing"), tenDays(), FROM,
                FROM.plusDays(9), FROM.plusDays(5), FROM.plusDays(9), List.of());
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>");
        assertThat(svg).contains("Storage held (TB)").contains("Speech transcribed (audio-hours/day)").contains("day (UTC)");
        // no translation data: no empty translation panel
        assertThat(svg).doesNotContain("translation_characters");
        assertThat(values(svg, "storage_bytes")).containsExactly(2000.0, 2006.0, 2012.0, 2018.0, 2024.0, 2030.0, 2036.0, 2042.0,
                2048.0, 2054.0);
        assertThat(values(svg, "speech_to_text_hours")).hasSize(10).startsWith(700_000.0).endsWith(709_000.0);
        assertThat(svg).doesNotContain("class=\"marker\"");
        // Higher values are drawn higher (smaller y) in the storage panel.
        List<Double> ys = ys(svg, "storage_bytes");
        for (int i = 1; i < ys.size(); i++) assertThat(ys.get(i)).isLessThan(ys.get(i - 1));
    }

    @Test
    void marksADirectiveInsideTheRangeAndOneAfterTheDataAtTheEdge() {
        Instant inside = Instant.parse("2026-10-06T12:00:00Z");
        String svg = FindingChart.svg(FindingChart.panelsFor("enforcement-not-effective"), tenDays(), FROM, FROM.plusDays(9),
                FROM, FROM.plusDays(9), List.of(new FindingChart.Marker(inside, "directive/3 effective 2026-10-06")));
        assertThat(svg).contains("directive/3 effective 2026-10-06");
        // cost panel first (enforcement), one marker line per panel, at 5.5 days of the 10 the plot spans
        assertThat(svg.indexOf("data-metric=\"*cost\"")).isLessThan(svg.indexOf("data-metric=\"speech_to_text_hours\""));
        assertThat(values(svg, "*cost")).first().isEqualTo(151.75);
        Matcher m = Pattern.compile("<line class=\"marker\" x1=\"([0-9.]+)\"").matcher(svg);
        assertThat(m.find()).isTrue();
        double x = Double.parseDouble(m.group(1));
        assertThat(x).isCloseTo(90 + 5.5 * (960 - 90 - 30) / 10.0, org.assertj.core.data.Offset.offset(0.2));

        // A directive after the data: the axis still ends with the data, the marker stands at the right edge and says when.
        Instant later = Instant.parse("2026-10-25T00:00:00Z");
        String edge = FindingChart.svg(FindingChart.panelsFor("bulk-communications-processing"), tenDays(), FROM,
                FROM.plusDays(9), FROM, FROM.plusDays(9), List.of(new FindingChart.Marker(later, "directive/4")));
        assertThat(edge).contains("to 2026-10-10").doesNotContain("2026-10-26").doesNotContain("Oct 25");
        Matcher e = Pattern.compile("<line class=\"marker edge\" x1=\"([0-9.]+)\"").matcher(edge);
        assertThat(e.find()).isTrue();
        assertThat(Double.parseDouble(e.group(1))).isEqualTo(960 - 30.0);
        assertThat(edge).contains("directive/4 — 2026-10-25, after the data →");
        // Every point still within the plot: the last day's dot is left of the edge.
        assertThat(attr(edge, "storage_bytes", "cx")).allSatisfy(cx -> assertThat(cx).isLessThan(930.0));
        String before = FindingChart.svg(FindingChart.panelsFor("bulk-communications-processing"), tenDays(), FROM,
                FROM.plusDays(9), FROM, FROM.plusDays(9), List.of(new FindingChart.Marker(Instant.parse("2026-01-01T00:00:00Z"), "directive/1")));
        assertThat(before).contains("class=\"marker edge\" x1=\"90.0\"").contains("← directive/1 — 2026-01-01, before the data");
    }

    @Test
    void costsCarryTheirCurrencyAndLargeNumbersReadAsWords() {
        String svg = FindingChart.svg(FindingChart.panelsFor("enforcement-not-effective"), tenDays(), FROM, FROM.plusDays(9),
                FROM, FROM.plusDays(9), List.of());
        assertThat(svg).contains("Cost (EUR/day)");
        List<SeriesPoint> mixed = new ArrayList<>(tenDays());
        mixed.add(new SeriesPoint(FROM, "compute_hours", 3, new BigDecimal("9.00"), "USD"));
        assertThat(FindingChart.svg(FindingChart.panelsFor("enforcement-not-effective"), mixed, FROM, FROM.plusDays(9), FROM,
                FROM.plusDays(9), List.of())).contains("Cost (per day, mixed currencies (EUR, USD))");
        List<SeriesPoint> unstated = tenDays().stream().map(p -> new SeriesPoint(p.day(), p.metric(), p.amount(), p.cost())).toList();
        assertThat(FindingChart.svg(FindingChart.panelsFor("enforcement-not-effective"), unstated, FROM, FROM.plusDays(9), FROM,
                FROM.plusDays(9), List.of())).contains("Cost (per day, currency not stated)");
        assertThat(FindingChart.number(2_500_000)).isEqualTo("2.5 million");
        assertThat(FindingChart.number(7.5e9)).isEqualTo("7.5 billion");
        assertThat(FindingChart.number(778_048)).isEqualTo("778,048");
        // The speech panel's axis reads in words, not in SI letters.
        assertThat(svg).doesNotContainPattern(">[0-9.]+[MG]<");
    }

    @Test
    void escapesText() {
        assertThat(FindingChart.esc("<a href=\"x\">&'")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }

    private static List<Double> values(String svg, String metric) {
        return attr(svg, metric, "data-value");
    }

    private static List<Double> ys(String svg, String metric) {
        return attr(svg, metric, "cy");
    }

    private static List<Double> attr(String svg, String metric, String name) {
        int start = svg.indexOf("data-metric=\"" + metric + "\"");
        assertThat(start).as(metric).isGreaterThan(0);
        String panel = svg.substring(start, svg.indexOf("</g>", start));
        Matcher m = Pattern.compile("<circle class=\"point\"[^>]* " + name + "=\"([^\"]+)\"").matcher(panel);
        List<Double> out = new ArrayList<>();
        while (m.find()) out.add(Double.parseDouble(m.group(1)));
        return out;
    }
}
