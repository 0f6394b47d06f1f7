package org.plumbline.server.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.auth.UserStore;

/**
 * Who a record's actor or a case's assignee is, as a signed-in colleague sees it: the person's display name
 * instead of {@code user/17} or an account name. Records name people by opaque id so that the public log names
 * no staff; the pages for staff resolve the id. {@link #NONE} resolves nothing (the public's pages).
 */
final class People {
    static final People NONE = new People(Map.of());

    /** Display name by actor ({@code user/<id>}) and by account name. */
    private final Map<String, String> names;

    private People(Map<String, String> names) {
        this.names = names;
    }

    static People of(List<UserStore.User> users) {
        Map<String, String> names = new HashMap<>();
        for (UserStore.User u : users) {
            String shown = u.displayName() == null || u.displayName().isBlank() ? u.username() : u.displayName();
            names.put(Principal.actorOf(u.id()), shown);
            names.put(u.username(), shown);
        }
        return new People(Map.copyOf(names));
    }

    /** The person's name, or {@code who} unchanged when it names no account (e.g. {@code system/signals}); "—" for none. */
    String name(String who) {
        if (who == null || who.isBlank()) {
            return "—";
        }
        return names.getOrDefault(who, who);
    }
}
