package org.plumbline.cli;

import java.time.Duration;
import java.util.Locale;

/** How {@code demo --scan-interval} and {@code serve}'s {@code scan-interval} setting are written. */
final class ScanInterval {
    private ScanInterval() {}

    /** "24h", "30m", "7d", "90s", an ISO-8601 duration ("PT6H"), or "0"/"off" for no scheduled scans. */
    static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("0") || t.equals("off")) return Duration.ZERO;
        try {
            if (t.startsWith("p")) return positive(Duration.parse(t.toUpperCase(Locale.ROOT)), text);
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return positive(switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException("unit");
            }, text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an interval: \"" + text + "\" (use e.g. 24h, 30m, 7d, PT6H, or off)");
        }
    }

    private static Duration positive(Duration d, String text) {
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(text);
        return d;
    }
}
