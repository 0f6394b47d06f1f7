package org.plumbline.server.api;

import org.plumbline.server.http.ApiException;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.auth.Role;
import org.plumbline.server.auth.Secrets;
import org.plumbline.server.auth.Totp;
import org.plumbline.server.auth.UserStore;

/** Users, their second factor, and bearer tokens for machine clients: the admin's work. */
public final class AdminApi {
    private final UserStore users;

    public AdminApi(UserStore users) {
        this.users = users;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/api/users", Permission.USER_ADMIN, "admin", "List users and their roles", this::list),
                Route.post("/api/users", Permission.USER_ADMIN, "admin", "Create a user",
                        """
                        {"type":"object","required":["username","displayName","role"],"properties":{
                          "username":{"type":"string","pattern":"^[a-z0-9][a-z0-9._-]{1,62}$"},
                          "displayName":{"type":"string"},"role":{"type":"string"},
                          "password":{"type":"string","minLength":12}}}""",
                        this::create),
                Route.post("/api/users/{username}/tokens", Permission.USER_ADMIN, "admin",
                        "Issue a bearer token for a machine account (shown once, stored hashed); 409 for a person's account",
                        """
                        {"type":"object","required":["name"],"properties":{"name":{"type":"string"}}}""",
                        this::issueToken),
                Route.post("/api/users/{username}/totp", Permission.USER_ADMIN, "admin",
                        "Enrol a user in TOTP; returns the secret and otpauth URI once", null, this::enrolTotp),
                Route.post("/api/users/{username}/disable", Permission.USER_ADMIN, "admin",
                        "Disable a user: ends their sessions and revokes their tokens", null, this::disable),
                Route.post("/api/users/{username}/enable", Permission.USER_ADMIN, "admin",
                        "Re-enable a disabled user (their old sessions and tokens stay ended)", null, this::enable),
                Route.post("/api/users/{username}/role", Permission.USER_ADMIN, "admin",
                        "Give a person's account another person's role (never your own; machines keep theirs)",
                        """
                        {"type":"object","required":["role"],"properties":{"role":{"type":"string"}}}""",
                        this::changeRole),
                Route.post("/api/users/{username}/password", Permission.USER_ADMIN, "admin",
                        "Reset a person's password (ends their sessions)",
                        """
                        {"type":"object","required":["password"],"properties":{"password":{"type":"string","minLength":12}}}""",
                        this::resetPassword),
                Route.post("/api/users/{username}/second-factor-reset", Permission.USER_ADMIN, "admin",
                        "Drop a person's lost second factor (ends their sessions; they set up a new one)", null,
                        this::resetSecondFactor));
    }

    private void list(Context ctx, Principal p) {
        ctx.json(users.all().stream().map(u -> {
            Map<String, Object> m = SessionApi.describe(u.principal());
            m.put("totp", u.totpSecret() != null);
            m.put("disabled", u.disabled());
            return m;
        }).toList());
    }

    private void create(Context ctx, Principal p) {
        UserStore.User u = create(RequestBody.of(ctx));
        ctx.status(201).json(SessionApi.describe(u.principal()));
    }

    public UserStore.User create(RequestBody body) {
        body.allowOnly(Set.of("username", "displayName", "role", "password"));
        String username = body.required("username");
        String displayName = body.required("displayName");
        Set<String> roles = Arrays.stream(Role.values()).filter(r -> r != Role.PUBLIC).map(Role::id)
                .collect(Collectors.toSet());
        String role = body.oneOf("role", true, roles);
        String password = body.string("password", false, 1000);
        if (username != null && !username.matches("[a-z0-9][a-z0-9._-]{1,62}")) {
            body.error("username", "2-63 characters: lower-case letters, digits, '.', '_' or '-'");
        }
        if (displayName != null && displayName.codePoints().anyMatch(Character::isISOControl)) {
            // NUL cannot be stored, and a line break would forge lines wherever the name is printed.
            body.error("displayName", "must not contain control characters");
        }
        String weak = password == null ? null : UserStore.passwordProblem(password);
        if (weak != null) {
            body.error("password", weak);
        }
        if (password == null && role != null && !role.equals(Role.ENFORCEMENT_SYSTEM.id())) {
            body.error("password", "required for people (only the enforcement system signs in by token alone)");
        }
        body.done();
        if (users.byUsername(username).isPresent()) {
            throw ApiException.conflict("user " + username + " already exists");
        }
        return users.create(username, displayName, Role.byId(role).orElseThrow(), password);
    }

    private void issueToken(Context ctx, Principal p) {
        UserStore.User u = user(ctx);
        RequestBody body = RequestBody.of(ctx).allowOnly(Set.of("name"));
        String name = body.string("name", true, 100);
        body.done();
        String token = issueToken(u, name);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", u.username());
        out.put("name", name);
        out.put("token", token);
        ctx.status(201).json(out);
    }

    /**
     * Issues a token for a machine account. A person's account is refused: a token is a credential the
     * admin holds, and with one the admin would act as that person — past their password and second
     * factor — while the records name the person.
     */
    public String issueToken(UserStore.User u, String name) {
        if (!u.role().machine()) {
            throw ApiException.conflict("bearer tokens are only for machine accounts (role "
                    + Role.ENFORCEMENT_SYSTEM.id() + "); " + u.username() + " is a person's account (role "
                    + u.role().id() + "), who signs in with a password");
        }
        return users.issueToken(u.id(), name);
    }

    private void enrolTotp(Context ctx, Principal p) {
        UserStore.User u = user(ctx);
        String secret = Totp.newSecret(Secrets.random());
        users.setTotpSecret(u.id(), secret);
        ctx.status(201).json(Map.of("secret", secret, "uri", Totp.provisioningUri("Plumbline", u.username(), secret)));
    }

    private void disable(Context ctx, Principal p) {
        UserStore.User u = user(ctx);
        users.setDisabled(u.id(), true);
        ctx.status(204);
    }

    private void enable(Context ctx, Principal p) {
        UserStore.User u = user(ctx);
        users.setDisabled(u.id(), false);
        ctx.status(204);
    }

    private void changeRole(Context ctx, Principal p) {
        UserStore.User u = changeRole(user(ctx), RequestBody.of(ctx), p);
        ctx.json(SessionApi.describe(u.principal()));
    }

    /**
     * Gives a person's account another person's role. Refused for the admin's own account (an admin who demoted
     * themselves could lock the installation out of administration), for a machine account and for the machine
     * role (a machine has no password and a person no token: make a new account instead). Leadership belongs
     * to approvers and is dropped with the role.
     */
    public UserStore.User changeRole(UserStore.User u, RequestBody body, Principal p) {
        body.allowOnly(Set.of("role"));
        Set<String> people = Arrays.stream(Role.values()).filter(r -> r != Role.PUBLIC && !r.machine()).map(Role::id)
                .collect(Collectors.toSet());
        String role = body.oneOf("role", true, people);
        if (u.id() == p.userId()) {
            body.error("role", "you cannot change your own role; another admin can");
        } else if (u.role().machine()) {
            body.error("role", "a machine account keeps its role; create a person's account instead");
        }
        body.done();
        Role next = Role.byId(role).orElseThrow();
        users.setRole(u.id(), next);
        if (next != Role.APPROVER && u.leadership()) {
            users.setLeadership(u.id(), false);
        }
        return users.byId(u.id()).orElseThrow();
    }

    private void resetPassword(Context ctx, Principal p) {
        resetPassword(user(ctx), RequestBody.of(ctx));
        ctx.status(204);
    }

    /** Sets a person's new password (at least 12 characters) and ends their sessions. */
    public void resetPassword(UserStore.User u, RequestBody body) {
        body.allowOnly(Set.of("password"));
        String password = body.string("password", true, 1000);
        String weak = password == null ? null : UserStore.passwordProblem(password);
        if (weak != null) {
            body.error("password", weak);
        }
        if (u.role().machine()) {
            body.error("password", "a machine account has no password; it uses tokens");
        }
        body.done();
        users.resetPassword(u.id(), password);
    }

    private void resetSecondFactor(Context ctx, Principal p) {
        resetSecondFactor(user(ctx));
        ctx.status(204);
    }

    /** Drops a person's second factor and pending set-up, and ends their sessions. */
    public void resetSecondFactor(UserStore.User u) {
        if (u.role().machine()) {
            throw ApiException.badRequest("username", "a machine account has no second factor");
        }
        users.resetSecondFactor(u.id());
    }

    public UserStore.User user(Context ctx) {
        String username = ctx.pathParam("username");
        return users.byUsername(username).orElseThrow(() -> ApiException.notFound("user " + username));
    }
}
