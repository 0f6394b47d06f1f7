package org.plumbline.server.auth.oidc;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.plumbline.server.auth.Role;
import org.plumbline.server.auth.UserStore;

/**
 * Single sign-on with OpenID Connect: the authorization code flow with PKCE (S256), state and nonce, for a
 * confidential or a public client. {@link #begin} starts a sign-in for a browser and says where to send it;
 * {@link #finish} takes the provider's answer back to the browser that started it, redeems the code,
 * checks the ID token and gives the account to sign in, or says why not. Sessions, cookies and pages are
 * the caller's: this class knows the protocol and the accounts, not the web pages.
 */
public final class OidcFlow {
    /** The browser's handle on its sign-in under way; its value is a random key, nothing else. */
    public static final String COOKIE = "plumbline_oidc";
    public static final String CALLBACK_PATH = "/login/oidc/callback";

    private final OidcConfig config;
    private final ProviderMetadata provider;
    private final ProviderHttp http;
    private final IdTokenValidator validator;
    private final PendingSignIns pending;
    private final ExternalAccounts accounts;
    private final UserStore users;
    private final Supplier<String> baseUrl;

    private OidcFlow(OidcConfig config, ProviderMetadata provider, ProviderHttp http, JWKSource<SecurityContext> keys,
                     Jdbi jdbi, UserStore users, Supplier<String> baseUrl, Clock clock) {
        this.config = config;
        this.provider = provider;
        this.http = http;
        this.validator = new IdTokenValidator(config.issuerId(), config.clientId(), provider, keys, clock);
        this.pending = new PendingSignIns(clock);
        this.accounts = new ExternalAccounts(jdbi);
        this.users = users;
        this.baseUrl = baseUrl;
    }

    /**
     * Reads the provider's discovery document (once: a changed provider needs a restart) and fails the start
     * if it cannot be read or does not check out: a server that half-trusts its provider is worse than one
     * that says so at once.
     *
     * @param listening the address the server listens on, used for the redirect URI when the configuration
     *                  names no public URL (read when a sign-in starts, after the port is known)
     */
    public static OidcFlow start(OidcConfig config, Jdbi jdbi, UserStore users, Supplier<String> listening, Clock clock) {
        ProviderHttp http = new ProviderHttp();
        ProviderMetadata provider;
        try {
            provider = ProviderMetadata.fetch(http, config.issuerId());
        } catch (ProviderHttp.ProviderException e) {
            throw new IllegalStateException("OpenID provider " + config.issuer() + ": " + e.getMessage(), e);
        }
        JWKSource<SecurityContext> keys;
        try {
            // Nimbus's source caches the key set and fetches it again for a key id it does not know (rotation),
            // at most once every 30 s; it fetches through ProviderHttp, with the same time and size bounds.
            keys = JWKSourceBuilder.<SecurityContext>create(provider.jwksUri().toURL(), http)
                    .retrying(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("OpenID provider " + config.issuer() + ": jwks_uri " + provider.jwksUri(), e);
        }
        Supplier<String> base = config.publicUrl().<Supplier<String>>map(u -> {
            String s = u.toString();
            String trimmed = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
            return () -> trimmed;
        }).orElse(listening);
        return new OidcFlow(config, provider, http, keys, jdbi, users, base, clock);
    }

    /** Where the browser goes and the value of its {@link #COOKIE}. */
    public record Start(String browserKey, URI authorizationUrl) {
        @Override
        public String toString() {
            return "Start[" + authorizationUrl.getHost() + "]";
        }
    }

    /** Starts a sign-in that will return the browser to {@code next} (a local path the caller has checked). */
    public Start begin(String next) {
        String browserKey = PendingSignIn.randomValue();
        PendingSignIn p = pending.add(browserKey, next);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", config.clientId());
        q.put("redirect_uri", redirectUri());
        q.put("scope", String.join(" ", config.scopes()));
        q.put("state", p.state());
        q.put("nonce", p.nonce());
        q.put("code_challenge", p.codeChallenge());
        q.put("code_challenge_method", "S256");
        String endpoint = provider.authorizationEndpoint().toString();
        return new Start(browserKey, URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + form(q)));
    }

    /** An account signed in, and where the browser asked to go. */
    public record SignedIn(UserStore.User user, String next) {
    }

    /**
     * Completes the sign-in started under {@code browserKey} with the callback's parameters ({@code state},
     * {@code code}, or {@code error}). The sign-in under way is used up whatever happens.
     */
    public SignedIn finish(String browserKey, Map<String, String> callback) throws SignInRefused {
        Optional<PendingSignIn> started = browserKey == null || browserKey.isEmpty() ? Optional.empty() : pending.take(browserKey);
        if (started.isEmpty()) {
            throw SignInRefused.stale("no sign-in under way for this browser (no cookie, used, or expired)");
        }
        PendingSignIn p = started.get();
        String state = callback.get("state");
        if (state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8), p.state().getBytes(StandardCharsets.UTF_8))) {
            throw SignInRefused.stale("state does not match the sign-in this browser started");
        }
        String error = callback.get("error");
        if (error != null) {
            String code = error.matches("[a-z_]{1,64}") ? error : "(unreadable)";
            throw new SignInRefused(403, "The identity provider did not sign you in (" + code + "). Start again from the "
                    + "sign-in page.", "provider answered error " + code);
        }
        String code = callback.get("code");
        if (code == null || code.isEmpty() || code.length() > 4096) {
            throw SignInRefused.failed("callback without a usable code");
        }
        String idToken = redeem(code, p.codeVerifier());
        JWTClaimsSet claims;
        try {
            claims = validator.validate(idToken, p.nonce());
        } catch (IdTokenValidator.InvalidToken e) {
            throw SignInRefused.failed(e.getMessage());
        }
        String subject = claims.getSubject();
        if (subject.length() > 255) {
            throw SignInRefused.failed("subject longer than 255 characters");
        }
        Optional<ExternalAccounts.Account> known = accounts.find(config.issuerId(), subject);
        if (known.isPresent() && known.get().disabled()) {
            throw SignInRefused.person("This Plumbline account is disabled. Ask an administrator if you need access again.",
                    "account user/" + known.get().userId() + " is disabled");
        }
        Role role;
        try {
            role = ClaimRoles.roleOf(claims, config.roleClaim(), config.roles());
        } catch (SignInRefused e) {
            // The provider no longer gives this person a role: the sessions they still hold end now, not in 8 hours.
            known.ifPresent(a -> users.closeSessions(a.userId()));
            throw e;
        }
        ExternalAccounts.Account account = accounts.findOrCreate(new ExternalAccounts.Person(config.issuerId(), subject,
                suggestedName(claims), displayName(claims)), role);
        if (!account.created()) {
            users.setRole(account.userId(), role);
        }
        UserStore.User user = users.byId(account.userId()).orElseThrow();
        if (user.disabled()) {
            throw SignInRefused.person("This Plumbline account is disabled. Ask an administrator if you need access again.",
                    "account user/" + user.id() + " is disabled");
        }
        return new SignedIn(user, p.next());
    }

    private String redirectUri() {
        return baseUrl.get() + CALLBACK_PATH;
    }

    /** Redeems the code at the token endpoint with the PKCE verifier; the ID token, or why not. */
    private String redeem(String code, String verifier) throws SignInRefused {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("grant_type", "authorization_code");
        q.put("code", code);
        q.put("redirect_uri", redirectUri());
        q.put("code_verifier", verifier);
        String authorization = null;
        if (config.clientSecret().isPresent()) {
            // client_secret_basic (RFC 6749, section 2.3.1: both parts form-encoded first).
            String pair = urlEncode(config.clientId()) + ":" + urlEncode(config.clientSecret().get());
            authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        } else {
            q.put("client_id", config.clientId());
        }
        ProviderHttp.Answer answer;
        try {
            answer = http.postForm(provider.tokenEndpoint(), form(q), authorization);
        } catch (ProviderHttp.ProviderException e) {
            throw SignInRefused.failed("token endpoint: " + e.getMessage());
        }
        if (answer.status() != 200) {
            String error = answer.json().path("error").asText("");
            throw SignInRefused.failed("token endpoint answered " + answer.status()
                    + (error.matches("[a-z_]{1,64}") ? " " + error : ""));
        }
        String idToken = answer.json().path("id_token").asText("");
        if (idToken.isEmpty()) {
            throw SignInRefused.failed("token endpoint answered without an id_token");
        }
        return idToken;
    }

    private static String suggestedName(JWTClaimsSet claims) {
        for (String c : new String[] {"preferred_username", "email", "name"}) {
            if (claims.getClaim(c) instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return "";
    }

    /** The name colleagues see: the provider's {@code name}, without control characters, at most 200 characters. */
    private static String displayName(JWTClaimsSet claims) {
        String name = "";
        for (String c : new String[] {"name", "preferred_username", "email"}) {
            if (claims.getClaim(c) instanceof String s && !s.isBlank()) {
                name = s;
                break;
            }
        }
        name = name.codePoints().filter(cp -> !Character.isISOControl(cp))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        return name.isEmpty() ? "Single sign-on user" : name;
    }

    private static String form(Map<String, String> q) {
        return q.entrySet().stream().map(e -> urlEncode(e.getKey()) + "=" + urlEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * The sign-in cookie: HttpOnly and Secure like the session's, limited to the sign-in paths, ten minutes,
     * and SameSite=Lax, not Strict: the provider sends the browser back with a cross-site top-level GET,
     * on which a Strict cookie would not be sent and the sign-in could never finish.
     */
    public static Cookie cookie(String value, int maxAgeSeconds) {
        Cookie cookie = new Cookie(COOKIE, value, "/login/oidc", maxAgeSeconds, true, 0, true);
        cookie.setSameSite(SameSite.LAX);
        return cookie;
    }

    public static int cookieLifetimeSeconds() {
        return (int) PendingSignIns.LIFETIME.toSeconds();
    }
}
