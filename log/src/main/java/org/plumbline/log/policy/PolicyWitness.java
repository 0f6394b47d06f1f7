package org.plumbline.log.policy;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.plumbline.log.note.VerifierKey;

/**
 * A {@code witness <name> <vkey> [<url>]} line of a tlog-policy: the name the policy's groups use,
 * the cosigner key, and, if given, the witness's submission prefix, to which a log client POSTs
 * {@code add-checkpoint} (C2SP tlog-witness). A policy used only to verify needs no URLs; one used
 * to get checkpoints cosigned needs them for the witnesses it should ask.
 *
 * @param name the name as written (octets shown as UTF-8 where possible)
 * @param key the witness's cosignature key (type 0x04)
 * @param url the submission prefix: absolute, {@code http} or {@code https}, no query or fragment
 */
public record PolicyWitness(String name, VerifierKey key, Optional<URI> url) {
    public PolicyWitness {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(url, "url");
    }

    /** {@code <url>/add-checkpoint}, the one endpoint of tlog-witness v1.0.0, under the prefix. */
    public Optional<URI> addCheckpoint() {
        return url.map(u -> {
            String s = u.toString();
            return URI.create((s.endsWith("/") ? s : s + "/") + "add-checkpoint");
        });
    }
}
