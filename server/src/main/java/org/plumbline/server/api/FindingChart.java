package org.plumbline.server.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.plumbline.signals.SeriesPoint;

/**
 * A finding's evidence as a small server-rendered SVG: one panel per series (e.g. storage held in TB and
 * audio-hours transcribed per day), days on a shared x axis, the finding's window shaded and, when a
 * directive applies, a dashed line at its effective time. Plain SVG written here: no script, nothing for
 * a browser to fetch, so it satisfies the pages' content security policy and prints as it shows.
 */
public final class FindingChart {
    /**
     * One series: which profile metric, how it is titled, its unit and the divisor from the metric's unit.
     * A {@code level} (an amount held, like storage) may be drawn from a baseline above zero so that its
     * growth shows; a daily flow (transcribed, translated, cost) always starts at zero.
     */
    record Panel(String metric, String title, String unit, double divisor, boolean level) {
        Panel(String metric, String title, String unit, double divisor) {
            this(metric, title, unit, divisor, false);
        }
    }

    /** A vertical marker, e.g. a directive's effective time. */
    public record Marker(Instant at, String label) {}

    static final Panel STORAGE = new Panel("storage_bytes", "Storage held", "TB", 1e12, true);
    static final Panel SPEECH = new Panel("speech_to_text_hours", "Speech transcribed", "audio-hours/day", 1);
    static final Panel TRANSLATION = new Panel("translation_characters", "Text translated", "million characters/day", 1e6);
    static final Panel TOKENS = new Panel("model_tokens", "Model tokens", "million tokens/day", 1e6);
    static final Panel EGRESS = new Panel("egress_bytes", "Data out", "GB/day", 1e9);
    static final Panel COMPUTE = new Panel("compute_hours", "Compute", "hours/day", 1);
    /** Not a metric: the daily cost of every metric together; its unit names the currency (see {@link #costPanel}). */
    static final Panel COST = new Panel("*cost", "Cost", "per day (billing currency)", 1);

    private static final int WIDTH = 960;
    private static final int PANEL_HEIGHT = 200;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 34;
    private static final int GAP = 60;
    private static final int BOTTOM = 44;
    private static final DateTimeFormatter TICK = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);

    private FindingChart() {
    }

    /** The panels for a rule: what its evidence is about first; only those with data are drawn. */
    static List<Panel> panelsFor(String rule) {
        return switch (rule) {
            case "bulk-communications-processing" -> List.of(STORAGE, SPEECH, TRANSLATION);
            case "enforcement-not-effective" -> List.of(COST, SPEECH, STORAGE);
            case "service-outside-declared-purposes" -> List.of(COST, SPEECH, TRANSLATION, TOKENS);
            default -> List.of(COST, STORAGE, COMPUTE, EGRESS);
        };
    }

    /**
     * @param from   first day drawn
     * @param to     last day drawn
     * @param window the finding's window (shaded), inclusive
     */
    static String svg(List<Panel> wanted, List<SeriesPoint> points, LocalDate from, LocalDate to, LocalDate windowStart,
                      LocalDate windowEnd, List<Marker> markers) {
        List<Panel> panels = new ArrayList<>();
        List<TreeMap<LocalDate, Double>> values = new ArrayList<>();
        wanted = wanted.stream().map(p -> p == COST ? costPanel(points) : p).toList();
        for (Panel p : wanted) {
            TreeMap<LocalDate, Double> v = series(p, points);
            if (v.values().stream().anyMatch(x -> x != 0) && panels.size() < 3) {
                panels.add(p);
                values.add(v);
            }
        }
        if (panels.isEmpty()) {
            panels.add(costPanel(points));
            values.add(series(COST, points));
        }
        // The axis ends where the data ends: a marker outside it (a directive issued after the export) is drawn
        // at the edge it lies beyond, its label saying when, rather than stretching the axis over empty days.
        // Whole days: the plot runs from the start of the first day to the end of the last, each day's dot at its noon.
        long days = Math.max(1, to.toEpochDay() - from.toEpochDay() + 1);
        int plotW = WIDTH - LEFT - RIGHT;
        int height = TOP + panels.size() * (PANEL_HEIGHT + GAP) - GAP + BOTTOM;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(height).append("\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" font-family=\"system-ui, sans-serif\" font-size=\"13\">");
        s.append("<title>").append(esc("Daily usage " + from + " to " + to)).append("</title>");
        final LocalDate first = from;
        java.util.function.DoubleUnaryOperator xOfDay = d -> LEFT + (d - first.toEpochDay()) * plotW / (double) days;
        for (int i = 0; i < panels.size(); i++) {
            Panel p = panels.get(i);
            TreeMap<LocalDate, Double> v = values.get(i);
            int y0 = TOP + i * (PANEL_HEIGHT + GAP);
            int y1 = y0 + PANEL_HEIGHT;
            double hi = v.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            double lo = v.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double max = niceMax(hi);
            // A level that varies little (e.g. storage held, growing a few percent) is drawn from a round
            // value below its minimum so the growth is visible; the axis then says it does not start at 0.
            double min = p.level() && lo > 0.5 * max && floorTo(lo, max / 20) < max ? floorTo(lo, max / 20) : 0;
            s.append("<g class=\"panel\" data-metric=\"").append(esc(p.metric())).append("\">");
            s.append(text(LEFT, y0 - 10, "start", "600", p.title() + " (" + p.unit() + ")"
                    + (min > 0 ? " — axis starts at " + number(min) : "")));
            // finding window, shaded
            double wx0 = xOfDay.applyAsDouble(windowStart.toEpochDay());
            double wx1 = xOfDay.applyAsDouble(windowEnd.toEpochDay() + 1);
            s.append(String.format(Locale.ROOT, "<rect class=\"window\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#fdecea\"/>",
                    Math.max(LEFT, wx0), y0, Math.max(0, Math.min(LEFT + plotW, wx1) - Math.max(LEFT, wx0)), PANEL_HEIGHT));
            // y grid and labels
            for (int t = 0; t <= 4; t++) {
                double val = min + (max - min) * t / 4;
                double y = y1 - PANEL_HEIGHT * t / 4.0;
                s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
                        LEFT, LEFT + plotW, y, y, t == 0 ? "#555" : "#e3e3e3"));
                s.append(text(LEFT - 8, y + 4, "end", "400", number(val)));
            }
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#555\"/>", LEFT, LEFT, y0, y1));
            // y axis title, rotated
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" transform=\"rotate(-90 %d %d)\" text-anchor=\"middle\" fill=\"#444\">%s</text>",
                    18, (y0 + y1) / 2, 18, (y0 + y1) / 2, esc(p.unit())));
            // x ticks: about eight, on whole days
            long step = Math.max(1, Math.round(days / 8.0));
            for (long d = from.toEpochDay(); d <= to.toEpochDay(); d += step) {
                double x = xOfDay.applyAsDouble(d);
                s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#555\"/>", x, x, y1, y1 + 4));
                s.append(text(x, y1 + 17, "middle", "400", LocalDate.ofEpochDay(d).format(TICK)));
            }
            // the series: a line through the daily values (at noon of each day) and a dot per day
            StringBuilder line = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (Map.Entry<LocalDate, Double> e : v.entrySet()) {
                if (e.getKey().isBefore(from) || e.getKey().isAfter(to)) continue;
                double x = xOfDay.applyAsDouble(e.getKey().toEpochDay() + 0.5);
                double y = y1 - (e.getValue() - min) / (max - min) * PANEL_HEIGHT;
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                dots.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"#1f5fa8\" data-day=\"%s\" data-value=\"%s\"><title>%s: %s %s</title></circle>",
                        x, y, e.getKey(), plain(e.getValue()), e.getKey(), number(e.getValue()), esc(p.unit())));
            }
            s.append("<polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\" points=\"").append(line.toString().strip()).append("\"/>");
            s.append(dots);
            int shown = 0;
            for (Marker m : markers) {
                double d = m.at().getEpochSecond() / 86400.0;
                boolean after = d > to.toEpochDay() + 1;
                boolean before = d < from.toEpochDay();
                double x = after ? LEFT + plotW : before ? LEFT : xOfDay.applyAsDouble(d);
                String date = m.at().atOffset(ZoneOffset.UTC).toLocalDate().toString();
                String when = m.label().contains(date) ? "" : date + ", ";
                String label = after ? m.label() + " — " + when + "after the data →"
                        : before ? "← " + m.label() + " — " + when + "before the data"
                        : m.label();
                s.append(String.format(Locale.ROOT, "<line class=\"marker%s\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#b3261e\" stroke-width=\"%s\" stroke-dasharray=\"6 4\"/>",
                        after || before ? " edge" : "", x, x, y0, y1, after || before ? "3" : "2"));
                if (i == 0) {
                    // Beside the line: to its right, or to its left when it is near the right edge; one below the other.
                    boolean left = x > LEFT + plotW - 320;
                    s.append(text(left ? x - 6 : x + 6, y0 + 14 + 16 * shown++, left ? "end" : "start", "600", "#b3261e", label)
                            .replace("<text ", "<text class=\"marker-label\" "));
                }
            }
            s.append("</g>");
        }
        int yb = height - 8;
        s.append(text(LEFT + plotW / 2.0, yb, "middle", "400", "day (UTC) — shaded: the finding's window " + windowStart + " to " + windowEnd));
        s.append("</svg>");
        return s.toString();
    }

    /**
     * The cost panel with its currency in the unit ("EUR/day"), from the points' currency: one named by all of
     * them, or said to be mixed (their sum is then no amount in any currency) or not stated.
     */
    static Panel costPanel(List<SeriesPoint> points) {
        java.util.Set<String> currencies = new java.util.TreeSet<>();
        boolean unknown = false;
        for (SeriesPoint pt : points) {
            if (pt.currency() == null || pt.currency().isBlank()) {
                unknown = true;
            } else {
                currencies.add(pt.currency());
            }
        }
        String unit;
        if (currencies.size() == 1 && !unknown && !currencies.contains(SeriesPoint.MIXED)) {
            unit = currencies.iterator().next() + "/day";
        } else if (currencies.isEmpty()) {
            unit = "per day, currency not stated";
        } else {
            unit = "per day, mixed currencies (" + String.join(", ", currencies.stream().filter(c -> !c.equals(SeriesPoint.MIXED)).toList()) + ")";
        }
        return new Panel(COST.metric(), COST.title(), unit, 1);
    }

    private static TreeMap<LocalDate, Double> series(Panel p, List<SeriesPoint> points) {
        TreeMap<LocalDate, Double> out = new TreeMap<>();
        for (SeriesPoint pt : points) {
            if (p.metric().equals(COST.metric())) {
                BigDecimal c = pt.cost() == null ? BigDecimal.ZERO : pt.cost();
                out.merge(pt.day(), c.doubleValue(), Double::sum);
            } else if (pt.metric().equals(p.metric())) {
                out.merge(pt.day(), pt.amount() / p.divisor(), Double::sum);
            }
        }
        return out;
    }

    private static double floorTo(double v, double step) {
        return Math.floor(v / step) * step;
    }

    /** The smallest 1, 2 or 5 × 10^n at or above {@code max} (so gridlines fall on round numbers). */
    static double niceMax(double max) {
        if (max <= 0) return 1;
        double exp = Math.pow(10, Math.floor(Math.log10(max)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * exp >= max) return m * exp;
        }
        return 10 * exp;
    }

    public static String number(double v) {
        double a = Math.abs(v);
        if (a == 0) return "0";
        if (a >= 1e12) return String.format(Locale.ROOT, "%,.1f trillion", v / 1e12);
        if (a >= 1e9) return String.format(Locale.ROOT, "%.1f billion", v / 1e9);
        if (a >= 1e6) return String.format(Locale.ROOT, "%.1f million", v / 1e6);
        if (a >= 1e4) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String plain(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String text(double x, double y, String anchor, String weight, String content) {
        return text(x, y, anchor, weight, "#222", content);
    }

    private static String text(double x, double y, String anchor, String weight, String fill, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-weight=\"%s\" fill=\"%s\">%s</text>",
                x, y, anchor, weight, fill, esc(content));
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
