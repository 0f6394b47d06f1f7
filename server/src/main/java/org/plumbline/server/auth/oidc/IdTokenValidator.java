package org.plumbline.server.auth.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks an ID token (OpenID Connect Core 1.0, section 3.1.3.7) before anything in it is believed: signed
 * (JWS, never plain or encrypted-only) with one of the provider's published keys under a public-key
 * algorithm the provider announced; issuer exactly the configured one; audience containing this client
 * (and, if there are several audiences, {@code azp} naming this client); not expired and not issued in the
 * future, with {@value #SKEW_SECONDS} seconds of clock skew; {@code sub} present; and the nonce this
 * browser's sign-in was started with, so that a token issued for another sign-in cannot be replayed into
 * this one.
 */
final class IdTokenValidator {
    static final int SKEW_SECONDS = 60;

    /** Why a token was refused; the message names the check, never the token. */
    static final class InvalidToken extends Exception {
        InvalidToken(String message) {
            super(message);
        }
    }

    private final String issuer;
    private final String clientId;
    private final ProviderMetadata provider;
    private final JWKSource<SecurityContext> keys;
    private final Clock clock;

    IdTokenValidator(String issuer, String clientId, ProviderMetadata provider, JWKSource<SecurityContext> keys, Clock clock) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.provider = provider;
        this.keys = keys;
        this.clock = clock;
    }

    JWTClaimsSet validate(String idToken, String expectedNonce) throws InvalidToken {
        SignedJWT jwt;
        try {
            // SignedJWT.parse refuses unsecured ("alg":"none") and encrypted tokens outright.
            jwt = SignedJWT.parse(idToken);
        } catch (ParseException e) {
            throw new InvalidToken("the ID token is not a signed JWT");
        }
        if (!provider.signingAlgorithms().contains(jwt.getHeader().getAlgorithm())) {
            throw new InvalidToken("the ID token is signed with " + jwt.getHeader().getAlgorithm()
                    + ", not one of " + provider.signingAlgorithms());
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(provider.signingAlgorithms(), keys));
        DefaultJWTClaimsVerifier<SecurityContext> verifier = new DefaultJWTClaimsVerifier<>(
                Set.of(clientId),
                new JWTClaimsSet.Builder().issuer(issuer).claim("nonce", expectedNonce).build(),
                Set.of("sub", "iat", "exp", "aud", "iss", "nonce"),
                Set.of()) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        verifier.setMaxClockSkew(SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(verifier);
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (BadJOSEException e) {
            throw new InvalidToken("the ID token was refused: " + e.getMessage());
        } catch (JOSEException e) {
            throw new InvalidToken("the ID token could not be checked: " + e.getMessage());
        }
        Date issuedAt = claims.getIssueTime();
        if (issuedAt.toInstant().isAfter(clock.instant().plus(Duration.ofSeconds(SKEW_SECONDS)))) {
            throw new InvalidToken("the ID token was issued in the future (iat " + issuedAt.toInstant() + ")");
        }
        List<String> audience = claims.getAudience();
        if (audience.size() > 1) {
            Object azp = claims.getClaim("azp");
            if (!clientId.equals(azp)) {
                throw new InvalidToken("the ID token has several audiences but is not authorised for this client (azp)");
            }
        }
        if (new HashSet<>(audience).size() != audience.size() || claims.getSubject().isBlank()) {
            throw new InvalidToken("the ID token's audience or subject is malformed");
        }
        return claims;
    }
}
