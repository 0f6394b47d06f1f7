package org.plumbline.server.intake;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plumbline.core.Concerns;
import org.plumbline.core.Core;
import org.plumbline.core.intake.Argon2id;
import org.plumbline.core.intake.Attachment;
import org.plumbline.core.intake.NewAttachment;
import org.plumbline.core.intake.Receipt;
import org.plumbline.core.intake.ReceiptKeys;
import org.plumbline.server.auth.HashingSlots;
import org.plumbline.server.http.ApiException;

/**
 * The reporter's side of the intake, shared by the API and the pages: a report in, a receipt out (shown once);
 * a receipt in, a session out; files in. A report and a receipt attempt each cost one Argon2id of 128 MiB, so
 * each passes, in this order, the cheap checks (well-formed input), a {@link ProofOfWork} if one is sent, a
 * global rate (no address is kept, so no per-sender limit: a stricter one for requests without a proof-of-work,
 * which is how the page still works without JavaScript), and one of {@link #SLOTS} hashing slots of its own
 * (a flood of reports cannot take the slots staff sign in with). Bodies with files are read into memory in one
 * of {@link #UPLOAD_SLOTS} upload slots, and storing files passes a global rate of its own.
 */
public final class Intake {
    /** Receipt derivations at once: 128 MiB each. */
    static final int SLOTS = 1;
    /** Reports per hour for the whole server, in bursts of up to 30. */
    static final int SUBMISSIONS_PER_HOUR = 120;
    /** Receipt attempts per minute for the whole server (right or wrong), in bursts of up to 30. */
    static final int ATTEMPTS_PER_MINUTE = 30;
    /** Reports per hour without a proof-of-work (no JavaScript, or an API client that sends none), bursts of 10. */
    static final int UNPROVEN_SUBMISSIONS_PER_HOUR = 20;
    /** Receipt attempts per minute without a proof-of-work, in bursts of up to 6. */
    static final int UNPROVEN_ATTEMPTS_PER_MINUTE = 6;
    /** Requests that store files (with a report or after it), per hour for the whole server, bursts of 10. */
    static final int UPLOADS_PER_HOUR = 60;
    /** Bodies with files read into memory at once: each up to BodyLimit's 32 MiB, plus the copies made. */
    static final int UPLOAD_SLOTS = 3;

    /** A new report's receipt (to show once) and its {@code concern.received} record. */
    public record Receipted(String receipt, long record, long id) {
        @Override
        public String toString() {
            return "Receipted[concern/" + id + ", record " + record + ", receipt hidden]";
        }
    }

    private final Core core;
    private final Argon2id cost;
    /**
     * How long a report or a receipt attempt waits for the slot: one derivation takes seconds in Bouncy Castle's
     * Java Argon2id on a busy machine, so two reporters at once must queue rather than be turned away. The global
     * rates bound how many can be waiting.
     */
    static final Duration SLOT_WAIT = Duration.ofSeconds(30);

    private final HashingSlots slots = new HashingSlots(SLOTS, SLOT_WAIT);
    private final GlobalRate submissions;
    private final GlobalRate attempts;
    private final GlobalRate unprovenSubmissions;
    private final GlobalRate unprovenAttempts;
    private final GlobalRate uploads;
    /** The same bounded wait as the hashing slots, here bounding memory: bodies with files held at once. */
    private final HashingSlots uploadSlots = new HashingSlots(UPLOAD_SLOTS, SLOT_WAIT);
    private final ProofOfWork work;
    private final ReporterSessions sessions;
    private final SecureRandom random = new SecureRandom();
    private volatile byte[] salt;

    public Intake(Core core, Clock clock) {
        this(core, clock, Argon2id.RECEIPT);
    }

    Intake(Core core, Clock clock, Argon2id cost) {
        this(core, clock, cost, ProofOfWork.BITS);
    }

    Intake(Core core, Clock clock, Argon2id cost, int workBits) {
        this.core = core;
        this.cost = cost;
        this.submissions = new GlobalRate(30, Duration.ofHours(1).multipliedBy(30).dividedBy(SUBMISSIONS_PER_HOUR), clock);
        this.attempts = new GlobalRate(ATTEMPTS_PER_MINUTE, Duration.ofMinutes(1), clock);
        this.unprovenSubmissions = new GlobalRate(10, Duration.ofHours(1).multipliedBy(10).dividedBy(UNPROVEN_SUBMISSIONS_PER_HOUR), clock);
        this.unprovenAttempts = new GlobalRate(UNPROVEN_ATTEMPTS_PER_MINUTE, Duration.ofMinutes(1), clock);
        this.uploads = new GlobalRate(10, Duration.ofHours(1).multipliedBy(10).dividedBy(UPLOADS_PER_HOUR), clock);
        this.work = new ProofOfWork(workBits, clock);
        this.sessions = new ReporterSessions(clock);
    }

    /** A fresh proof-of-work challenge (nothing is kept) and its difficulty in bits. */
    public String challenge() {
        return work.challenge();
    }

    public int workBits() {
        return work.bits();
    }

    /**
     * Stores a report and the files sent with it; returns its receipt, which nothing keeps.
     *
     * @param proof the answer to a challenge, or null: then the stricter rate for requests without one applies
     * @throws ApiException 400 for bad input or a refused proof-of-work (nothing spent, nothing stored), 429
     *                      past a rate, 503 when the hashing slot stays busy
     */
    public Receipted submit(String message, String topic, List<NewAttachment> files, ProofOfWork.Answer proof) {
        Concerns.validateReport(message, topic);
        Concerns.validateAttachments(files, 0, 0);
        admit(proof, submissions, unprovenSubmissions, "reports", "the report page");
        if (!files.isEmpty()) limit(uploads, "uploads of files", "");
        Receipt receipt = Receipt.generate(random);
        Concerns.Submitted s = core.concerns().submit(message, topic, derive(receipt), files);
        return new Receipted(receipt.grouped(), s.logIndex(), s.id());
    }

    /** The reporter adds files to their report. @throws ApiException 400 for bad files, 429 past the uploads rate */
    public List<Attachment> attach(Concerns.ReporterAccess access, List<NewAttachment> files) {
        if (files.isEmpty()) throw ApiException.badRequest("files", "choose at least one file");
        Concerns.validateAttachments(files, 0, 0);
        limit(uploads, "uploads of files", "");
        return core.concerns().addAttachments(access, files);
    }

    /**
     * One of the slots a body with files is read into memory in, to be held until the files are stored.
     *
     * @throws ApiException 503 {@code busy} when every slot stays taken for {@link #SLOT_WAIT}
     */
    public HashingSlots.Slot uploadSlot() {
        try {
            return uploadSlots.take();
        } catch (HashingSlots.Busy e) {
            throw new ApiException(503, "busy", "the intake is busy receiving files; try again in a minute", Map.of());
        }
    }

    /**
     * A session for the report {@code typed} opens.
     *
     * @param proof the answer to a challenge, or null: then the stricter rate for attempts without one applies
     * @throws ApiException 400 for something that is no receipt (no work spent), a refused proof-of-work or a
     *                      receipt no report has
     */
    public String session(String typed, ProofOfWork.Answer proof) {
        Receipt receipt = Receipt.parse(typed).orElseThrow(() -> ApiException.badRequest("receipt",
                "a receipt is " + Receipt.DIGITS + " digits (spaces between groups are fine)"));
        admit(proof, attempts, unprovenAttempts, "receipt attempts", "the page");
        Concerns.ReporterAccess access = core.concerns().open(derive(receipt)).orElseThrow(() ->
                ApiException.badRequest("receipt", "no report opens with this receipt; check the digits"));
        return sessions.open(access);
    }

    /** The report behind a session token. @throws ApiException 401 for an unknown or expired token */
    public Concerns.ReporterAccess access(String token) {
        return sessions.get(token).orElseThrow(() -> new ApiException(401, "unauthenticated",
                "no session for this token (sessions last " + ReporterSessions.LIFETIME.toMinutes()
                        + " minutes and end when the server restarts): enter your receipt again", Map.of()));
    }

    public Optional<Concerns.ReporterAccess> accessIfAny(String token) {
        return sessions.get(token);
    }

    public void endSession(String token) {
        sessions.close(token);
    }

    private ReceiptKeys derive(Receipt receipt) {
        byte[] s = salt;
        if (s == null) {
            s = core.concerns().receiptSalt();
            salt = s;
        }
        try (HashingSlots.Slot slot = slots.take()) {
            return ReceiptKeys.derive(receipt, s, cost);
        } catch (HashingSlots.Busy e) {
            throw new ApiException(503, "busy", "the intake is busy; try again in a minute", Map.of());
        }
    }

    /**
     * A request with a proof-of-work has it checked and counts against {@code proven}; one without counts against
     * the stricter {@code unproven} rate, and its 429 says that the page solves one with JavaScript on.
     */
    private void admit(ProofOfWork.Answer proof, GlobalRate proven, GlobalRate unproven, String what, String page) {
        if (proof == null) {
            limit(unproven, what + " without a proof-of-work", " (with JavaScript on, " + page
                    + " solves one and is not held by this limit)");
        } else {
            work.accept(proof);
            limit(proven, what, "");
        }
    }

    private static void limit(GlobalRate rate, String what, String hint) {
        Duration wait = rate.take();
        if (!wait.isZero()) {
            throw new ApiException(429, "rate-limited", "too many " + what + " on this server just now; try again in "
                    + wait.toSeconds() + " s" + hint, Map.of("retryAfter", Long.toString(wait.toSeconds())));
        }
    }
}
