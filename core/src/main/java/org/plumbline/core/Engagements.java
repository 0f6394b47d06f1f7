package org.plumbline.core;

import org.plumbline.core.domain.ConflictException;
import org.plumbline.core.domain.NotFoundException;
import org.plumbline.core.domain.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.plumbline.core.domain.Declaration;
import org.plumbline.core.domain.Engagement;
import org.plumbline.core.domain.EngagementStatus;
import org.plumbline.core.domain.EngagementVersion;
import org.plumbline.core.domain.Vocabulary;
import org.plumbline.core.record.LogRecord;

/**
 * Engagements and their declaration history. {@link #declare} creates version 1 and appends
 * {@code engagement.declared}; {@link #amend} adds the next version and appends
 * {@code engagement.amended}. Versions are never changed.
 */
public final class Engagements {
    private final Core core;

    Engagements(Core core) {
        this.core = core;
    }

    /** The vocabulary declarations are checked against (for forms and the API). */
    public Vocabulary vocabulary() {
        return core.config().vocabulary();
    }

    /**
     * Declares a new engagement for a customer.
     *
     * @param reference the provider's public handle, unique, e.g. {@code ENG-2026-0007}
     * @throws ValidationException on bad fields, an unknown customer or a reference already in use
     */
    public EngagementVersion declare(long customerId, String reference, Declaration declaration, String actor) {
        ValidationException.Collector errors = new ValidationException.Collector();
        errors.check(reference == null || !reference.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}"), "reference",
                "must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        errors.throwIfAny();
        declaration.validate(vocabulary());
        try {
            return insert(customerId, reference, declaration, actor);
        } catch (RuntimeException e) {
            // two declarations of one reference raced past the check: the unique index decides
            if (Database.isUniqueViolation(e)) {
                throw ValidationException.of("reference", "reference '" + reference + "' is already in use");
            }
            throw e;
        }
    }

    private EngagementVersion insert(long customerId, String reference, Declaration declaration, String actor) {
        return core.db().inTransaction(h -> {
            if (CustomerStore.get(h, customerId).isEmpty()) {
                throw ValidationException.of("customerId", "no customer " + customerId);
            }
            if (EngagementStore.byReference(h, reference).isPresent()) {
                throw ValidationException.of("reference", "reference '" + reference + "' is already in use");
            }
            long id = EngagementStore.nextId(h);
            Instant now = core.now();
            LogRecord.Sealed sealed = core.seal(declarationRecord("engagement.declared", id, reference, customerId, 1,
                    declaration, actor, now));
            long idx = LogEntries.append(h, sealed);
            EngagementStore.insertHead(h, new Engagement(id, reference, customerId, 1, EngagementStatus.ACTIVE, null,
                    core.config().reviews().next(now, null), now));
            EngagementVersion v = new EngagementVersion(id, 1, declaration, actor, now, idx);
            EngagementStore.insertVersion(h, v);
            return v;
        });
    }

    /**
     * Amends an engagement: its declaration becomes {@code expectedVersion + 1}.
     *
     * @param expectedVersion the version the amendment was made against
     * @throws ConflictException if the engagement has been amended since {@code expectedVersion}
     * @throws ValidationException on bad fields or a terminated engagement
     */
    public EngagementVersion amend(long engagementId, int expectedVersion, Declaration declaration, String actor) {
        declaration.validate(vocabulary());
        return core.db().inTransaction(h -> {
            Engagement head = EngagementStore.lock(h, engagementId)
                    .orElseThrow(() -> new NotFoundException("engagement/" + engagementId));
            if (head.version() != expectedVersion) {
                throw new ConflictException(head.subject(), expectedVersion, head.version());
            }
            if (head.status() == EngagementStatus.TERMINATED) {
                throw ValidationException.of("engagementId", "engagement " + head.reference() + " is terminated");
            }
            int next = head.version() + 1;
            Instant now = core.now();
            LogRecord.Sealed sealed = core.seal(declarationRecord("engagement.amended", engagementId, head.reference(),
                    head.customerId(), next, declaration, actor, now));
            long idx = LogEntries.append(h, sealed);
            EngagementVersion v = new EngagementVersion(engagementId, next, declaration, actor, now, idx);
            EngagementStore.insertVersion(h, v);
            EngagementStore.setVersion(h, engagementId, next);
            return v;
        });
    }

    private static LogRecord.Builder declarationRecord(String type, long id, String reference, long customerId,
            int version, Declaration d, String actor, Instant now) {
        return LogRecord.builder(type, "engagement/" + id, actor, now)
                .field("reference", reference)
                .field("customer", "customer/" + customerId)
                .field("version", version)
                .field("accounts", d.accounts())
                .field("billingAccount", d.billingAccount())
                .field("services", d.services())
                .field("regions", d.regions())
                .field("purposes", d.purposes())
                .field("dataCategories", d.dataCategories())
                .field("acknowledgedProhibitedUses", d.acknowledgedProhibitedUses())
                .field("attestation", d.attestation().statement())
                .confidential("contractReference", d.contractReference())
                .confidential("attestedBy", d.attestation().accountManager());
    }

    public Engagement get(long id) {
        return core.db().withHandle(h -> EngagementStore.get(h, id))
                .orElseThrow(() -> new NotFoundException("engagement/" + id));
    }

    public Optional<Engagement> byReference(String reference) {
        return core.db().withHandle(h -> EngagementStore.byReference(h, reference));
    }

    public List<Engagement> list() {
        return core.db().withHandle(EngagementStore::list);
    }

    public List<Engagement> forCustomer(long customerId) {
        return core.db().withHandle(h -> EngagementStore.forCustomer(h, customerId));
    }

    /** The current declaration. */
    public EngagementVersion current(long id) {
        return core.db().withHandle(h -> current(h, id));
    }

    static EngagementVersion current(Handle h, long id) {
        Engagement e = EngagementStore.get(h, id).orElseThrow(() -> new NotFoundException("engagement/" + id));
        return EngagementStore.version(h, id, e.version()).orElseThrow();
    }

    /** One version of the declaration. */
    public EngagementVersion version(long id, int version) {
        return core.db().withHandle(h -> EngagementStore.version(h, id, version))
                .orElseThrow(() -> new NotFoundException("engagement/" + id + "/version/" + version));
    }

    /** Every version, oldest first. */
    public List<EngagementVersion> history(long id) {
        get(id);
        return core.db().withHandle(h -> EngagementStore.history(h, id));
    }
}
