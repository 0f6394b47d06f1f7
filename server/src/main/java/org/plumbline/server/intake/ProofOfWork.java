package org.plumbline.server.intake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.plumbline.server.http.ApiException;

/**
 * A small proof-of-work per anonymous intake request, as GlobaLeaks asks for, that stores no address and no
 * state per client. A challenge is {@code pow1.<nonce>.<bits>.<expiry minute>.<mac>}: 16 random bytes, the
 * difficulty, the minute (since the epoch, UTC) after which it is refused, and an HMAC-SHA256 over the rest
 * under a secret this process drew at start; the server keeps nothing when it hands one out. The answer is a
 * decimal counter such that SHA-256 of the challenge's text followed by the counter's digits starts with
 * {@code bits} zero bits: about 2^bits hashes to find, one to check.
 *
 * <p>Replays: an answered challenge is remembered until its expiry minute has passed, so it is accepted once.
 * At most {@link #MAX_REMEMBERED} are remembered; when that many unexpired answers are held (each cost its
 * sender the work, and the global rates let few through), further answers are refused with 503 {@code busy}
 * until some expire (at most {@link #LIFETIME}): refusing is the only way to stay bounded without forgetting
 * one and so accepting its replay. A restart draws a new secret, which voids every earlier challenge, so the
 * memory need not survive it.
 */
public final class ProofOfWork {
    /** The difficulty: 2^16 = 65,536 hashes on average, a second or two in a browser. */
    public static final int BITS = 16;
    /** How long a challenge may be answered; a page left open longer fetches a new one. */
    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final int MAX_REMEMBERED = 100_000;
    private static final Pattern FORM = Pattern.compile("pow1\\.([0-9a-f]{32})\\.([0-9]{1,2})\\.([0-9]{1,12})\\.([0-9a-f]{64})");
    private static final Pattern COUNTER = Pattern.compile("[0-9]{1,19}");

    /** What a client sends back: the challenge as issued and the counter it found. */
    public record Answer(String challenge, String counter) {}

    private final byte[] secret = new byte[32];
    private final SecureRandom random = new SecureRandom();
    private final int bits;
    private final Clock clock;
    private final Map<String, Long> answered = new ConcurrentHashMap<>();

    ProofOfWork(int bits, Clock clock) {
        if (bits < 1 || bits > 32) throw new IllegalArgumentException("bits from 1 to 32, got " + bits);
        this.bits = bits;
        this.clock = clock;
        random.nextBytes(secret);
    }

    int bits() {
        return bits;
    }

    /** A fresh challenge; nothing is kept. */
    String challenge() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String body = "pow1." + HexFormat.of().formatHex(nonce) + "." + bits + "." + (minute() + LIFETIME.toMinutes());
        return body + "." + mac(body);
    }

    /**
     * Accepts {@code answer} once, or says why not.
     *
     * @throws ApiException 400 on the field {@code proofOfWork} for a malformed, forged, expired, wrong or already
     *                      used answer; 503 {@code busy} when {@link #MAX_REMEMBERED} answers are remembered
     */
    void accept(Answer answer) {
        String challenge = answer.challenge() == null ? "" : answer.challenge().strip();
        Matcher m = FORM.matcher(challenge);
        if (!m.matches()) throw refused("not a challenge from GET /api/intake/challenge");
        String body = challenge.substring(0, challenge.lastIndexOf('.'));
        if (!MessageDigest.isEqual(mac(body).getBytes(StandardCharsets.US_ASCII), m.group(4).getBytes(StandardCharsets.US_ASCII))) {
            throw refused("this challenge was not issued by this server (or not since it last started); fetch a new one");
        }
        if (Integer.parseInt(m.group(2)) < bits) throw refused("this challenge is easier than the server asks now; fetch a new one");
        long expires = Long.parseLong(m.group(3));
        if (minute() > expires) throw refused("this challenge has expired; fetch a new one");
        String counter = answer.counter() == null ? "" : answer.counter().strip();
        if (!COUNTER.matcher(counter).matches()) throw refused("the counter is a decimal number of at most 19 digits");
        if (!solves(challenge, counter, Integer.parseInt(m.group(2)))) throw refused("the counter does not solve this challenge");
        remember(challenge, expires);
    }

    /** Whether SHA-256(challenge ‖ counter) starts with {@code bits} zero bits. */
    static boolean solves(String challenge, String counter, int bits) {
        byte[] hash = sha256((challenge + counter).getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < bits; i++) {
            if ((hash[i / 8] & (0x80 >>> (i % 8))) != 0) return false;
        }
        return true;
    }

    private void remember(String challenge, long expires) {
        if (answered.size() >= MAX_REMEMBERED) {
            long now = minute();
            answered.values().removeIf(e -> e < now);
            if (answered.size() >= MAX_REMEMBERED) {
                throw new ApiException(503, "busy", "too many proofs-of-work were answered in the last "
                        + LIFETIME.toMinutes() + " minutes; try again in a few minutes", Map.of());
            }
        }
        // putIfAbsent is atomic: of parallel requests with one answer, exactly one finds it absent.
        if (answered.putIfAbsent(challenge, expires) != null) {
            throw refused("this challenge was already answered; fetch a new one");
        }
    }

    private long minute() {
        return clock.millis() / 60_000;
    }

    private String mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException refused(String why) {
        return ApiException.badRequest("proofOfWork", why);
    }
}
