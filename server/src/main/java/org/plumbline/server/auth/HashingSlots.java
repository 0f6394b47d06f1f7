package org.plumbline.server.auth;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many password hashes may be computed at once. Each Argon2id check takes 19 MiB and tens of
 * milliseconds of one core, and sign-in is anonymous: without a bound, 256 concurrent attempts kept every
 * core busy and made every other request (public log reads among them) time out. With one slot per core,
 * the rest of the server keeps running; an attempt that finds no free slot within a short wait is turned
 * away at once with "busy, try again" instead of queueing without end.
 *
 * <p>The intake (package {@code intake}) keeps pools of its own: a receipt's Argon2id takes 128 MiB, and a flood
 * of anonymous reports must not turn staff sign-ins away, nor sign-ins reports.
 */
public final class HashingSlots {
    /** How long an attempt waits for a slot before it is turned away. */
    static final Duration WAIT = Duration.ofMillis(500);

    private final Semaphore slots;
    private final Duration wait;

    HashingSlots(int slots) {
        this(slots, WAIT);
    }

    /** @param wait how long {@link #take} waits for a slot before the caller is turned away */
    public HashingSlots(int slots, Duration wait) {
        if (slots < 1) throw new IllegalArgumentException("slots must be at least 1, got " + slots);
        this.slots = new Semaphore(slots, true);
        this.wait = wait;
    }

    /** One slot per available core. */
    static HashingSlots perCore() {
        return new HashingSlots(Runtime.getRuntime().availableProcessors());
    }

    /** A slot, to be closed when the hashing is done. */
    public Slot take() {
        try {
            if (!slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
        return slots::release;
    }

    /** A held slot; closing it frees it. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** Every slot stayed taken for the whole wait. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("too many sign-ins at once; try again in a moment", null, false, false);
        }
    }
}
