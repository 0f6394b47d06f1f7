package org.plumbline.server.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.plumbline.server.Api;
import org.plumbline.server.auth.Role;

/**
 * A client's side of the intake's proof-of-work, written from the published rule (not from the server's
 * checker): SHA-256 of the challenge's ASCII text followed by the counter's decimal digits starts with
 * {@code bits} zero bits.
 */
final class Work {
    private Work() {
    }

    static ProofOfWork.Answer solve(String challenge, int bits) {
        for (long counter = 0; ; counter++) {
            if (solves(challenge, counter, bits)) return new ProofOfWork.Answer(challenge, Long.toString(counter));
        }
    }

    static boolean solves(String challenge, long counter, int bits) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((challenge + counter).getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < bits; i++) {
                if ((h[i / 8] >> (7 - i % 8) & 1) != 0) return false;
            }
            return true;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A counter that does not solve {@code challenge}. */
    static String wrong(String challenge, int bits) {
        for (long counter = 0; ; counter++) {
            if (!solves(challenge, counter, bits)) return Long.toString(counter);
        }
    }

    /** A fresh challenge from the shared server, solved. */
    static ProofOfWork.Answer fromServer() {
        JsonNode c = Api.get(Role.PUBLIC, "/api/intake/challenge").json();
        return solve(c.get("challenge").asText(), c.get("bits").asInt());
    }

    /** The JSON fields that carry {@code a}, with a leading comma. */
    static String json(ProofOfWork.Answer a) {
        return ",\"powChallenge\":\"" + a.challenge() + "\",\"powCounter\":\"" + a.counter() + "\"";
    }
}
