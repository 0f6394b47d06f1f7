package org.plumbline.signals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A rule: metadata plus one SQL query over the profile tables (see docs/signals.md for the tables and
 * the result columns a rule must return). Rules are data files: {@code -- key: value} header lines
 * followed by the query. The SQL is kept to a subset DuckDB and Spark SQL both accept, so the same file
 * runs on both engines.
 *
 * @param appliesTo     purposes the rule applies to ("*" = every engagement, and accounts in none)
 * @param exemptPurposes an engagement declaring any of these is not flagged (the usage is what it declared)
 * @param evidence      template; {name} inserts a result column, {name:N} a number with N decimals,
 *                      {name:time} an epoch-seconds column as UTC time, {purposes} and {regions} the
 *                      engagement's declared ones
 */
public record Rule(String id, String title, String severity, String rationale, List<String> appliesTo,
                   List<String> exemptPurposes, String evidence, String sql) {
    static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");

    public Rule {
        appliesTo = List.copyOf(appliesTo);
        exemptPurposes = List.copyOf(exemptPurposes);
    }

    /** Whether the rule applies to an engagement with these purposes (null = account in no engagement). */
    boolean appliesTo(List<String> purposes) {
        if (purposes == null) return appliesTo.contains("*");
        for (String p : purposes) if (exemptPurposes.contains(p)) return false;
        if (appliesTo.contains("*")) return true;
        for (String p : purposes) if (appliesTo.contains(p)) return true;
        return false;
    }

    /** The rules shipped with Plumbline, in the order listed in rules/index.txt. */
    public static List<Rule> shipped() {
        List<Rule> out = new ArrayList<>();
        for (Tsv.Line l : Tsv.resource("rules/index.txt")) {
            String name = "rules/" + l.field(0).trim();
            try (InputStream in = Rule.class.getResourceAsStream(name)) {
                if (in == null) throw new IllegalStateException("missing rule resource " + name);
                out.add(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + name, e);
            }
        }
        return List.copyOf(out);
    }

    /** Reads a rule file (e.g. a provider's own rule). */
    public static Rule read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    static Rule parse(String text, String source) {
        String id = null, title = null, severity = null, evidence = null;
        StringBuilder rationale = new StringBuilder();
        List<String> applies = List.of("*"), exempt = List.of();
        StringBuilder sql = new StringBuilder();
        String[] lines = text.split("\n", -1);
        boolean header = true;
        String lastKey = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (header && line.startsWith("--")) {
                String body = line.substring(2).strip();
                if (body.isEmpty()) {
                    // A bare "--" ends the header; what follows is commentary and SQL.
                    header = false;
                    sql.append(line).append('\n');
                    continue;
                }
                int colon = body.indexOf(':');
                String key = colon > 0 && body.substring(0, colon).matches("[a-z-]+") ? body.substring(0, colon) : null;
                if (key == null) {
                    // Continuation of the previous field (long rationale or evidence lines).
                    if ("rationale".equals(lastKey)) rationale.append(' ').append(body);
                    else if ("evidence".equals(lastKey) && !body.isEmpty()) evidence = evidence + " " + body;
                    continue;
                }
                String value = body.substring(colon + 1).strip();
                lastKey = key;
                switch (key) {
                    case "id" -> id = value;
                    case "title" -> title = value;
                    case "severity" -> severity = value.toLowerCase(Locale.ROOT);
                    case "rationale" -> rationale.append(value);
                    case "applies-to" -> applies = list(value);
                    case "exempt-purposes" -> exempt = list(value);
                    case "evidence" -> evidence = value;
                    default -> throw new IllegalArgumentException(source + " line " + (i + 1) + ": unknown header field " + key);
                }
                continue;
            }
            header = false;
            sql.append(line).append('\n');
        }
        for (String[] f : new String[][] {{"id", id}, {"title", title}, {"severity", severity}, {"evidence", evidence}}) {
            if (f[1] == null || f[1].isBlank()) throw new IllegalArgumentException(source + ": header field " + f[0] + " is required");
        }
        if (!SEVERITIES.contains(severity)) throw new IllegalArgumentException(source + ": severity must be one of " + SEVERITIES);
        String q = sql.toString().strip();
        if (q.endsWith(";")) q = q.substring(0, q.length() - 1);
        if (q.isEmpty()) throw new IllegalArgumentException(source + ": no SQL after the header");
        return new Rule(id, title, severity, rationale.toString(), applies, exempt, evidence, q);
    }

    private static List<String> list(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) if (!s.isBlank()) out.add(s.strip());
        return out;
    }
}
