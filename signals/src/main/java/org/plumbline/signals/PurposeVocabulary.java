package org.plumbline.signals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declared-purpose vocabulary and the usage each purpose implies (resource {@code purposes.tsv}).
 * Shared with core: a declaration may only name purposes listed here.
 */
public final class PurposeVocabulary {
    /** One expectation: purpose (or "*" for every purpose), kind ("category" or "metric") and value. */
    public record Expectation(String purpose, String kind, String value) {}

    private final List<Expectation> expectations;

    private PurposeVocabulary(List<Expectation> expectations) {
        this.expectations = List.copyOf(expectations);
    }

    public static PurposeVocabulary shipped() {
        List<Expectation> out = new ArrayList<>();
        for (Tsv.Line l : Tsv.resource("purposes.tsv")) {
            String kind = l.field(1).trim();
            if (!kind.equals("category") && !kind.equals("metric")) {
                throw new IllegalStateException(l.source() + " line " + l.number() + ": kind must be category or metric");
            }
            out.add(new Expectation(l.field(0).trim(), kind, l.field(2).trim()));
        }
        return new PurposeVocabulary(out);
    }

    public List<Expectation> expectations() {
        return expectations;
    }

    /** The declarable purposes, in file order. */
    public Set<String> purposes() {
        Set<String> out = new LinkedHashSet<>();
        for (Expectation e : expectations) if (!e.purpose().equals("*")) out.add(e.purpose());
        return out;
    }

    /** Categories and metrics each purpose implies, "*" included under every purpose. */
    public Map<String, Set<String>> expectedCategories() {
        return expected("category");
    }

    public Map<String, Set<String>> expectedMetrics() {
        return expected("metric");
    }

    private Map<String, Set<String>> expected(String kind) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String p : purposes()) {
            Set<String> s = new LinkedHashSet<>();
            for (Expectation e : expectations) {
                if (e.kind().equals(kind) && (e.purpose().equals(p) || e.purpose().equals("*"))) s.add(e.value());
            }
            out.put(p, s);
        }
        return out;
    }
}
