package org.plumbline.log.note;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * A public key that checks note signatures, in the C2SP signed-note verifier key ("vkey") form
 * {@code <name>+<8 hex digit key ID>+<base64(type byte || 32-byte Ed25519 public key)>}, as
 * golang.org/x/mod/sumdb/note and the other tlog tools write it.
 *
 * <p>Immutable. Two verifier keys are equal when name, type and public key are equal (the key ID
 * follows from those).
 */
public final class VerifierKey {
    private final String name;
    private final KeyType type;
    private final byte[] publicKey;
    private final int keyId;
    private final PublicKey jdkKey;

    VerifierKey(String name, KeyType type, byte[] publicKey) {
        this(name, type, publicKey, Text.keyId(name, type, publicKey));
    }

    /**
     * A verifier key from its parts, e.g. a raw 32-byte public key published without a name.
     *
     * @throws IllegalArgumentException for an invalid name or a key that is not 32 bytes
     */
    public static VerifierKey of(String name, KeyType type, byte[] publicKey) {
        return new VerifierKey(Objects.requireNonNull(name, "name"), type, Objects.requireNonNull(publicKey, "publicKey"));
    }

    /** With an explicit key ID: only for tests that need two keys whose IDs collide. */
    VerifierKey(String name, KeyType type, byte[] publicKey, int keyId) {
        String bad = Text.invalidNameReason(name);
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        if (publicKey.length != Ed25519.PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
        }
        this.name = name;
        this.type = Objects.requireNonNull(type);
        this.publicKey = publicKey.clone();
        this.keyId = keyId;
        this.jdkKey = Ed25519.publicKeyObject(publicKey);
    }

    /**
     * Parses a verifier key. The text must be exactly the key (no surrounding whitespace or final
     * newline: strip them first if the key comes from a file). The key ID must match the name and
     * key, so a mistyped or spliced key is refused rather than silently never matching.
     */
    public static VerifierKey parse(String text) throws KeyFormatException {
        Objects.requireNonNull(text, "text");
        int plus1 = text.indexOf('+');
        if (plus1 < 0) {
            throw new KeyFormatException("verifier key has no '+': expected name+keyid+base64key");
        }
        String name = text.substring(0, plus1);
        String bad = Text.invalidNameReason(name);
        if (bad != null) {
            throw new KeyFormatException("verifier key: " + bad);
        }
        int plus2 = text.indexOf('+', plus1 + 1);
        if (plus2 < 0) {
            throw new KeyFormatException("verifier key has one '+': expected name+keyid+base64key");
        }
        int claimedId = parseKeyId(text.substring(plus1 + 1, plus2), "verifier key");
        Decoded key = decodeKey(text.substring(plus2 + 1), Ed25519.PUBLIC_KEY_SIZE, "verifier key", "public key");
        VerifierKey v = new VerifierKey(name, key.type, key.material);
        if (v.keyId != claimedId) {
            throw new KeyFormatException(
                    "verifier key " + name + ": key ID " + Text.hex8(claimedId)
                            + " does not match the key (it should be " + Text.hex8(v.keyId) + ")");
        }
        return v;
    }

    /** The key name: the log origin for a log key, the witness name for a cosigner key. */
    public String name() {
        return name;
    }

    public KeyType type() {
        return type;
    }

    /** The 32-bit key ID (first four bytes of SHA-256(name || 0x0A || type || public key)). */
    public int keyId() {
        return keyId;
    }

    /** A copy of the raw 32-byte Ed25519 public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The key as vkey text: {@code name+keyid+base64(type||key)}. */
    public String text() {
        byte[] encoded = new byte[1 + publicKey.length];
        encoded[0] = type.id();
        System.arraycopy(publicKey, 0, encoded, 1, publicKey.length);
        return name + "+" + Text.hex8(keyId) + "+" + Text.encodeBase64(encoded);
    }

    /**
     * True if {@code signature} is a valid bare 64-byte Ed25519 signature of {@code message} by this key
     * (a note signature without its 4-byte key ID, or what {@link SigningKey#signRaw} made).
     */
    public boolean verifyRaw(byte[] message, byte[] signature) {
        return Ed25519.verify(jdkKey, message, signature);
    }

    boolean sameKeyAs(VerifierKey other) {
        return Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifierKey v
                && v.name.equals(name)
                && v.type == type
                && Arrays.equals(v.publicKey, publicKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, keyId);
    }

    @Override
    public String toString() {
        return text();
    }

    static int parseKeyId(String hex, String what) throws KeyFormatException {
        if (hex.length() != 8) {
            throw new KeyFormatException(what + ": key ID must be 8 hex digits, got \"" + hex + "\"");
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            boolean isHex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!isHex) {
                throw new KeyFormatException(what + ": key ID must be 8 hex digits, got \"" + hex + "\"");
            }
        }
        return (int) Long.parseLong(hex, 16);
    }

    record Decoded(KeyType type, byte[] material) {}

    static Decoded decodeKey(String base64, int size, String what, String materialName)
            throws KeyFormatException {
        byte[] bytes = Text.decodeBase64(base64);
        if (bytes == null) {
            throw new KeyFormatException(what + ": key data is not canonical base64");
        }
        if (bytes.length < 1) {
            throw new KeyFormatException(what + ": key data is empty");
        }
        KeyType type = KeyType.of(bytes[0]);
        if (type == null) {
            throw new KeyFormatException(
                    String.format(
                            "%s: unsupported signature type 0x%02x (supported: 0x01 Ed25519, 0x04 Ed25519 cosignature)",
                            what, bytes[0] & 0xff));
        }
        if (bytes.length != 1 + size) {
            throw new KeyFormatException(
                    what + ": " + materialName + " is " + (bytes.length - 1) + " bytes, expected " + size);
        }
        return new Decoded(type, Arrays.copyOfRange(bytes, 1, bytes.length));
    }
}
