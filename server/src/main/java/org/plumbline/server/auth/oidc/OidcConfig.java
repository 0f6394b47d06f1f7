package org.plumbline.server.auth.oidc;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.plumbline.server.auth.Role;

/**
 * How the server signs people in through an OpenID Connect provider (authorization code flow with PKCE).
 *
 * @param issuer       the provider's issuer identifier, exactly as its discovery document and its ID tokens
 *                     state it (https, or http on a loopback address for a provider on the same machine)
 * @param clientId     this server's client id at the provider; ID tokens must name it in their audience
 * @param clientSecret the client secret of a confidential client (sent with HTTP Basic to the token endpoint);
 *                     empty for a public client, which PKCE alone protects
 * @param scopes       the scopes asked for; must include {@code openid}
 * @param roleClaim    the ID token claim that holds the person's groups or roles (a string or an array of
 *                     strings), e.g. {@code groups} or {@code roles}; a dotted name such as
 *                     {@code realm_access.roles} is looked up as a top-level claim first, then as a path
 * @param roles        which claim value makes a person which Plumbline role; a person whose values map to
 *                     no role, or to more than one, is refused (one account has one role, as with passwords)
 * @param publicUrl    the server's address as browsers reach it (e.g. the TLS proxy's
 *                     {@code https://plumbline.example.org}); the redirect URI is this plus
 *                     {@code /login/oidc/callback}. Empty: the address the server listens on, which is right
 *                     only when browsers reach it directly. Never taken from a request's Host header, which
 *                     the requester chooses.
 */
public record OidcConfig(URI issuer, String clientId, Optional<String> clientSecret, List<String> scopes,
                         String roleClaim, Map<String, Role> roles, Optional<URI> publicUrl) {
    public static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email");

    public OidcConfig {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(roleClaim, "roleClaim");
        Objects.requireNonNull(publicUrl, "publicUrl");
        requireSafeUrl(issuer, "issuer");
        if (issuer.getRawQuery() != null || issuer.getRawFragment() != null) {
            throw new IllegalArgumentException("issuer must have no query or fragment: " + issuer);
        }
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
        if (clientSecret.isPresent() && clientSecret.get().isEmpty()) {
            throw new IllegalArgumentException("clientSecret must not be empty (leave it out for a public client)");
        }
        scopes = List.copyOf(scopes);
        if (!scopes.contains("openid")) {
            throw new IllegalArgumentException("scopes must include openid, got " + scopes);
        }
        if (roleClaim.isBlank()) {
            throw new IllegalArgumentException("roleClaim must not be blank");
        }
        roles = Map.copyOf(roles);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("roles must map at least one claim value to a role");
        }
        for (var e : roles.entrySet()) {
            // Machine clients authenticate by bearer token only, and PUBLIC is nobody: neither is a person's role.
            if (e.getValue() == Role.PUBLIC || e.getValue().machine()) {
                throw new IllegalArgumentException("claim value '" + e.getKey() + "' maps to " + e.getValue().id()
                        + ", which is not a person's role");
            }
        }
        publicUrl.ifPresent(u -> {
            requireSafeUrl(u, "publicUrl");
            if (!(u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/"))
                    || u.getRawQuery() != null || u.getRawFragment() != null) {
                throw new IllegalArgumentException("publicUrl must be scheme, host and port only: " + u);
            }
        });
    }

    /** A public client (no secret) asking for {@link #DEFAULT_SCOPES}, redirected to the address the server listens on. */
    public static OidcConfig of(URI issuer, String clientId, String roleClaim, Map<String, Role> roles) {
        return new OidcConfig(issuer, clientId, Optional.empty(), DEFAULT_SCOPES, roleClaim, roles, Optional.empty());
    }

    public OidcConfig withClientSecret(String secret) {
        return new OidcConfig(issuer, clientId, Optional.of(secret), scopes, roleClaim, roles, publicUrl);
    }

    public OidcConfig withScopes(List<String> newScopes) {
        return new OidcConfig(issuer, clientId, clientSecret, newScopes, roleClaim, roles, publicUrl);
    }

    public OidcConfig withPublicUrl(URI url) {
        return new OidcConfig(issuer, clientId, clientSecret, scopes, roleClaim, roles, Optional.of(url));
    }

    /** The issuer as compared with the provider's statements: exactly as configured, as OpenID Connect requires. */
    String issuerId() {
        return issuer.toString();
    }

    /** Without the client secret, which must never reach a log line. */
    @Override
    public String toString() {
        return "OidcConfig[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret.isPresent() ? "(set)" : "(none)") + ", scopes=" + scopes + ", roleClaim=" + roleClaim
                + ", roles=" + roles + ", publicUrl=" + publicUrl + "]";
    }

    /**
     * https, or plain http to a loopback address only: tokens and codes travel over these connections, and a
     * provider reached in the clear over a network could be impersonated.
     */
    static void requireSafeUrl(URI uri, String what) {
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException(what + " must be an absolute URL with a host: " + uri);
        }
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("https")) {
            return;
        }
        if (scheme.equals("http") && isLoopback(uri.getHost())) {
            return;
        }
        throw new IllegalArgumentException(what + " must use https (plain http only to a loopback address): " + uri);
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
    }
}
