package org.plumbline.log.note;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One signature line of a signed note: {@code — <name> base64(key ID || signature)}. For a
 * cosignature, signature is the 8-byte timestamp followed by the 64-byte Ed25519 signature.
 *
 * <p>Holding a NoteSignature says nothing about whether it is valid; only {@link
 * SignedNote#verify} checks signatures.
 */
public record NoteSignature(String name, int keyId, byte[] signature) {
    public NoteSignature {
        Objects.requireNonNull(name, "name");
        String bad = Text.invalidNameReason(name);
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        if (signature.length < 1) {
            throw new IllegalArgumentException("a signature has at least one byte");
        }
        signature = signature.clone();
    }

    /**
     * Parses bare signature lines, such as the body a witness returns from tlog-witness
     * {@code add-checkpoint}: one or more lines {@code — <name> <base64>}, each ending in a newline,
     * under the same rules and limits as the signature lines of a note. To trust them, add them to
     * the note with {@link SignedNote#withSignatures} and verify it against the witness keys.
     */
    public static List<NoteSignature> parseLines(byte[] lines) throws NoteFormatException {
        Objects.requireNonNull(lines, "lines");
        if (lines.length > SignedNote.MAX_NOTE_BYTES) {
            throw new NoteFormatException("signature lines are " + lines.length + " bytes, more than the limit of "
                    + SignedNote.MAX_NOTE_BYTES);
        }
        String s = Text.decodeUtf8(lines, "signature lines");
        SignedNote.checkNoControlCharacters(s, "signature lines");
        if (s.isEmpty()) {
            throw new NoteFormatException("no signature lines");
        }
        if (!s.endsWith("\n")) {
            throw new NoteFormatException("signature lines do not end with a newline");
        }
        return SignedNote.parseSignatureBlock(s, 1, "signature lines");
    }

    /** A copy of the signature bytes (without the key ID). */
    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The full signature line, including the em dash and the final newline. */
    public String line() {
        byte[] bytes = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
        return Text.EM_DASH + " " + name + " " + Text.encodeBase64(bytes) + "\n";
    }

    /** Same key, same bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NoteSignature s
                && s.name.equals(name)
                && s.keyId == keyId
                && Arrays.equals(s.signature, signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, keyId, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return line().strip();
    }
}
