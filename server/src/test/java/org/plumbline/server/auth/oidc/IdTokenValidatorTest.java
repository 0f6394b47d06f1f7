package org.plumbline.server.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Each check of an ID token, one at a time: a token that passes (the control) changed in exactly one way
 * must be refused, with the check named. Keys are made here with Nimbus; the provider's JWKS is the
 * public half, as a provider publishes it.
 */
class IdTokenValidatorTest {
    private static final String ISSUER = "https://idp.example.org/realms/plumbline";
    private static final String CLIENT = "plumbline-web";
    private static final String NONCE = "n-0S6_WzA2Mj";
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private final RSAKey key = rsa("key-1");
    private final RSAKey stranger = rsa("key-1"); // same key id, different key: only the published key counts
    private final IdTokenValidator validator = new IdTokenValidator(ISSUER, CLIENT,
            new ProviderMetadata(ISSUER, URI.create(ISSUER + "/auth"), URI.create(ISSUER + "/token"), URI.create(ISSUER + "/certs"),
                    Set.of(JWSAlgorithm.RS256)),
            new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theControlPasses() throws Exception {
        JWTClaimsSet claims = validator.validate(sign(key, c -> c), NONCE);
        assertThat(claims.getSubject()).isEqualTo("248289761001");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        refused(sign(key, c -> c.issuer("https://evil.example.org/realms/plumbline")), "iss");
        refused(sign(key, c -> c.issuer(ISSUER + "/")), "iss");
    }

    @Test
    void aTokenForAnotherClientIsRefused() {
        refused(sign(key, c -> c.audience("another-client")), "aud");
        refused(sign(key, c -> c.audience(List.of(CLIENT, "another-client")).claim("azp", "another-client")), "azp");
        refused(sign(key, c -> c.audience(List.of(CLIENT, "another-client")).claim("azp", null)), "azp");
    }

    @Test
    void aTokenOfAnotherSignInIsRefused() {
        refused(sign(key, c -> c.claim("nonce", "someone-elses")), "nonce");
        refused(sign(key, c -> c.claim("nonce", null)), "nonce");
    }

    @Test
    void anExpiredOrFutureTokenIsRefusedBeyondTheSkew() throws Exception {
        refused(sign(key, c -> c.expirationTime(Date.from(NOW.minusSeconds(IdTokenValidator.SKEW_SECONDS + 5)))), "Expired");
        refused(sign(key, c -> c.issueTime(Date.from(NOW.plusSeconds(IdTokenValidator.SKEW_SECONDS + 5)))), "future");
        // Within the skew: a provider's clock a little ahead or behind is not an attack.
        validator.validate(sign(key, c -> c.expirationTime(Date.from(NOW.minusSeconds(IdTokenValidator.SKEW_SECONDS - 5)))), NONCE);
        validator.validate(sign(key, c -> c.issueTime(Date.from(NOW.plusSeconds(IdTokenValidator.SKEW_SECONDS - 5)))), NONCE);
    }

    @Test
    void aTokenWithoutSubjectIsRefused() {
        refused(sign(key, c -> c.subject(null)), "sub");
    }

    @Test
    void onlyThePublishedKeyAndAnnouncedAlgorithmCount() throws Exception {
        refused(sign(stranger, c -> c), "signature");
        // alg "none": an unsigned token with the very same claims.
        refused(new PlainJWT(claims(c -> c)).serialize(), "not a signed JWT");
        // HS256 keyed with something the attacker knows (e.g. the public key's bytes or the client secret).
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(), claims(c -> c));
        hs.sign(new MACSigner(key.toPublicJWK().toRSAPublicKey().getEncoded()));
        refused(hs.serialize(), "HS256");
        // A public-key algorithm the provider did not announce.
        SignedJWT rs512 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("key-1").build(), claims(c -> c));
        rs512.sign(new RSASSASigner(key));
        refused(rs512.serialize(), "RS512");
        // A tampered payload under a genuine signature.
        String[] parts = sign(key, c -> c).split("\\.");
        String forged = parts[0] + "." + SignedJWT.parse(sign(key, c -> c.subject("admin"))).getParsedParts()[1] + "." + parts[2];
        refused(forged, "signature");
    }

    @Test
    void discoveryMustNameTheConfiguredIssuerAndAUsableAlgorithm() throws Exception {
        var json = org.plumbline.server.http.Json.MAPPER;
        String doc = """
                {"issuer":"%s","authorization_endpoint":"%s/auth","token_endpoint":"%s/token","jwks_uri":"%s/certs",
                 "id_token_signing_alg_values_supported":%s,"code_challenge_methods_supported":%s}""";
        String algs = "[\"RS256\",\"HS256\",\"none\"]";
        ProviderMetadata ok = ProviderMetadata.parse(json.readTree(doc.formatted(ISSUER, ISSUER, ISSUER, ISSUER, algs, "[\"S256\"]")), ISSUER);
        assertThat(ok.signingAlgorithms()).containsExactly(JWSAlgorithm.RS256);
        assertThatThrownBy(() -> ProviderMetadata.parse(json.readTree(doc.formatted(ISSUER + "/", ISSUER, ISSUER, ISSUER, algs, "[\"S256\"]")), ISSUER))
                .hasMessageContaining("must be equal exactly");
        assertThatThrownBy(() -> ProviderMetadata.parse(json.readTree(doc.formatted(ISSUER, ISSUER, ISSUER, ISSUER, "[\"HS256\",\"none\"]", "[\"S256\"]")), ISSUER))
                .hasMessageContaining("public-key signatures only");
        assertThatThrownBy(() -> ProviderMetadata.parse(json.readTree(doc.formatted(ISSUER, ISSUER, ISSUER, ISSUER, algs, "[\"plain\"]")), ISSUER))
                .hasMessageContaining("S256");
        assertThatThrownBy(() -> ProviderMetadata.parse(json.readTree(doc.formatted(ISSUER, "http://idp.example.org", ISSUER, ISSUER, algs, "[\"S256\"]")), ISSUER))
                .hasMessageContaining("authorization_endpoint");
    }

    private void refused(String token, String reason) {
        assertThatThrownBy(() -> validator.validate(token, NONCE)).isInstanceOf(IdTokenValidator.InvalidToken.class)
                .hasMessageContaining(reason);
    }

    private static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(new JWTClaimsSet.Builder().issuer(ISSUER).subject("248289761001").audience(CLIENT)
                .issueTime(Date.from(NOW.minusSeconds(5))).expirationTime(Date.from(NOW.plus(Duration.ofMinutes(5))))
                .claim("nonce", NONCE)).build();
    }

    private static String sign(RSAKey with, UnaryOperator<JWTClaimsSet.Builder> change) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).type(JOSEObjectType.JWT).build(),
                    claims(change));
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
