package org.plumbline.log.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;

/**
 * A private key that signs notes: a log's checkpoint key ({@link KeyType#ED25519}) or a witness's
 * cosigning key ({@link KeyType#COSIGNATURE_V1}).
 *
 * <p>Its text form is {@code PRIVATE+KEY+<name>+<8 hex key ID>+<base64(type || 32-byte seed)>},
 * exactly what golang.org/x/mod/sumdb/note's GenerateKey writes, so a log key made by Go tlog tools
 * works here and the other way round. Go tools only know type 0x01 private keys; the same form with
 * type 0x04 holds a cosigner key here.
 *
 * <p>{@link #toString()} never shows the secret; only {@link #privateKeyText()} does.
 */
public final class SigningKey {
    private static final String PREFIX = "PRIVATE+KEY+";

    private final byte[] seed;
    private final PrivateKey jdkKey;
    private final VerifierKey verifierKey;

    private SigningKey(String name, KeyType type, byte[] seed) {
        this.seed = seed.clone();
        this.jdkKey = Ed25519.privateKey(seed);
        this.verifierKey = new VerifierKey(name, type, Ed25519.publicKey(seed));
    }

    /** Makes a new Ed25519 key from the system's strong random source. */
    public static SigningKey generate(String name, KeyType type) {
        Objects.requireNonNull(type, "type");
        String bad = Text.invalidNameReason(Objects.requireNonNull(name, "name"));
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        byte[] seed = new byte[Ed25519.SEED_SIZE];
        new SecureRandom().nextBytes(seed);
        return new SigningKey(name, type, seed);
    }

    /**
     * Makes a key from a known 32-byte seed: tests, and keys first kept elsewhere in another form,
     * so that moving them into this form keeps their public key.
     */
    public static SigningKey fromSeed(String name, KeyType type, byte[] seed) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(seed, "seed");
        String bad = Text.invalidNameReason(Objects.requireNonNull(name, "name"));
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        return new SigningKey(name, type, seed);
    }

    /**
     * Parses {@code PRIVATE+KEY+name+keyid+base64(type||seed)}. The text must be exactly the key:
     * strip a trailing newline first if it comes from a file. The key ID must match the public key
     * derived from the seed.
     */
    public static SigningKey parse(String text) throws KeyFormatException {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith(PREFIX)) {
            throw new KeyFormatException("private key must start with " + PREFIX);
        }
        String rest = text.substring(PREFIX.length());
        int plus1 = rest.indexOf('+');
        if (plus1 < 0) {
            throw new KeyFormatException("private key: expected PRIVATE+KEY+name+keyid+base64key");
        }
        String name = rest.substring(0, plus1);
        String bad = Text.invalidNameReason(name);
        if (bad != null) {
            throw new KeyFormatException("private key: " + bad);
        }
        int plus2 = rest.indexOf('+', plus1 + 1);
        if (plus2 < 0) {
            throw new KeyFormatException("private key: expected PRIVATE+KEY+name+keyid+base64key");
        }
        int claimedId = VerifierKey.parseKeyId(rest.substring(plus1 + 1, plus2), "private key");
        VerifierKey.Decoded key =
                VerifierKey.decodeKey(rest.substring(plus2 + 1), Ed25519.SEED_SIZE, "private key", "seed");
        SigningKey k = new SigningKey(name, key.type(), key.material());
        if (k.verifierKey.keyId() != claimedId) {
            throw new KeyFormatException(
                    "private key " + name + ": key ID " + Text.hex8(claimedId)
                            + " does not match the key (it should be " + Text.hex8(k.verifierKey.keyId()) + ")");
        }
        return k;
    }

    public String name() {
        return verifierKey.name();
    }

    public KeyType type() {
        return verifierKey.type();
    }

    /** The public half, to publish as vkey text with {@link VerifierKey#text()}. */
    public VerifierKey verifierKey() {
        return verifierKey;
    }

    /** The secret key text, {@code PRIVATE+KEY+...}; keep it in a file only its owner can read. */
    public String privateKeyText() {
        byte[] encoded = new byte[1 + seed.length];
        encoded[0] = verifierKey.type().id();
        System.arraycopy(seed, 0, encoded, 1, seed.length);
        return PREFIX + name() + "+" + Text.hex8(verifierKey.keyId()) + "+" + Text.encodeBase64(encoded);
    }

    /**
     * Signs note text, which must be non-empty, end in a newline and be valid note text. A
     * cosigner key timestamps its cosignature with the current time (whole seconds).
     */
    public NoteSignature sign(String text) {
        return sign(text, Instant.now());
    }

    /**
     * Signs note text; a cosigner key uses time (truncated to whole POSIX seconds) as the
     * cosignature timestamp, an Ed25519 log key ignores it.
     */
    public NoteSignature sign(String text, Instant time) {
        SignedNote.checkText(text);
        byte[] textBytes = text.getBytes(StandardCharsets.UTF_8);
        return switch (type()) {
            case ED25519 -> new NoteSignature(name(), verifierKey.keyId(), Ed25519.sign(jdkKey, textBytes));
            case COSIGNATURE_V1 -> {
                long timestamp = time.getEpochSecond();
                if (timestamp < 0) {
                    throw new IllegalArgumentException("cosignature time before 1970: " + time);
                }
                byte[] signature = Ed25519.sign(jdkKey, Cosignatures.message(timestamp, textBytes));
                yield new NoteSignature(
                        name(),
                        verifierKey.keyId(),
                        ByteBuffer.allocate(8 + signature.length).putLong(timestamp).put(signature).array());
            }
        };
    }

    /**
     * A bare 64-byte Ed25519 signature over {@code message}, for payloads that are not notes (e.g.
     * a directive an enforcement system checks with {@link VerifierKey#verifyRaw}).
     *
     * <p>Only {@link KeyType#ED25519} keys sign bare messages: a cosigner key signs only what its
     * protocol defines, so nothing it signs here could pass for a cosignature. Give each purpose its
     * own key, so that no bare message can be taken for a note under the same key.
     *
     * @throws IllegalStateException for a cosigner key
     */
    public byte[] signRaw(byte[] message) {
        if (type() != KeyType.ED25519) {
            throw new IllegalStateException("only an Ed25519 key signs bare messages, not a " + type() + " key");
        }
        return Ed25519.sign(jdkKey, Objects.requireNonNull(message, "message"));
    }

    @Override
    public String toString() {
        return "SigningKey[" + name() + "+" + Text.hex8(verifierKey.keyId()) + ", " + type() + "]";
    }
}
