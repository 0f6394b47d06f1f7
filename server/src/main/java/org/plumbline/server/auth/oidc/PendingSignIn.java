package org.plumbline.server.auth.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import org.plumbline.server.auth.Secrets;

/**
 * A sign-in the browser has been sent to the provider for and not yet come back from: the state (ties the
 * callback to this browser's start: no login CSRF, no code injected from another session), the nonce
 * (ties the ID token to this sign-in: no replayed token) and the PKCE verifier (only whoever started the
 * sign-in can redeem the code: a code caught in a log, a referrer or a rogue app is useless), each 256
 * random bits; where to go afterwards; and when it stops being accepted.
 */
record PendingSignIn(String state, String nonce, String codeVerifier, String next, Instant expiresAt) {
    static PendingSignIn start(String next, Instant expiresAt) {
        return new PendingSignIn(randomValue(), randomValue(), randomValue(), next, expiresAt);
    }

    /** The PKCE S256 challenge: base64url(SHA-256(verifier)) (RFC 7636, section 4.2). */
    String codeChallenge() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The values are secrets: not in log lines or exception messages. */
    @Override
    public String toString() {
        return "PendingSignIn[next=" + next + ", expiresAt=" + expiresAt + "]";
    }

    /** 256 random bits, base64url: 43 characters, which is also a valid PKCE verifier (RFC 7636: 43 to 128). */
    static String randomValue() {
        byte[] b = new byte[32];
        Secrets.random().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
