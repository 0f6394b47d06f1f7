package org.plumbline.server.demo;

import java.util.Optional;
import org.plumbline.core.Core;
import org.plumbline.server.auth.AccessPolicy;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.UserStore;
import org.plumbline.server.intake.Intake;
import org.plumbline.server.intake.RecipientKeys;

/**
 * The demo's intake: its recipients' keys made and unlocked (as their first sign-in would), and one report
 * waiting, sent through the same path as {@code /report}. Its receipt is printed once, on the run that sends it.
 */
public final class DemoIntake {
    static final String MESSAGE = """
            I work in the storage operations team. Since September one of the defence customer's subscriptions \
            has been writing very large volumes of audio into the West Europe region, and someone from their side \
            asked us how to raise the speech-to-text quota. That does not sound like cyber defence to me.""";
    static final String TOPIC = "speech-to-text on a cyber-defence subscription";

    private DemoIntake() {
    }

    /** @return the waiting report's receipt, if this run sent it */
    public static Optional<String> load(UserStore users, RecipientKeys keys, Intake intake, Core core) {
        for (DemoUsers.Person p : DemoUsers.PEOPLE) {
            if (AccessPolicy.allows(p.role(), Permission.INTAKE_HANDLE)) {
                users.byUsername(p.username()).ifPresent(u -> keys.signedIn(u, DemoUsers.PASSWORD));
            }
        }
        if (!core.concerns().list().isEmpty()) return Optional.empty();
        return Optional.of(intake.submit(MESSAGE, TOPIC, java.util.List.of(), null).receipt());
    }
}
