package org.plumbline.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.plumbline.log.hash.Sha256;

/** Random bearer secrets (session cookies, CSRF tokens, API tokens) and the hashes they are stored as. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** 256 random bits, base64url without padding, after an optional human-readable prefix. */
    static String newToken(String prefix) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * SHA-256 of the token. A plain hash (not Argon2) is right here: the token already has 256 bits of
     * entropy, so there is nothing to slow a guesser down for, and lookups must be fast.
     */
    static byte[] hash(String token) {
        return Sha256.digest(token.getBytes(StandardCharsets.UTF_8));
    }

    public static SecureRandom random() {
        return RANDOM;
    }
}
