package org.plumbline.core;

import org.plumbline.core.domain.ValidationException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.plumbline.core.domain.DirectiveSigner;
import org.plumbline.core.record.LogRecord;
import org.plumbline.core.record.RecordTooLargeException;

/**
 * The entry point of the domain: the services, each operation one all-or-nothing transaction that
 * writes its domain rows and appends its log record(s) together.
 *
 * <pre>{@code
 * Database db = Database.embedded(dataDir, true).migrate();
 * Core core = new Core(db, DirectiveSigner.loadOrCreate(dataDir.resolve("directive.key")), CoreConfig.standard());
 * core.engagements().declare(...);
 * }</pre>
 *
 * <p>Every method taking an {@code actor} records it as the record's actor: pass the account
 * identifier of the signed-in user or machine client (never a person's name).
 */
public final class Core {
    private final Database db;
    private final CoreConfig config;
    private final DirectiveSigner signer;
    private final SecureRandom random = new SecureRandom();
    private final LogEntries log;
    private final Customers customers;
    private final Engagements engagements;
    private final Cases cases;
    private final Directives directives;
    private final Reviews reviews;
    private final Records records;
    private final Findings findings;
    private final Concerns concerns;

    public Core(Database db, DirectiveSigner signer, CoreConfig config) {
        this.db = db;
        this.config = config;
        this.signer = signer;
        this.log = new LogEntries(db);
        this.customers = new Customers(this);
        this.engagements = new Engagements(this);
        this.directives = new Directives(this);
        this.cases = new Cases(this);
        this.reviews = new Reviews(this);
        this.records = new Records(this);
        this.findings = new Findings(this);
        this.concerns = new Concerns(this);
    }

    public Customers customers() {
        return customers;
    }

    public Engagements engagements() {
        return engagements;
    }

    public Cases cases() {
        return cases;
    }

    public Directives directives() {
        return directives;
    }

    public Reviews reviews() {
        return reviews;
    }

    /** Findings of usage-signals scans: each recorded as {@code finding.raised}, opening or joining a case. */
    public Findings findings() {
        return findings;
    }

    /** Reports of concerns from the intake: encrypted, answered, proved by {@code concern.received}. */
    public Concerns concerns() {
        return concerns;
    }

    /** Log lookups (a record's index for its proof) and reveals of confidential fields. */
    public Records records() {
        return records;
    }

    /** The log entries for the integrator. */
    public SequencedEntries entries() {
        return log;
    }

    public CoreConfig config() {
        return config;
    }

    Database db() {
        return db;
    }

    LogEntries log() {
        return log;
    }

    DirectiveSigner signer() {
        return signer;
    }

    /** Now, at the millisecond precision records carry. */
    Instant now() {
        return config.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Commits and serialises a record (fresh salts). A record too big for the log is bad input: it
     * becomes a {@link ValidationException} on its largest field, before anything is written.
     */
    LogRecord.Sealed seal(LogRecord.Builder builder) {
        try {
            return builder.seal(random);
        } catch (RecordTooLargeException e) {
            throw ValidationException.of(e.largestField(), "too large to log: " + e.getMessage());
        }
    }
}
