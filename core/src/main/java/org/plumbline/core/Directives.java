package org.plumbline.core;

import org.plumbline.core.domain.ConflictException;
import org.plumbline.core.domain.NotFoundException;
import org.plumbline.core.domain.ValidationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.plumbline.core.domain.AckOutcome;
import org.plumbline.core.domain.Acknowledgement;
import org.plumbline.core.domain.Decision;
import org.plumbline.core.domain.DecisionKind;
import org.plumbline.core.domain.Directive;
import org.plumbline.core.domain.DirectiveAction;
import org.plumbline.core.domain.Engagement;
import org.plumbline.core.domain.Wire;
import org.plumbline.core.record.CanonicalJson;
import org.plumbline.core.record.LogRecord;
import org.plumbline.log.hash.Sha256;

/**
 * Directives for enforcement systems. Machine clients page through them with {@link #since} and
 * acknowledge each with {@link #acknowledge}; {@link #overdue} lists those unacknowledged past
 * their deadline.
 *
 * <p>Clients receive a directive as soon as it is issued and carry it out at its {@code effective}
 * time (a decision may give notice). A directive's payload is the canonical JSON
 * {@code {"accounts":[…],"ackDeadline":…,"action":"suspend","decision":"decision/N","directive":"directive/N",
 * "effective":…,"engagement":"<reference>","issuer":"plumbline","services":[…]}}, signed with
 * Ed25519 over exactly those bytes; {@link #publicKey()} is the key to verify with.
 */
public final class Directives {
    private final Core core;

    Directives(Core core) {
        this.core = core;
    }

    /** Issues the directive carrying out a suspend/terminate decision, inside the caller's transaction. */
    Directive issue(Handle h, Decision d, Engagement e, String actor, Instant now, Instant effective) {
        long id = DirectiveStore.nextId(h);
        DirectiveAction action = d.kind() == DecisionKind.TERMINATE ? DirectiveAction.TERMINATE : DirectiveAction.SUSPEND;
        Instant deadline = effective.plus(core.config().ackWindow());
        ObjectNode payload = CanonicalJson.mapper().createObjectNode();
        payload.put("issuer", "plumbline");
        payload.put("directive", "directive/" + id);
        payload.put("decision", "decision/" + d.id());
        payload.put("engagement", e.reference());
        payload.put("action", Wire.name(action));
        payload.set("accounts", CanonicalJson.mapper().valueToTree(d.accounts()));
        payload.set("services", CanonicalJson.mapper().valueToTree(d.services()));
        payload.put("effective", LogRecord.formatTime(effective));
        payload.put("ackDeadline", LogRecord.formatTime(deadline));
        byte[] bytes = CanonicalJson.canonicalize(payload);
        byte[] signature = core.signer().sign(bytes);
        long idx = LogEntries.append(h, core.seal(LogRecord.builder("directive.issued", "directive/" + id, actor, now)
                .field("directive", payload)
                .field("signature", Sha256.hex(signature))
                .field("publicKey", Sha256.hex(core.signer().publicKey()))));
        Directive directive = new Directive(id, d.id(), e.id(), action, d.accounts(), d.services(), effective, deadline,
                bytes, signature, now, idx, null);
        DirectiveStore.insert(h, directive);
        return directive;
    }

    /**
     * Up to {@code limit} directives after {@code cursor} (use 0… or -1 for "from the start"), oldest
     * first. The next call passes {@link Page#nextCursor()}. No directive is ever skipped: cursors are
     * log indices, which commit in order.
     */
    public Page since(long cursor, int limit) {
        if (limit < 1 || limit > 1000) throw ValidationException.of("limit", "must be from 1 to 1000");
        List<Directive> list = core.db().withHandle(h -> DirectiveStore.since(h, cursor, limit));
        return new Page(list, list.isEmpty() ? cursor : list.get(list.size() - 1).cursor());
    }

    /** The {@code limit} (1–1000) newest directives, newest first: what people look at; machines page with {@link #since}. */
    public List<Directive> newest(int limit) {
        if (limit < 1 || limit > 1000) throw ValidationException.of("limit", "must be from 1 to 1000");
        return core.db().withHandle(h -> DirectiveStore.newest(h, limit));
    }

    public Directive get(long id) {
        return core.db().withHandle(h -> DirectiveStore.get(h, id)).orElseThrow(() -> new NotFoundException("directive/" + id));
    }

    public List<Directive> forEngagement(long engagementId) {
        return core.db().withHandle(h -> DirectiveStore.forEngagement(h, engagementId));
    }

    /** Unacknowledged directives past their acknowledgement deadline. */
    public List<Directive> overdue() {
        return core.db().withHandle(h -> DirectiveStore.overdue(h, core.now()));
    }

    /**
     * Records an enforcement system's acknowledgement (appends {@code directive.acknowledged}).
     *
     * @param client the machine client's account
     * @throws ConflictException if the directive was already acknowledged
     */
    public Directive acknowledge(long id, String client, AckOutcome outcome, String detail) {
        new ValidationException.Collector()
                .check(outcome == null, "outcome", "is required (applied or failed)")
                .check(detail != null && detail.length() > 2000, "detail", "must be at most 2000 characters")
                .throwIfAny();
        String text = detail == null ? "" : detail;
        return core.db().inTransaction(h -> {
            Directive d = DirectiveStore.lock(h, id).orElseThrow(() -> new NotFoundException("directive/" + id));
            if (d.ack() != null) {
                throw new ConflictException(d.subject(), "already acknowledged by " + d.ack().client() + " at " + d.ack().at());
            }
            Instant now = core.now();
            long idx = LogEntries.append(h, core.seal(LogRecord.builder("directive.acknowledged", d.subject(), client, now)
                    .field("outcome", Wire.name(outcome))
                    .field("detail", text)
                    .field("late", now.isAfter(d.ackDeadline()))));
            DirectiveStore.insertAck(h, id, new Acknowledgement(client, outcome, text, now, idx));
            return DirectiveStore.get(h, id).orElseThrow();
        });
    }

    /** The raw Ed25519 public key directives are signed with. */
    public byte[] publicKey() {
        return core.signer().publicKey();
    }

    /** A page of directives and the cursor to continue from. */
    public record Page(List<Directive> directives, long nextCursor) {}
}
