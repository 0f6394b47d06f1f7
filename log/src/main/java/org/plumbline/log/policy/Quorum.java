package org.plumbline.log.policy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.plumbline.log.note.VerifierKey;

/**
 * A quorum rule of a tlog-policy: nobody ({@code none}), one witness, or k of n members, each a
 * witness or a group defined earlier (so the rule is a tree, never a cycle).
 */
sealed interface Quorum {
    /** True if the witnesses whose cosignatures verified satisfy this rule. */
    boolean satisfiedBy(Set<VerifierKey> cosigners);

    /** A human-readable statement of the rule, for error messages. */
    String describe();

    String name();

    record None() implements Quorum {
        @Override
        public boolean satisfiedBy(Set<VerifierKey> cosigners) {
            return true;
        }

        @Override
        public String describe() {
            return "none";
        }

        @Override
        public String name() {
            return "none";
        }
    }

    record Witness(String name, VerifierKey key) implements Quorum {
        @Override
        public boolean satisfiedBy(Set<VerifierKey> cosigners) {
            return cosigners.contains(key);
        }

        @Override
        public String describe() {
            return name;
        }
    }

    record Group(String name, int threshold, List<Quorum> members) implements Quorum {
        public Group {
            members = List.copyOf(members);
        }

        @Override
        public boolean satisfiedBy(Set<VerifierKey> cosigners) {
            int met = 0;
            for (Quorum m : members) {
                if (m.satisfiedBy(cosigners) && ++met >= threshold) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String describe() {
            return name + " = " + threshold + " of ("
                    + members.stream().map(m -> m instanceof Group ? "(" + m.describe() + ")" : m.describe())
                            .collect(Collectors.joining(", "))
                    + ")";
        }
    }
}
