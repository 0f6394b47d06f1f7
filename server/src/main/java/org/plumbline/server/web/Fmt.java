package org.plumbline.server.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.plumbline.core.domain.Wire;
import org.plumbline.server.api.FindingChart;
import org.plumbline.server.api.Views;

/** Formatting for the templates: UTC times, wire names, sizes, deadlines in words. */
final class Fmt {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private Fmt() {
    }

    static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    static String date(Instant t) {
        return t == null ? "" : DATE.format(t);
    }

    static String wire(Enum<?> e) {
        return e == null ? "" : Wire.name(e);
    }

    static String words(Enum<?> e) {
        return e == null ? "" : Wire.name(e).replace('-', ' ');
    }

    static String join(List<String> items) {
        return items == null ? "" : String.join(", ", items);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }

    /** "due in 3 days", "due in 5 hours", "2 days overdue". */
    static String due(Instant due, Instant now) {
        Duration d = Duration.between(now, due);
        return d.isNegative() ? span(d.abs()) + " overdue" : "due in " + span(d);
    }

    /** "3 hours ago". */
    static String ago(Instant then, Instant now) {
        return span(Duration.between(then, now).abs()) + " ago";
    }

    private static String span(Duration d) {
        return d.toDays() >= 1 ? d.toDays() + (d.toDays() == 1 ? " day" : " days")
                : d.toHours() >= 1 ? d.toHours() + (d.toHours() == 1 ? " hour" : " hours") : d.toMinutes() + " min";
    }

    static String relation(org.plumbline.core.domain.Relation r) {
        return switch (r) {
            case CAUSE -> "the provider would cause the harm";
            case CONTRIBUTE -> "the provider would contribute to the harm";
            case DIRECTLY_LINKED -> "the provider is directly linked to the harm through its services";
        };
    }

    static String severity(Integer s) {
        return s == null ? "unassessed" : "severity " + s;
    }

    static String severityClass(Integer s) {
        return s == null ? "badge" : "badge sev-" + s;
    }

    /** Bytes in decimal units, as providers bill storage: "2.06 PB", "512 GB". */
    static String bytes(double b) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        int i = 0;
        while (Math.abs(b) >= 1000 && i < units.length - 1) {
            b /= 1000;
            i++;
        }
        return (i == 0 ? String.format(java.util.Locale.ROOT, "%.0f", b) : String.format(java.util.Locale.ROOT, "%.2f", b))
                + " " + units[i];
    }

    /** "1,234,567" */
    static String count(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    /** "12,345.68": a cost in the export's billing currency, to the cent. */
    static String money(java.math.BigDecimal amount) {
        return amount == null ? "" : String.format(java.util.Locale.ROOT, "%,.2f", amount);
    }

    private static final java.util.Map<String, String> AI_METRIC_WORDS = java.util.Map.of(
            "speech_to_text_hours", "audio-hours transcribed",
            "translation_characters", "characters translated",
            "model_tokens", "model tokens");

    /** "7.8M audio-hours transcribed; 24,013 characters translated", or "none". */
    static String aiUse(java.util.Map<String, Double> use) {
        if (use == null || use.isEmpty()) {
            return "none";
        }
        return use.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> FindingChart.number(e.getValue()) + " " + AI_METRIC_WORDS.getOrDefault(e.getKey(), e.getKey()))
                .collect(java.util.stream.Collectors.joining("; "));
    }

    static String proof(long logIndex) {
        return Views.proofUrl(logIndex);
    }
}
