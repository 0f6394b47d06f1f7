/**
 * Who is asking and what they may do: {@link org.plumbline.server.auth.Principal} (the caller),
 * {@link org.plumbline.server.auth.Role} and {@link org.plumbline.server.auth.Permission}, the one access
 * table {@link org.plumbline.server.auth.AccessPolicy} (and {@code authorize}, which both the API routes
 * and the pages call), the per-case rule for external investigators ({@link org.plumbline.server.auth.CaseAccess}),
 * and how a caller proves who they are: {@link org.plumbline.server.auth.Authenticator} (session cookie
 * with CSRF token, or bearer token), {@link org.plumbline.server.auth.Login} (password, lockout, TOTP),
 * {@link org.plumbline.server.auth.UserStore} (accounts, sessions, tokens; secrets stored hashed only),
 * {@link org.plumbline.server.auth.PasswordHasher} (Argon2id), {@link org.plumbline.server.auth.Totp}, {@link org.plumbline.server.auth.TotpEnrolment} (a person moving their own second factor),
 * {@link org.plumbline.server.auth.Base32}, {@link org.plumbline.server.auth.Secrets} and
 * {@link org.plumbline.server.auth.ShortCache} (the few seconds an authentication is trusted without a
 * database round trip). Single sign-on with OpenID Connect is the sub-package {@code auth.oidc}, which uses
 * this package; this package does not use it.
 *
 * <p>Every security decision made here is written down in {@code docs/SECURITY.md}, section <i>The
 * server</i>; a change here is a change there. This package may use Javalin's request and cookie types,
 * the database (through Jdbi), Bouncy Castle (Argon2id), core's domain types (a case's assignee) and, to
 * refuse a request, {@code http.ApiException}, the one way any layer states an HTTP error; nothing else in
 * the server. It knows no routes and no pages.
 */
package org.plumbline.server.auth;
