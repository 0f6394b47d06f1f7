package org.plumbline.core.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme (RFC 8785, "JCS"): the one byte form of a JSON value that
 * Plumbline hashes, commits to and appends to the log.
 *
 * <p>Jackson is used only to parse text into a tree; the canonical serialisation is written here:
 * object members sorted by their names as UTF-16 code-unit sequences, no whitespace, strings
 * escaped exactly as ECMAScript's {@code JSON.stringify} does, numbers in ECMAScript's
 * {@code Number.prototype.toString} form (shortest round-trip digits), UTF-8 output.
 *
 * <p>Input outside I-JSON (RFC 7493) is refused with {@link IllegalArgumentException}: duplicate
 * member names, lone surrogates, NaN/Infinity and numbers that do not fit an IEEE-754 double.
 */
public final class CanonicalJson {
    private static final ObjectMapper PARSER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private CanonicalJson() {}

    /** The shared mapper used to build and parse record trees (strict: duplicate names refused). */
    public static ObjectMapper mapper() {
        return PARSER;
    }

    /** Parses JSON text strictly (no duplicate names, no trailing tokens). */
    public static JsonNode parse(String json) {
        try {
            return PARSER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Parses UTF-8 JSON bytes strictly. */
    public static JsonNode parse(byte[] json) {
        return parse(new String(json, StandardCharsets.UTF_8));
    }

    /** The canonical UTF-8 bytes of a JSON value. */
    public static byte[] canonicalize(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "$");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical form of JSON text. */
    public static byte[] canonicalize(String json) {
        return canonicalize(parse(json));
    }

    /** The canonical form as a Java string (for display and tests). */
    public static String canonicalString(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "$");
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out, String path) {
        switch (node.getNodeType()) {
            case NULL, MISSING -> out.append("null");
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NUMBER -> out.append(number(node, path));
            case STRING -> string(node.textValue(), out, path);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) out.append(',');
                    write(node.get(i), out, path + "[" + i + "]");
                }
                out.append(']');
            }
            case OBJECT -> {
                List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    members.add(it.next());
                }
                // String.compareTo compares UTF-16 code units, which is exactly JCS's sort order.
                members.sort(Map.Entry.comparingByKey());
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> member : members) {
                    if (!first) out.append(',');
                    first = false;
                    string(member.getKey(), out, path);
                    out.append(':');
                    write(member.getValue(), out, path + "." + member.getKey());
                }
                out.append('}');
            }
            default -> throw new IllegalArgumentException(path + ": not a JSON value: " + node.getNodeType());
        }
    }

    private static String number(JsonNode node, String path) {
        double d;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            d = (double) node.longValue();
        } else if (node.isBigDecimal() || node.isBigInteger()) {
            d = node.decimalValue().doubleValue();
        } else {
            d = node.doubleValue();
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(path + ": number " + node.asText()
                    + " is not representable as a finite IEEE-754 double (RFC 8785 section 3.2.2.3)");
        }
        return formatNumber(d);
    }

    /**
     * Formats a double as ECMAScript's Number::toString does (ECMA-262 7.1.12.1), as RFC 8785
     * requires. The shortest round-trip digits come from {@link Double#toString(double)}, which since
     * JDK 19 yields the shortest decimal that rounds to the double (choosing the closest one); only
     * the layout differs from ECMAScript, and that layout is applied here.
     */
    public static String formatNumber(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("NaN and Infinity have no JSON form (RFC 8785 section 3.2.2.3)");
        }
        if (value == 0) return "0"; // also -0
        String sign = value < 0 ? "-" : "";
        String java = Double.toString(Math.abs(value));
        int e = java.indexOf('E');
        String mantissa = e < 0 ? java : java.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        // n: the position of the decimal point relative to the digit string, value = 0.digits * 10^n
        int n = dot + exponent;
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') lead++;
        digits = digits.substring(lead);
        n -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') end--;
        digits = digits.substring(0, end);
        if (digits.length() == 2) {
            // Java always prints at least two significant digits ("4.9E-324") where ECMAScript prints
            // one ("5e-324") whenever a single digit already round-trips: try the two 1-digit neighbours.
            String shorter = oneDigit(Math.abs(value), digits, n);
            if (shorter != null) {
                n = shorter.charAt(0) == 'X' ? n + 1 : n;
                digits = shorter.substring(shorter.charAt(0) == 'X' ? 1 : 0);
            }
        }
        int k = digits.length();

        StringBuilder out = new StringBuilder(sign);
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) out.append('.').append(digits, 1, k);
            int exp = n - 1;
            out.append('e').append(exp < 0 ? '-' : '+').append(Math.abs(exp));
        }
        return out.toString();
    }

    /**
     * The single-digit decimal that round-trips to {@code abs} (closest one if two do, even digit on
     * a tie), or null. A result starting with 'X' means the digit carried into the next decade.
     */
    private static String oneDigit(double abs, String twoDigits, int n) {
        int d = twoDigits.charAt(0) - '0';
        java.math.BigDecimal exact = new java.math.BigDecimal(abs);
        String best = null;
        java.math.BigDecimal bestDistance = null;
        int bestDigit = -1;
        for (int candidate : new int[] {d, d + 1}) {
            int digit = candidate == 10 ? 1 : candidate;
            int exp = candidate == 10 ? n + 1 : n;
            java.math.BigDecimal decimal = new java.math.BigDecimal(java.math.BigInteger.valueOf(digit), -(exp - 1));
            if (decimal.doubleValue() != abs) continue;
            java.math.BigDecimal distance = decimal.subtract(exact).abs();
            int cmp = bestDistance == null ? -1 : distance.compareTo(bestDistance);
            if (cmp < 0 || (cmp == 0 && digit % 2 == 0 && bestDigit % 2 != 0)) {
                best = (candidate == 10 ? "X" : "") + digit;
                bestDistance = distance;
                bestDigit = digit;
            }
        }
        return best;
    }

    private static void string(String s, StringBuilder out, String path) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    out.append(c).append(s.charAt(++i));
                    continue;
                }
                throw new IllegalArgumentException(path + ": string has a lone surrogate at character " + i);
            }
            if (Character.isLowSurrogate(c)) {
                throw new IllegalArgumentException(path + ": string has a lone surrogate at character " + i);
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Serialises any Jackson-mappable value (e.g. a List or Map) canonically. */
    public static byte[] canonicalizeValue(Object value) {
        return canonicalize(PARSER.valueToTree(value));
    }

}
