package org.plumbline.server.auth;

import java.util.Map;
import java.util.Objects;
import org.plumbline.server.http.ApiException;

/**
 * A person changing their own password: proven by a full sign-in (current password, and the current code if a
 * second factor is on, through {@link Login}, so the sign-in lockout guards it too), then the new password
 * replaces the old one and every session of theirs ends. Whatever is wrapped under the old password (an intake
 * recipient's private key) is wrapped anew first, by the listener, so it still opens after the change.
 */
public final class PasswordChange {
    /** Told of a change before it is stored, with both passwords; throwing stops the change. */
    @FunctionalInterface
    public interface Listener {
        void changing(UserStore.User user, String oldPassword, String newPassword);
    }

    private final UserStore users;
    private final Login login;
    private volatile Listener listener = (user, oldPassword, newPassword) -> {};

    public PasswordChange(UserStore users, Login login) {
        this.users = users;
        this.login = login;
    }

    /** Sets the one listener told of password changes. */
    public void onChange(Listener listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    /**
     * Changes {@code p}'s password to {@code newPassword} and ends all of their sessions; returns the person.
     *
     * @throws ApiException 400 naming the field (a new password too short, too long, or not repeated alike),
     *                      or the sign-in's own answer for a wrong current password or code
     */
    public UserStore.User change(Principal p, String currentPassword, String code, String newPassword, String repeated) {
        String problem = UserStore.passwordProblem(newPassword);
        if (problem != null) throw ApiException.badRequest("new-password", problem);
        if (!newPassword.equals(repeated)) throw ApiException.badRequest("repeat-password", "not the same as the new password");
        UserStore.User user = login.attempt(p.username(), currentPassword, code);
        if (user.id() != p.userId()) throw new ApiException(403, "forbidden", "not your account", Map.of());
        try {
            listener.changing(user, currentPassword, newPassword);
        } catch (HashingSlots.Busy e) {
            throw ApiException.unavailable("busy", e.getMessage()); // nothing changed: try again
        }
        users.resetPassword(user.id(), newPassword);
        return user;
    }
}
