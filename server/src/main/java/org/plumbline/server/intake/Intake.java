package org.plumbline.server.intake;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.plumbline.core.Concerns;
import org.plumbline.core.Core;
import org.plumbline.core.intake.Argon2id;
import org.plumbline.core.intake.Receipt;
import org.plumbline.core.intake.ReceiptKeys;
import org.plumbline.server.auth.HashingSlots;
import org.plumbline.server.http.ApiException;

/**
 * The reporter's side of the intake, shared by the API and the pages: a report in, a receipt out (shown once);
 * a receipt in, a session out. Each costs one Argon2id of 128 MiB, so each passes, in this order, the cheap
 * checks (well-formed input), the global rate (no address is kept, so no per-sender limit), and one of
 * {@link #SLOTS} hashing slots of its own (a flood of reports cannot take the slots staff sign in with).
 */
public final class Intake {
    /** Receipt derivations at once: 128 MiB each. */
    static final int SLOTS = 1;
    /** Reports per hour for the whole server, in bursts of up to 30. */
    static final int SUBMISSIONS_PER_HOUR = 120;
    /** Receipt attempts per minute for the whole server (right or wrong), in bursts of up to 30. */
    static final int ATTEMPTS_PER_MINUTE = 30;

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
    private final ReporterSessions sessions;
    private final SecureRandom random = new SecureRandom();
    private volatile byte[] salt;

    public Intake(Core core, Clock clock) {
        this(core, clock, Argon2id.RECEIPT);
    }

    Intake(Core core, Clock clock, Argon2id cost) {
        this.core = core;
        this.cost = cost;
        this.submissions = new GlobalRate(30, Duration.ofHours(1).multipliedBy(30).dividedBy(SUBMISSIONS_PER_HOUR), clock);
        this.attempts = new GlobalRate(ATTEMPTS_PER_MINUTE, Duration.ofMinutes(1), clock);
        this.sessions = new ReporterSessions(clock);
    }

    /** Stores a report; returns its receipt, which nothing keeps. */
    public Receipted submit(String message, String topic) {
        Concerns.validateReport(message, topic);
        limit(submissions, "reports");
        Receipt receipt = Receipt.generate(random);
        Concerns.Submitted s = core.concerns().submit(message, topic, derive(receipt));
        return new Receipted(receipt.grouped(), s.logIndex(), s.id());
    }

    /**
     * A session for the report {@code typed} opens.
     *
     * @throws ApiException 400 for something that is no receipt (no work spent) or a receipt no report has
     */
    public String session(String typed) {
        Receipt receipt = Receipt.parse(typed).orElseThrow(() -> ApiException.badRequest("receipt",
                "a receipt is " + Receipt.DIGITS + " digits (spaces between groups are fine)"));
        limit(attempts, "receipt attempts");
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

    private static void limit(GlobalRate rate, String what) {
        Duration wait = rate.take();
        if (!wait.isZero()) {
            throw new ApiException(429, "rate-limited", "too many " + what + " on this server just now; try again in "
                    + wait.toSeconds() + " s", Map.of("retryAfter", Long.toString(wait.toSeconds())));
        }
    }
}
