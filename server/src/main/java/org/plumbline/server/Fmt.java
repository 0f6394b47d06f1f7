package org.plumbline.server;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.plumbline.core.domain.Wire;

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
        boolean late = d.isNegative();
        d = d.abs();
        String amount = d.toDays() >= 1 ? d.toDays() + (d.toDays() == 1 ? " day" : " days")
                : d.toHours() >= 1 ? d.toHours() + (d.toHours() == 1 ? " hour" : " hours") : d.toMinutes() + " min";
        return late ? amount + " overdue" : "due in " + amount;
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

    static String proof(long logIndex) {
        return Views.proofUrl(logIndex);
    }
}
