/**
 * Single sign-on with OpenID Connect (authorization code flow with PKCE): {@link
 * org.plumbline.server.auth.oidc.OidcConfig} (provider, client, scopes, which claim holds groups or roles
 * and how they map to Plumbline's roles), {@link org.plumbline.server.auth.oidc.OidcFlow} (start a sign-in,
 * finish it), and behind it the discovery document ({@code ProviderMetadata}), the bounded calls to the
 * provider ({@code ProviderHttp}), the sign-ins under way ({@code PendingSignIn}, {@code PendingSignIns}),
 * ID-token checks ({@code IdTokenValidator}, Nimbus JOSE+JWT against the provider's JWKS), claims to role
 * ({@code ClaimRoles}) and the accounts of people known by (issuer, subject) ({@code ExternalAccounts},
 * table {@code server_external_identity}); {@link org.plumbline.server.auth.oidc.SignInRefused} says why a
 * sign-in did not happen.
 *
 * <p>The decisions (PKCE, state and nonce, identity by issuer and subject, roles from the claims at every
 * sign-in, local passwords off) are written down in {@code docs/SECURITY.md}, section <i>Single sign-on</i>.
 * This package may use {@code auth} (accounts, sessions, roles, secrets), {@code http} (JSON reading), Jdbi,
 * Nimbus JOSE+JWT, Jackson and Javalin's cookie type; it knows no routes and no pages (the web package
 * serves {@code /login/oidc}).
 */
package org.plumbline.server.auth.oidc;
