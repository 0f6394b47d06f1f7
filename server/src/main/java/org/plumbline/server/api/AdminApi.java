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
                        "Disable a user: ends their sessions and revokes their tokens", null, this::disable));
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
        if (password != null && password.length() < 12) {
            body.error("password", "at least 12 characters");
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

    public UserStore.User user(Context ctx) {
        String username = ctx.pathParam("username");
        return users.byUsername(username).orElseThrow(() -> ApiException.notFound("user " + username));
    }
}
