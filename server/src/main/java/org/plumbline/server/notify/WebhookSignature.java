package org.plumbline.server.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures on webhook deliveries, in the Standard Webhooks form (standardwebhooks.com), so that a
 * receiver can use any of its libraries or these few lines:
 *
 * <pre>
 * webhook-id:        the delivery's id (the same on every retry of it: receivers deduplicate on it)
 * webhook-timestamp: seconds since the epoch when this attempt was signed
 * webhook-signature: v1,&lt;base64 of HMAC-SHA256(key, id + "." + timestamp + "." + body)&gt;
 * </pre>
 *
 * where the key is the base64 after {@code whsec_} in the secret shown once when the webhook was registered.
 * A receiver recomputes the HMAC over the exact bytes it received, compares in constant time, and refuses a
 * timestamp more than a few minutes from its own clock (a replayed delivery). Signing the id and the timestamp
 * with the body is what makes that refusal possible: neither can be changed without the key.
 */
public final class WebhookSignature {
    /** The prefix Standard Webhooks gives secrets, so that one is recognised for what it is. */
    public static final String SECRET_PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new secret: 32 random bytes (the HMAC-SHA256 key), base64, after {@code whsec_}. */
    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header's value for this delivery. */
    public static String sign(String secret, String id, long timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(mac(secret, id, timestamp, body));
    }

    /**
     * Whether {@code header} (one or more space-separated {@code v1,<signature>}) holds a valid signature of
     * the delivery. The receiver's side, kept here so that the documented check is the tested one.
     */
    public static boolean verify(String secret, String id, long timestamp, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        byte[] expected = mac(secret, id, timestamp, body);
        for (String part : header.split(" ")) {
            if (part.startsWith("v1,")) {
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(part.substring(3));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, given)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] mac(String secret, String id, long timestamp, byte[] body) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("not a webhook secret");
        }
        byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JDK", e);
        }
    }
}
