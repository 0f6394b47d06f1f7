package org.plumbline.server.demo;

import java.util.ArrayList;
import java.util.List;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.auth.Role;
import org.plumbline.server.auth.UserStore;

/**
 * The demo's people, one per role (fictional names). Their password is printed by {@code plumbline demo}
 * and is the same for all of them: this is a demonstration, not a deployment. The enforcement system gets
 * a fresh bearer token on every start (earlier demo tokens are revoked, because the printed one is the
 * only one anybody has seen).
 */
public final class DemoUsers {
    static final String PASSWORD = "plumbline-demo";

    /** @param leadership an approver who also decides at the top rung of the escalation ladder */
    record Person(String username, String displayName, Role role, boolean leadership, String label) {
        Person(String username, String displayName, Role role, boolean leadership) {
            this(username, displayName, role, leadership, role.id());
        }
    }

    static final List<Person> PEOPLE = List.of(
            new Person("amara.okafor", "Amara Okafor", Role.ACCOUNT_MANAGER, false),
            new Person("rasmus.lindqvist", "Rasmus Lindqvist", Role.REVIEWER, false),
            // Reviewers receive reports of concerns; this one is printed as the demo's intake recipient.
            new Person("noor.haddad", "Noor Haddad (intake recipient)", Role.REVIEWER, false, "intake-recipient"),
            new Person("helena.vargas", "Helena Vargas (leadership)", Role.APPROVER, true),
            new Person("jules.moreau", "Jules Moreau (Moreau & Partners LLP)", Role.EXTERNAL_INVESTIGATOR, false),
            new Person("tomoko.nakamura", "Tomoko Nakamura", Role.AUDITOR, false),
            new Person("enforcement", "Provisioning enforcement system", Role.ENFORCEMENT_SYSTEM, false),
            new Person("admin", "Plumbline administrator", Role.ADMIN, false));

    private DemoUsers() {
    }

    /**
     * The scenario's actors as records name them ({@code user/<id>}, see {@link Principal#actor()}),
     * except the people the scenario assigns a case to (the reviewer's account, the investigator):
     * assignment is by account name, a confidential field that stays out of the public record.
     */
    public static DemoScenario.Actors actors(UserStore users) {
        return new DemoScenario.Actors(actor(users, "amara.okafor"), actor(users, "rasmus.lindqvist"), "rasmus.lindqvist",
                actor(users, "helena.vargas"), actor(users, "helena.vargas"), "jules.moreau");
    }

    private static String actor(UserStore users, String username) {
        return Principal.actorOf(users.byUsername(username).orElseThrow().id());
    }

    /** Usernames of the accounts that are not the demo's: a database with any is not the demo's to write to. */
    public static List<String> othersThanDemo(UserStore users) {
        var demo = PEOPLE.stream().map(Person::username).collect(java.util.stream.Collectors.toSet());
        return users.all().stream().map(UserStore.User::username).filter(u -> !demo.contains(u)).sorted().toList();
    }

    /**
     * The demo's people whose account still has the demo's published password (a production server refuses
     * to serve those), and the demo's enforcement system, whose tokens were printed.
     */
    public static List<String> withPublishedPassword(UserStore users) {
        List<String> out = new ArrayList<>();
        for (Person p : PEOPLE) {
            users.byUsername(p.username()).ifPresent(u -> {
                boolean machine = p.role() == Role.ENFORCEMENT_SYSTEM && u.displayName().equals(p.displayName());
                if (machine || users.hasPassword(u, PASSWORD)) {
                    out.add(p.username());
                }
            });
        }
        return List.copyOf(out);
    }

    /** Creates whichever demo users are missing (so a second run keeps the first run's) and lists the logins. */
    public static List<DemoLogin> ensure(UserStore users) {
        List<DemoLogin> out = new ArrayList<>();
        for (Person p : PEOPLE) {
            boolean machine = p.role() == Role.ENFORCEMENT_SYSTEM;
            UserStore.User user = users.byUsername(p.username()).orElseGet(() -> {
                UserStore.User made = users.create(p.username(), p.displayName(), p.role(), machine ? null : PASSWORD);
                if (p.leadership()) {
                    users.setLeadership(made.id(), true);
                }
                return made;
            });
            if (machine) {
                users.revokeTokens(user.id(), "demo");
                out.add(new DemoLogin(p.role().id(), p.username(), p.displayName(), users.issueToken(user.id(), "demo"), true));
            } else {
                out.add(new DemoLogin(p.label(), p.username(), p.displayName(), PASSWORD, false));
            }
        }
        return List.copyOf(out);
    }
}
