package org.plumbline.signals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a rule's evidence template from a result row (see {@link Rule} for the placeholders): the
 * sentence a reviewer reads. Not to be confused with core's {@code Evidence}, a file attached to a case.
 */
final class EvidenceTemplate {
    private EvidenceTemplate() {}

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_0-9]+)(?::([a-z0-9]+))?}");

    static String format(String template, Map<String, Object> row, List<String> purposes, List<String> regions) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1), fmt = m.group(2);
            String value;
            if (name.equals("purposes")) value = purposes == null ? "(no engagement)" : String.join(", ", purposes);
            else if (name.equals("regions")) value = regions == null || regions.isEmpty() ? "(none declared)" : String.join(", ", regions);
            else if (!row.containsKey(name)) value = "{" + name + "?}";
            else value = render(row.get(name), fmt);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String render(Object v, String fmt) {
        if (v == null) return "n/a";
        if (fmt == null) return v instanceof Number n ? number(n, 2) : v.toString();
        if (fmt.equals("time")) return Instant.ofEpochSecond(((Number) v).longValue()).toString();
        if (fmt.matches("\\d")) return v instanceof Number n ? number(n, Integer.parseInt(fmt)) : v.toString();
        throw new IllegalArgumentException("unknown evidence format :" + fmt);
    }

    private static String number(Number n, int decimals) {
        BigDecimal b = n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
        DecimalFormat f = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(b.setScale(decimals, RoundingMode.HALF_UP));
    }
}
