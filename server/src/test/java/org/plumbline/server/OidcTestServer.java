package org.plumbline.server;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.plumbline.server.auth.Role;
import org.plumbline.server.auth.UserStore;
import org.plumbline.server.auth.oidc.OidcConfig;

/**
 * An OpenID provider running in this JVM (no.nav's mock-oauth2-server: real discovery, JWKS, RS256 ID
 * tokens, authorization codes; it signs anyone in without asking, as whoever the test enqueues) and a
 * Plumbline server of its own configured for single sign-on only (local passwords off), on its own
 * PostgreSQL. Started once per test JVM, for the OIDC test classes: the shared {@link TestServer} has no
 * single sign-on, and a second embedded PostgreSQL costs seconds.
 */
public final class OidcTestServer {
    public static final String ISSUER_ID = "plumbline-idp";
    public static final String CLIENT_ID = "plumbline-web";
    public static final String CLIENT_SECRET = "test-client-secret";
    /** The provider's groups and the roles they give. */
    public static final Map<String, Role> GROUPS = Map.of(
            "plumbline-reviewers", Role.REVIEWER,
            "plumbline-approvers", Role.APPROVER,
            "plumbline-auditors", Role.AUDITOR,
            "plumbline-admins", Role.ADMIN);

    private static OidcTestServer instance;

    private final MockOAuth2Server provider;
    private final PlumblineServer server;
    private final OidcConfig config;

    private OidcTestServer(MockOAuth2Server provider, PlumblineServer server, OidcConfig config) {
        this.provider = provider;
        this.server = server;
        this.config = config;
    }

    public static synchronized OidcTestServer get() {
        if (instance == null) {
            MockOAuth2Server provider = new MockOAuth2Server();
            provider.start(InetAddress.getLoopbackAddress(), 0);
            OidcConfig config = OidcConfig.of(issuer(provider), CLIENT_ID, "groups", GROUPS).withClientSecret(CLIENT_SECRET);
            Path dir = Path.of("target", "test-data-oidc").toAbsolutePath();
            TestServer.deleteRecursively(dir);
            PlumblineServer server = PlumblineServer.start(ServerConfig.of(dir, 0).withOidc(config).withLocalPasswords(false));
            instance = new OidcTestServer(provider, server, config);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                provider.shutdown();
            }));
        }
        return instance;
    }

    static URI issuer(MockOAuth2Server provider) {
        return URI.create(provider.issuerUrl(ISSUER_ID).toString());
    }

    public URI issuer() {
        return config.issuer();
    }

    public OidcConfig config() {
        return config;
    }

    public String url() {
        return server.url();
    }

    public UserStore users() {
        return server.users();
    }

    public MockOAuth2Server provider() {
        return provider;
    }

    /** The next sign-in at the provider is {@code subject}, with these claims, for {@code audience} (null: this client). */
    public void nextSignIn(String subject, Map<String, Object> claims, List<String> audience) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", audience, claims, 3600));
    }

    /** The next sign-in at the provider is {@code subject} in {@code groups}, named {@code username}. */
    public void nextSignIn(String subject, String username, List<String> groups) {
        nextSignIn(subject, Map.of("groups", groups, "preferred_username", username, "name", "Test " + username), null);
    }
}
