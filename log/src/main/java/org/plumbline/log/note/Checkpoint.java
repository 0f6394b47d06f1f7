package org.plumbline.log.note;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP tlog-checkpoint v1.0.0 note text: the origin line, the tree size in decimal (no leading
 * zeros), the base64 RFC 6962 root hash, and optional non-empty extension lines.
 *
 * <p>Immutable: the root hash and extensions are copied in and out. {@link #text()} and {@link
 * #parse} are exact inverses: a text parses only if formatting the result gives the same text.
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {
    /** An RFC 6962 root is a SHA-256 hash. */
    public static final int HASH_SIZE = 32;

    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        if (origin.isEmpty()) {
            throw new IllegalArgumentException("origin is empty");
        }
        checkLine(origin, "origin");
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
        if (rootHash.length != HASH_SIZE) {
            throw new IllegalArgumentException("root hash is " + rootHash.length + " bytes, expected 32");
        }
        rootHash = rootHash.clone();
        extensions = List.copyOf(extensions);
        for (String e : extensions) {
            if (e.isEmpty()) {
                throw new IllegalArgumentException("extension lines must be non-empty");
            }
            checkLine(e, "extension line");
        }
    }

    /** A checkpoint without extension lines. */
    public Checkpoint(String origin, long size, byte[] rootHash) {
        this(origin, size, rootHash, List.of());
    }

    /** A copy of the 32-byte root hash. */
    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The checkpoint note text, ending in a newline: what a log signs. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(origin).append('\n').append(size).append('\n').append(Text.encodeBase64(rootHash)).append('\n');
        for (String e : extensions) {
            b.append(e).append('\n');
        }
        return b.toString();
    }

    /** Parses checkpoint note text (the text of a signed note, without blank line or signatures). */
    public static Checkpoint parse(String text) throws NoteFormatException {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || !text.endsWith("\n")) {
            throw new NoteFormatException("checkpoint text must end with a newline");
        }
        SignedNote.checkNoControlCharacters(text, "checkpoint");
        List<String> lines = new ArrayList<>(Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1)));
        if (lines.size() < 3) {
            throw new NoteFormatException(
                    "checkpoint has " + lines.size() + " line(s), needs at least 3 (origin, size, root hash)");
        }
        String origin = lines.get(0);
        if (origin.isEmpty()) {
            throw new NoteFormatException("checkpoint line 1 (origin) is empty");
        }
        long size = parseSize(lines.get(1));
        byte[] root = Text.decodeBase64(lines.get(2));
        if (root == null) {
            throw new NoteFormatException("checkpoint line 3 (root hash) is not canonical base64");
        }
        if (root.length != HASH_SIZE) {
            throw new NoteFormatException(
                    "checkpoint line 3 (root hash) is " + root.length + " bytes, expected " + HASH_SIZE);
        }
        List<String> extensions = lines.subList(3, lines.size());
        for (int i = 0; i < extensions.size(); i++) {
            if (extensions.get(i).isEmpty()) {
                throw new NoteFormatException("checkpoint line " + (i + 4) + " (extension) is empty");
            }
        }
        try {
            return new Checkpoint(origin, size, root, extensions);
        } catch (IllegalArgumentException e) {
            throw new NoteFormatException("checkpoint: " + e.getMessage());
        }
    }

    /**
     * Parses a signed checkpoint note and verifies it against one log key: the note must carry a
     * valid signature from that key (other signatures, e.g. cosignatures, are ignored) and its
     * origin must be the key's name, as tlog-policy requires of a log key.
     */
    public static Checkpoint open(byte[] signedNote, VerifierKey logKey)
            throws NoteFormatException, NoteVerificationException {
        SignedNote note = SignedNote.parse(signedNote);
        Checkpoint checkpoint = parse(note.text());
        note.verify(List.of(logKey));
        if (!checkpoint.origin().equals(logKey.name())) {
            throw new NoteVerificationException(
                    "checkpoint origin \"" + checkpoint.origin() + "\" is not the log key's name \"" + logKey.name() + "\"");
        }
        return checkpoint;
    }

    private static long parseSize(String line) throws NoteFormatException {
        String where = "checkpoint line 2 (tree size) ";
        if (line.isEmpty()) {
            throw new NoteFormatException(where + "is empty");
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw new NoteFormatException(where + "is not a decimal number: \"" + line + "\"");
            }
        }
        if (line.length() > 1 && line.charAt(0) == '0') {
            throw new NoteFormatException(where + "has a leading zero: \"" + line + "\"");
        }
        if (line.length() > 19) {
            throw new NoteFormatException(where + "is larger than 2^63-1: \"" + line + "\"");
        }
        try {
            return Long.parseLong(line);
        } catch (NumberFormatException e) {
            throw new NoteFormatException(where + "is larger than 2^63-1: \"" + line + "\"");
        }
    }

    private static void checkLine(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20) {
                throw new IllegalArgumentException(what + " contains a control character or newline");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c
                && c.origin.equals(origin)
                && c.size == size
                && Arrays.equals(c.rootHash, rootHash)
                && c.extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, size, Arrays.hashCode(rootHash), extensions);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + origin + ", size " + size + ", root " + Text.encodeBase64(rootHash)
                + (extensions.isEmpty() ? "" : ", " + extensions.size() + " extension line(s)") + "]";
    }
}
