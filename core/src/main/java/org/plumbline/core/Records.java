package org.plumbline.core;

import org.plumbline.core.domain.NotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.plumbline.core.record.LogRecord;
import org.plumbline.core.record.LoggedRecord;
import org.plumbline.core.record.Reveal;
import org.plumbline.core.record.Secret;
import org.plumbline.log.hash.Sha256;

/**
 * The log side of the domain: finding a record's log index (for its tlog-proof), reading logged
 * records, and revealing confidential fields to auditors.
 */
public final class Records {
    private final Core core;

    Records(Core core) {
        this.core = core;
    }

    /** The canonical record bytes at a log index. */
    public Optional<byte[]> record(long index) {
        return core.log().record(index);
    }

    /** The log index of a record, found by its canonical bytes' SHA-256. */
    public OptionalLong indexOf(LogRecord record) {
        return core.log().indexOf(Sha256.digest(record.bytes()));
    }

    /** The log index of the record whose canonical bytes hash to {@code sha256Hex}. */
    public OptionalLong indexOfSha256(String sha256Hex) {
        return core.log().indexOf(Sha256.unhex(sha256Hex));
    }

    /** Every record about a subject (e.g. {@code case/12}, {@code engagement/3}), oldest first. */
    public List<LoggedRecord> forSubject(String subject) {
        return core.log().forSubject(subject);
    }

    /**
     * A page of records for the public browser, newest first: at most {@code limit} (1–200) below index
     * {@code before}, filtered by any of type, subject and period {@code [from, to)} (each may be null).
     */
    public List<LoggedRecord> page(String type, String subject, java.time.Instant from, java.time.Instant to,
                                   long before, int limit) {
        if (limit < 1 || limit > 200) throw new IllegalArgumentException("limit must be 1..200, got " + limit);
        return core.log().page(type, subject, from, to, before, limit);
    }

    /** The record types the log holds, alphabetically. */
    public List<String> types() {
        return core.log().types();
    }

    /**
     * The lowest log index below {@code below} of a record logged at or after {@code t}, or {@code below} if
     * there is none: where a period's records start (a transparency report's range).
     */
    public long firstLoggedAtOrAfter(java.time.Instant t, long below) {
        return core.log().firstLoggedAtOrAfter(t, below);
    }

    /**
     * The highest log index below {@code below} of a record logged before {@code t}, or -1 if there is none:
     * where a period's records end. Commits interleave, so a record logged just before {@code t} can have a
     * higher index than one logged after it; this is the last of them, not the first crossing.
     */
    public long lastLoggedBefore(java.time.Instant t, long below) {
        return core.log().lastLoggedBefore(t, below);
    }

    /** How many records have durable log indices. */
    public long count() {
        return core.log().count();
    }

    /**
     * Reveals one confidential field of the record at {@code index} to an auditor, and appends
     * {@code record.revealed} (which index, which field, to whom) in the same transaction. The
     * auditor checks the result with {@link Reveal#verify(byte[])} against the logged record.
     *
     * @throws NotFoundException if there is no such record or the field is not a confidential field of it
     */
    public Reveal reveal(long index, String field, String auditor) {
        return core.db().inTransaction(h -> {
            Secret secret = LogEntries.secret(h, index, field)
                    .orElseThrow(() -> new NotFoundException("log/" + index + "#" + field));
            LogEntries.append(h, core.seal(LogRecord.builder("record.revealed", "log/" + index, auditor, core.now())
                    .field("index", index)
                    .field("field", field)));
            return secret.reveal();
        });
    }
}
