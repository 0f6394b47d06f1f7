package org.plumbline.log.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A C2SP signed-note v1.0.0: a text ending in a newline, a blank line, and one or more signature
 * lines {@code — <key name> base64(key ID || signature)}.
 *
 * <p>{@link #parse} checks the format only; {@link #verify} checks signatures against trusted keys:
 * lines from unknown keys are ignored, every line from a known key must verify, and at least one
 * must. Both are strict and report the reason for a refusal.
 *
 * <p>Limits (the spec asks verifiers to have some, and to accept at least 16 signatures): at most
 * {@value #MAX_SIGNATURES} signature lines and {@value #MAX_NOTE_BYTES} bytes.
 */
public final class SignedNote {
    /** Most signature lines accepted in one note (the spec's minimum is 16; Go's note package allows 100). */
    public static final int MAX_SIGNATURES = 100;
    /** Largest note accepted, in bytes: room for 100 signatures even of post-quantum size. */
    public static final int MAX_NOTE_BYTES = 1 << 20;

    private static final String SIGNATURE_PREFIX = Text.EM_DASH + " ";

    private final String text;
    private final List<NoteSignature> signatures;

    private SignedNote(String text, List<NoteSignature> signatures) {
        this.text = text;
        this.signatures = List.copyOf(signatures);
    }

    /** Signs text with each key, in order. */
    public static SignedNote sign(String text, List<SigningKey> keys) {
        checkText(text);
        if (keys.isEmpty() || keys.size() > MAX_SIGNATURES) {
            throw new IllegalArgumentException("a note needs 1 to " + MAX_SIGNATURES + " signatures");
        }
        List<NoteSignature> signatures = new ArrayList<>();
        for (SigningKey key : keys) {
            signatures.add(key.sign(text));
        }
        return new SignedNote(text, signatures);
    }

    /** Signs text with one or more keys. */
    public static SignedNote sign(String text, SigningKey key, SigningKey... more) {
        List<SigningKey> keys = new ArrayList<>();
        keys.add(key);
        keys.addAll(List.of(more));
        return sign(text, keys);
    }

    /**
     * Returns this note with extra signature lines appended (e.g. witness cosignatures), skipping
     * lines it already has.
     */
    public SignedNote withSignatures(List<NoteSignature> more) {
        List<NoteSignature> all = new ArrayList<>(signatures);
        for (NoteSignature s : more) {
            if (!all.contains(s)) {
                all.add(s);
            }
        }
        if (all.size() > MAX_SIGNATURES) {
            throw new IllegalArgumentException("a note holds at most " + MAX_SIGNATURES + " signatures");
        }
        return new SignedNote(text, all);
    }

    /** The note text, including its final newline but not the blank line. */
    public String text() {
        return text;
    }

    public List<NoteSignature> signatures() {
        return signatures;
    }

    /** The note as bytes: text, blank line, signature lines. */
    public byte[] toBytes() {
        return toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The note as text: text, blank line, signature lines. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(text).append('\n');
        for (NoteSignature s : signatures) {
            b.append(s.line());
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedNote n && n.text.equals(text) && n.signatures.equals(signatures);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, signatures);
    }

    /** Parses and then verifies a note; see {@link #parse} and {@link #verify}. */
    public static VerifiedNote open(byte[] note, Collection<VerifierKey> trusted)
            throws NoteFormatException, NoteVerificationException {
        return parse(note).verify(trusted);
    }

    /**
     * Parses a signed note, checking its format only. The text is separated from the signatures by
     * the last blank line.
     */
    public static SignedNote parse(byte[] note) throws NoteFormatException {
        Objects.requireNonNull(note, "note");
        if (note.length > MAX_NOTE_BYTES) {
            throw new NoteFormatException(
                    "note is " + note.length + " bytes, more than the limit of " + MAX_NOTE_BYTES);
        }
        String s = Text.decodeUtf8(note, "note");
        checkNoControlCharacters(s, "note");
        int split = s.lastIndexOf("\n\n");
        if (split < 0) {
            throw new NoteFormatException("note has no blank line separating the text from the signatures");
        }
        String text = s.substring(0, split + 1);
        String block = s.substring(split + 2);
        int firstSignatureLine = lineCount(text) + 2;
        if (block.isEmpty()) {
            throw new NoteFormatException("note has no signature lines after the blank line");
        }
        if (!block.endsWith("\n")) {
            throw new NoteFormatException(
                    "note does not end with a newline (line " + (firstSignatureLine + lineCount(block)) + ")");
        }
        return new SignedNote(text, parseSignatureBlock(block, firstSignatureLine, "note"));
    }

    /** Parses newline-terminated signature lines; block is non-empty and ends in a newline. */
    static List<NoteSignature> parseSignatureBlock(String block, int firstLine, String what)
            throws NoteFormatException {
        List<NoteSignature> signatures = new ArrayList<>();
        int start = 0;
        int lineNo = firstLine;
        while (start < block.length()) {
            int end = block.indexOf('\n', start);
            if (signatures.size() == MAX_SIGNATURES) {
                throw new NoteFormatException(what + " has more than " + MAX_SIGNATURES + " signature lines");
            }
            signatures.add(parseSignatureLine(block.substring(start, end), what + " line " + lineNo + ": "));
            start = end + 1;
            lineNo++;
        }
        return signatures;
    }

    private static NoteSignature parseSignatureLine(String line, String where) throws NoteFormatException {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw new NoteFormatException(
                    where + "signature line must start with an em dash (U+2014) and a space");
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0) {
            throw new NoteFormatException(where + "signature line must be \"— <name> <base64 signature>\"");
        }
        String name = rest.substring(0, space);
        String bad = Text.invalidNameReason(name);
        if (bad != null) {
            throw new NoteFormatException(where + bad);
        }
        String base64 = rest.substring(space + 1);
        byte[] bytes = Text.decodeBase64(base64);
        if (bytes == null) {
            throw new NoteFormatException(where + "signature of " + name + " is not canonical base64");
        }
        if (bytes.length < 5) {
            throw new NoteFormatException(
                    where + "signature of " + name + " is " + bytes.length + " bytes, less than a key ID and a signature");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int keyId = b.getInt();
        byte[] signature = new byte[b.remaining()];
        b.get(signature);
        return new NoteSignature(name, keyId, signature);
    }

    /**
     * Verifies this note against trusted keys. Signature lines whose (name, key ID) pair matches no
     * trusted key are ignored. Every line that does match must verify, else the whole note is
     * refused (a known key's bad signature means something is wrong). At least one must verify.
     */
    public VerifiedNote verify(Collection<VerifierKey> trusted) throws NoteVerificationException {
        Map<KeyRef, List<VerifierKey>> byRef = new HashMap<>();
        for (VerifierKey k : trusted) {
            List<VerifierKey> same = byRef.computeIfAbsent(new KeyRef(k.name(), k.keyId()), r -> new ArrayList<>());
            if (!same.contains(k)) {
                same.add(k);
            }
        }
        byte[] textBytes = text.getBytes(StandardCharsets.UTF_8);
        Map<VerifierKey, VerifiedNote.Signer> verified = new LinkedHashMap<>();
        for (NoteSignature s : signatures) {
            List<VerifierKey> candidates = byRef.get(new KeyRef(s.name(), s.keyId()));
            if (candidates == null) {
                continue;
            }
            String who = s.name() + "+" + Text.hex8(s.keyId());
            if (candidates.size() > 1) {
                throw new NoteVerificationException(
                        "trusted keys are ambiguous: " + candidates.size() + " different keys are named " + who);
            }
            VerifierKey key = candidates.get(0);
            VerifiedNote.Signer signer = check(key, s.signature(), textBytes, who);
            verified.putIfAbsent(key, signer);
        }
        if (verified.isEmpty()) {
            List<String> names = signatures.stream().map(s -> s.name() + "+" + Text.hex8(s.keyId())).toList();
            throw new NoteVerificationException(
                    "note has no signature from a trusted key (it is signed by " + String.join(", ", names) + ")");
        }
        return new VerifiedNote(text, List.copyOf(verified.values()));
    }

    private static VerifiedNote.Signer check(VerifierKey key, byte[] signature, byte[] text, String who)
            throws NoteVerificationException {
        switch (key.type()) {
            case ED25519 -> {
                if (!key.verifyRaw(text, signature)) {
                    throw new NoteVerificationException("signature by " + who + " does not verify");
                }
                return new VerifiedNote.Signer(key, OptionalLong.empty());
            }
            case COSIGNATURE_V1 -> {
                if (signature.length != Cosignatures.SIGNATURE_SIZE) {
                    throw new NoteVerificationException(
                            "cosignature by " + who + " is " + signature.length + " bytes, expected "
                                    + Cosignatures.SIGNATURE_SIZE + " (timestamp and Ed25519 signature)");
                }
                ByteBuffer b = ByteBuffer.wrap(signature);
                long timestamp = b.getLong();
                if (timestamp < 0) {
                    throw new NoteVerificationException("cosignature by " + who + " has a timestamp above 2^63-1");
                }
                byte[] ed25519 = new byte[Ed25519.SIGNATURE_SIZE];
                b.get(ed25519);
                if (!key.verifyRaw(Cosignatures.message(timestamp, text), ed25519)) {
                    throw new NoteVerificationException("cosignature by " + who + " does not verify");
                }
                return new VerifiedNote.Signer(key, OptionalLong.of(timestamp));
            }
        }
        throw new AssertionError(key.type());
    }

    /** Refuses text that cannot be the text of a note (programming errors when signing). */
    static void checkText(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || !text.endsWith("\n")) {
            throw new IllegalArgumentException("note text must be non-empty and end with a newline");
        }
        try {
            checkNoControlCharacters(text, "note text");
        } catch (NoteFormatException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))
                    && !(Character.isHighSurrogate(text.charAt(i))
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(++i)))) {
                throw new IllegalArgumentException("note text contains a lone surrogate");
            }
        }
    }

    static void checkNoControlCharacters(String s, String what) throws NoteFormatException {
        int line = 1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c < 0x20) {
                throw new NoteFormatException(
                        String.format("%s line %d: control character U+%04X is not allowed", what, line, (int) c));
            }
        }
    }

    private static int lineCount(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private record KeyRef(String name, int keyId) {}
}
