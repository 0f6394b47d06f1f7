package org.plumbline.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo's people, one per role (fictional names). Their password is printed by {@code plumbline demo}
 * and is the same for all of them: this is a demonstration, not a deployment. The enforcement system gets
 * a fresh bearer token on every start (earlier demo tokens are revoked, because the printed one is the
 * only one anybody has seen).
 */
final class DemoUsers {
    static final String PASSWORD = "plumbline-demo";

    record Person(String username, String displayName, Role role) {
    }

    static final List<Person> PEOPLE = List.of(
            new Person("amara.okafor", "Amara Okafor", Role.ACCOUNT_MANAGER),
            new Person("rasmus.lindqvist", "Rasmus Lindqvist", Role.REVIEWER),
            new Person("helena.vargas", "Helena Vargas", Role.APPROVER),
            new Person("jules.moreau", "Jules Moreau (Moreau & Partners LLP)", Role.EXTERNAL_INVESTIGATOR),
            new Person("tomoko.nakamura", "Tomoko Nakamura", Role.AUDITOR),
            new Person("enforcement", "Provisioning enforcement system", Role.ENFORCEMENT_SYSTEM),
            new Person("admin", "Plumbline administrator", Role.ADMIN));

    private DemoUsers() {
    }

    /** Creates whichever demo users are missing (so a second run keeps the first run's) and lists the logins. */
    static List<DemoLogin> ensure(UserStore users) {
        List<DemoLogin> out = new ArrayList<>();
        for (Person p : PEOPLE) {
            boolean machine = p.role() == Role.ENFORCEMENT_SYSTEM;
            UserStore.User user = users.byUsername(p.username())
                    .orElseGet(() -> users.create(p.username(), p.displayName(), p.role(), machine ? null : PASSWORD));
            if (machine) {
                users.revokeTokens(user.id(), "demo");
                out.add(new DemoLogin(p.role().id(), p.username(), p.displayName(), users.issueToken(user.id(), "demo"), true));
            } else {
                out.add(new DemoLogin(p.role().id(), p.username(), p.displayName(), PASSWORD, false));
            }
        }
        return List.copyOf(out);
    }
}
