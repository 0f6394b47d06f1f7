package org.plumbline.log.note;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A note whose signatures were checked: its text, and one entry for each trusted key that signed
 * it validly (in order of first appearance; a key that signed more than once is listed once).
 */
public record VerifiedNote(String text, List<Signer> signers) {
    public VerifiedNote {
        Objects.requireNonNull(text, "text");
        signers = List.copyOf(signers);
    }

    /** A trusted key whose signature verified; timestamp is present for cosignatures only. */
    public record Signer(VerifierKey key, OptionalLong timestamp) {
        public Signer {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(timestamp, "timestamp");
        }
    }

    /** True if key is among the keys whose signatures verified. */
    public boolean signedBy(VerifierKey key) {
        return signers.stream().anyMatch(s -> s.key().equals(key));
    }
}
