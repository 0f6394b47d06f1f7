package org.plumbline.signals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the SQL that parses each column according to how the file types it: CSV cells arrive as
 * text (the literal NULL is a counted deviation, not a value), Parquet columns arrive typed.
 */
final class ColumnParsing {
    static final String DEC = "DECIMAL(38,12)";

    /** A validation: per-row predicate that is true when the value is invalid, and what is wrong. */
    record Check(String column, String badPredicate, String problem, String badCount) {
        Check(String column, String badPredicate, String problem) {
            this(column, badPredicate, problem, "sum(CASE WHEN " + badPredicate + " THEN 1 ELSE 0 END)");
        }
    }

    private final Map<String, String> types;
    private final List<Check> checks;
    private final List<String> nullLiteralTerms;
    private final List<String> isoTerms;
    private final Map<String, Long> fileLevel;
    private final String file;
    private final boolean csv;
    private final Map<String, String> done = new LinkedHashMap<>();

    ColumnParsing(Map<String, String> types, List<Check> checks, List<String> nullTerms, List<String> isoTerms,
                  Map<String, Long> fileLevel, String file, boolean csv) {
        this.csv = csv;
        this.types = types;
        this.checks = checks;
        this.nullLiteralTerms = nullTerms;
        this.isoTerms = isoTerms;
        this.fileLevel = fileLevel;
        this.file = file;
    }

    static String quote(String column) {
        return "\"" + column.replace("\"", "\"\"") + "\"";
    }

    private boolean text(String column) {
        return "VARCHAR".equals(types.get(column));
    }

    /**
     * The column's value. In CSV the literal NULL is read as null (a deviation, counted once per column);
     * in Parquet a string is what it says, and a null is a null.
     */
    String value(String column) {
        String q = quote(column);
        if (!csv || !text(column)) return q;
        if (done.putIfAbsent("null:" + column, "") == null) {
            nullLiteralTerms.add("CASE WHEN " + q + " = 'NULL' THEN 1 ELSE 0 END");
        }
        return "NULLIF(" + q + ", 'NULL')";
    }

    /**
     * The column as text: FOCUS's identifiers and names are strings, but a Parquet writer may type one
     * as a number (an account id, say); the profile keeps them as text either way.
     */
    String asText(String column) {
        if (!types.containsKey(column)) return "CAST(NULL AS VARCHAR)";
        return text(column) ? value(column) : "CAST(" + quote(column) + " AS VARCHAR)";
    }

    String decimal(String column) throws FocusFormatException {
        String cached = done.get("dec:" + column);
        if (cached != null) return cached;
        String type = types.get(column);
        String expr;
        if (text(column)) {
            String v = value(column);
            expr = "TRY_CAST(" + v + " AS " + DEC + ")";
            checks.add(new Check(column, "(" + v + " IS NOT NULL AND " + expr + " IS NULL)", "not a decimal number"));
        } else if (type.startsWith("DECIMAL") || type.matches("U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?")) {
            expr = quote(column);
        } else if (type.matches("DOUBLE|FLOAT|REAL")) {
            // Floating-point money in a file: made exact decimal per row, before anything is summed.
            expr = "CAST(" + quote(column) + " AS " + DEC + ")";
        } else {
            throw new FocusFormatException(file, 0, column, "has type " + type + "; expected a decimal number");
        }
        done.put("dec:" + column, expr);
        return expr;
    }

    String timestamp(String column) throws FocusFormatException {
        String cached = done.get("ts:" + column);
        if (cached != null) return cached;
        String type = types.get(column);
        String expr;
        if (text(column)) {
            String v = value(column);
            expr = "TRY_CAST(" + v + " AS TIMESTAMPTZ)";
            // An explicit offset other than UTC changes the instant: FOCUS requires UTC, so it is an error.
            checks.add(new Check(column, "(" + v + " IS NOT NULL AND (" + expr + " IS NULL OR CAST(" + expr
                    + " AS TIMESTAMP) <> TRY_CAST(" + v + " AS TIMESTAMP)))",
                    "not a UTC timestamp (FOCUS: YYYY-MM-DDTHH:MM:SSZ)"));
            isoTerms.add("CASE WHEN " + v + " IS NOT NULL AND NOT (" + v + " LIKE '____-__-__T%Z') THEN 1 ELSE 0 END");
        } else if (type.equals("TIMESTAMP WITH TIME ZONE")) {
            expr = quote(column);
        } else if (type.startsWith("TIMESTAMP") || type.equals("DATE")) {
            expr = "CAST(" + quote(column) + " AS TIMESTAMPTZ)";
            fileLevel.put(FocusSchema.deviationTimestampWithoutZone(column), -1L);
        } else {
            throw new FocusFormatException(file, 0, column, "has type " + type + "; expected a UTC timestamp");
        }
        done.put("ts:" + column, expr);
        return expr;
    }
}
