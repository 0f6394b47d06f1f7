package org.plumbline.server.intake;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.plumbline.core.Core;
import org.plumbline.core.intake.CryptoFailure;
import org.plumbline.core.intake.RecipientKey;
import org.plumbline.server.auth.AccessPolicy;
import org.plumbline.server.auth.HashingSlots;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.auth.UserStore;
import org.plumbline.server.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recipients' private keys, unlocked with their password when they sign in and kept in memory (never on disk)
 * for as long as a session lasts. A recipient signing in for the first time gets a key pair; one whose stored
 * key no longer opens with their password (an administrator set a new one) gets a new key pair, and the reports
 * sealed to the old one come back to them when another recipient next reads each (core's {@code Concerns.read}):
 * that is the recovery path. A sole recipient who loses their password loses the reports; nobody else can read
 * them either, which is the point.
 */
public final class RecipientKeys {
    private static final Logger LOG = LoggerFactory.getLogger(RecipientKeys.class);

    private record Unlocked(byte[] privateKey, Instant until) {}

    private final Core core;
    private final Clock clock;
    private final HashingSlots slots;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Unlocked> unlocked = new ConcurrentHashMap<>();

    public RecipientKeys(Core core, Clock clock) {
        this.core = core;
        this.clock = clock;
        // Sign-ins of recipients only (staff, behind the sign-in lockout): one 19 MiB derivation at a time.
        this.slots = new HashingSlots(1, java.time.Duration.ofSeconds(10));
    }

    /** After a password sign-in: unlocks (or makes) the key of a recipient. */
    public void signedIn(UserStore.User user, String password) {
        if (!AccessPolicy.allows(user.role(), Permission.INTAKE_HANDLE)) return;
        String account = Principal.actorOf(user.id());
        try (HashingSlots.Slot slot = slots.take()) {
            Optional<RecipientKey> stored = core.concerns().recipientKey(account);
            byte[] privateKey;
            if (stored.isPresent()) {
                try {
                    privateKey = stored.get().unlock(password);
                } catch (CryptoFailure e) {
                    LOG.warn("the intake key of {} does not open with their password (set anew?): made a new key pair", account);
                    privateKey = enrol(account, password);
                }
            } else {
                privateKey = enrol(account, password);
            }
            unlocked.put(account, new Unlocked(privateKey, clock.instant().plus(UserStore.SESSION_LIFETIME)));
        } catch (HashingSlots.Busy e) {
            LOG.warn("could not unlock the intake key of {}: busy", account);
        }
    }

    private byte[] enrol(String account, String password) {
        RecipientKey key = RecipientKey.create(account, password, random);
        core.concerns().enrolRecipient(key);
        return key.unlock(password);
    }

    /**
     * A password change (auth's {@code PasswordChange}, before the new password is stored): the same key pair,
     * wrapped under the new password, so the reports sealed to it still open.
     */
    public void passwordChanged(UserStore.User user, String oldPassword, String newPassword) {
        String account = Principal.actorOf(user.id());
        try (HashingSlots.Slot slot = slots.take()) {
            Optional<RecipientKey> stored = core.concerns().recipientKey(account);
            if (stored.isPresent()) core.concerns().rewrapRecipient(stored.get().rewrap(oldPassword, newPassword, random));
        }
    }

    /**
     * The unlocked private key of {@code p}.
     *
     * @throws ApiException 409 if it is not unlocked (the recipient has not signed in with their password since
     *                      the server started)
     */
    public byte[] of(Principal p) {
        Unlocked u = unlocked.get(p.actor());
        if (u == null || u.until().isBefore(clock.instant())) {
            unlocked.remove(p.actor());
            throw new ApiException(409, "locked", "your intake key is locked: sign in with your password to unlock it "
                    + "(it is kept in memory only, and a restart locks it again)", Map.of());
        }
        return u.privateKey().clone();
    }
}
