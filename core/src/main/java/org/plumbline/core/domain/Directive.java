package org.plumbline.core.domain;

import java.time.Instant;
import java.util.List;

/**
 * An instruction to enforcement systems, issued by a suspend/terminate decision.
 *
 * <p>{@code payload} is the RFC 8785 canonical JSON of the directive and {@code signature} the
 * Ed25519 signature over exactly those bytes (see {@link DirectiveSigner}). {@code cursor} is the
 * directive's log index: machine clients fetch directives with cursor greater than the last one
 * they saw, which never skips one (log indices commit in order).
 *
 * @param ack the acknowledgement, or null while unacknowledged
 */
public record Directive(long id, long decisionId, long engagementId, DirectiveAction action, List<String> accounts,
        List<String> services, Instant effectiveAt, Instant ackDeadline, byte[] payload, byte[] signature,
        Instant issuedAt, long cursor, Acknowledgement ack) {

    /** Unacknowledged past its deadline at {@code now}. */
    public boolean overdue(Instant now) {
        return ack == null && now.isAfter(ackDeadline);
    }

    /** The record subject naming this directive, e.g. {@code directive/4}. */
    public String subject() {
        return "directive/" + id;
    }
}
