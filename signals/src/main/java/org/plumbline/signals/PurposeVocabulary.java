package org.plumbline.signals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plumbline.core.domain.Purpose;
import org.plumbline.core.domain.Vocabulary;

/**
 * What usage each declared purpose implies, as the rules read it: the FOCUS service categories and the
 * recognised AI metrics an engagement declared for it is expected to use. Derived from core's
 * {@link Vocabulary} (resource {@code purposes.json}), the one home of the purposes, so that a
 * declaration and the rules that check it cannot disagree.
 */
public final class PurposeVocabulary {
    /** One expectation: purpose, kind ("category" or "metric") and value. */
    public record Expectation(String purpose, String kind, String value) {}

    private final List<Expectation> expectations;

    private PurposeVocabulary(List<Expectation> expectations) {
        this.expectations = List.copyOf(expectations);
    }

    /** The expectations of core's shipped vocabulary. */
    public static PurposeVocabulary shipped() {
        return of(Vocabulary.standard());
    }

    /** The expectations of a vocabulary's purposes: its service categories, then its metrics. */
    public static PurposeVocabulary of(Vocabulary vocabulary) {
        List<Expectation> out = new ArrayList<>();
        for (Purpose p : vocabulary.purposesAsListed()) {
            for (String c : p.expectedServiceCategories()) out.add(new Expectation(p.id(), "category", c));
            for (String m : p.expectedMetrics()) out.add(new Expectation(p.id(), "metric", m));
        }
        return new PurposeVocabulary(out);
    }

    public List<Expectation> expectations() {
        return expectations;
    }

    /** The declarable purposes, in the order purposes.json lists them. */
    public Set<String> purposes() {
        Set<String> out = new LinkedHashSet<>();
        for (Expectation e : expectations) out.add(e.purpose());
        return out;
    }

    /** The service categories each purpose implies. */
    public Map<String, Set<String>> expectedCategories() {
        return expected("category");
    }

    /** The recognised metrics each purpose implies. */
    public Map<String, Set<String>> expectedMetrics() {
        return expected("metric");
    }

    private Map<String, Set<String>> expected(String kind) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String p : purposes()) {
            Set<String> s = new LinkedHashSet<>();
            for (Expectation e : expectations) {
                if (e.kind().equals(kind) && e.purpose().equals(p)) s.add(e.value());
            }
            out.put(p, s);
        }
        return out;
    }
}
