package org.plumbline.signals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plumbline.core.domain.Finding;

/**
 * The generator's answer key ({@code ground-truth.json}): which rule should flag which account. Scores a
 * scan's findings against it as precision and recall over (rule, account) pairs.
 */
public record GroundTruth(Set<Pair> expected) {
    public record Pair(String rule, String account) {}

    /** Counts for one rule (or all rules: rule "*"). */
    public record Score(String rule, int truePositives, int falsePositives, int falseNegatives) {
        public double precision() {
            return truePositives + falsePositives == 0 ? 1.0 : truePositives / (double) (truePositives + falsePositives);
        }

        public double recall() {
            return truePositives + falseNegatives == 0 ? 1.0 : truePositives / (double) (truePositives + falseNegatives);
        }
    }

    public GroundTruth {
        expected = Set.copyOf(expected);
    }

    public static GroundTruth read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        Set<Pair> pairs = new LinkedHashSet<>();
        for (JsonNode e : root.path("expected")) pairs.add(new Pair(e.path("rule").asText(), e.path("account").asText()));
        return new GroundTruth(pairs);
    }

    /** Scores per rule (for every rule given), then overall (rule "*") last. */
    public List<Score> score(List<Finding> findings, List<Rule> rules) {
        Set<Pair> found = new LinkedHashSet<>();
        for (Finding f : findings) found.add(new Pair(f.rule(), f.account()));
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Rule r : rules) counts.put(r.id(), new int[3]);
        for (Pair p : found) counts.computeIfAbsent(p.rule(), k -> new int[3])[expected.contains(p) ? 0 : 1]++;
        for (Pair p : expected) if (!found.contains(p)) counts.computeIfAbsent(p.rule(), k -> new int[3])[2]++;
        List<Score> out = new ArrayList<>();
        int[] all = new int[3];
        for (var e : counts.entrySet()) {
            out.add(new Score(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]));
            for (int i = 0; i < 3; i++) all[i] += e.getValue()[i];
        }
        out.add(new Score("*", all[0], all[1], all[2]));
        return out;
    }
}
