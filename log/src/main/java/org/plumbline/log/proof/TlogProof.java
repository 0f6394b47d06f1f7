package org.plumbline.log.proof;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.plumbline.log.merkle.Hashes;
import org.plumbline.log.merkle.ProofException;
import org.plumbline.log.merkle.Proofs;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.NoteFormatException;
import org.plumbline.log.note.NoteVerificationException;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.policy.Policy;

/**
 * A C2SP tlog-proof@v1 file: offline evidence that an entry is in a log, as
 *
 * <pre>
 * c2sp.org/tlog-proof@v1
 * extra &lt;base64 extra data&gt;         (only if there is extra data)
 * index &lt;decimal index&gt;
 * &lt;base64 inclusion proof hash&gt;       (zero or more, leaf's sibling first)
 *
 * &lt;the signed checkpoint note, verbatim, with its cosignatures&gt;
 * </pre>
 *
 * <p>Immutable; arrays are copied in and out. {@link #toBytes()} and {@link #parse} are exact
 * inverses. The extra data is not authenticated by anything: never trust it on its own.
 *
 * @param index the entry's zero-based index in the log
 * @param inclusionProof RFC 6962 inclusion proof hashes (32 bytes each) in the checkpoint's tree
 * @param checkpoint the signed checkpoint note, bytes as the log (and witnesses) signed them
 * @param extraData opaque application data; empty if none
 */
public record TlogProof(long index, List<byte[]> inclusionProof, byte[] checkpoint, byte[] extraData) {
    static final String HEADER = "c2sp.org/tlog-proof@v1";
    /** An inclusion proof in a tree of at most 2^63-1 leaves has at most 63 hashes. */
    static final int MAX_HASHES = 63;
    /** Largest extra data accepted, in bytes. */
    static final int MAX_EXTRA_BYTES = 64 * 1024;
    /** Largest proof file accepted: the largest note plus room for the rest. */
    static final int MAX_FILE_BYTES = SignedNote.MAX_NOTE_BYTES + 2 * MAX_EXTRA_BYTES;

    public TlogProof {
        if (index < 0) {
            throw new IllegalArgumentException("index is negative: " + index);
        }
        if (inclusionProof.size() > MAX_HASHES) {
            throw new IllegalArgumentException("an inclusion proof has at most " + MAX_HASHES + " hashes");
        }
        List<byte[]> copy = new ArrayList<>();
        for (byte[] h : inclusionProof) {
            if (h.length != Hashes.SIZE) {
                throw new IllegalArgumentException("inclusion proof hash is " + h.length + " bytes, expected 32");
            }
            copy.add(h.clone());
        }
        inclusionProof = List.copyOf(copy);
        try {
            Checkpoint.parse(SignedNote.parse(checkpoint).text());
        } catch (NoteFormatException e) {
            throw new IllegalArgumentException("not a signed checkpoint: " + e.getMessage());
        }
        checkpoint = checkpoint.clone();
        if (extraData.length > MAX_EXTRA_BYTES) {
            throw new IllegalArgumentException("extra data is larger than " + MAX_EXTRA_BYTES + " bytes");
        }
        extraData = extraData.clone();
    }

    /** A proof without extra data. */
    public TlogProof(long index, List<byte[]> inclusionProof, byte[] checkpoint) {
        this(index, inclusionProof, checkpoint, new byte[0]);
    }

    @Override
    public List<byte[]> inclusionProof() {
        return inclusionProof.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] checkpoint() {
        return checkpoint.clone();
    }

    @Override
    public byte[] extraData() {
        return extraData.clone();
    }

    /** The proof file's bytes. */
    public byte[] toBytes() {
        StringBuilder head = new StringBuilder(HEADER).append('\n');
        if (extraData.length > 0) {
            head.append("extra ").append(Base64.getEncoder().encodeToString(extraData)).append('\n');
        }
        head.append("index ").append(index).append('\n');
        for (byte[] h : inclusionProof) {
            head.append(Base64.getEncoder().encodeToString(h)).append('\n');
        }
        head.append('\n');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(checkpoint);
        return out.toByteArray();
    }

    /**
     * Parses a proof file strictly: exact header, canonical base64, decimal index without leading
     * zeros, 32-byte hashes, and a well-formed signed checkpoint note after the blank line.
     */
    public static TlogProof parse(byte[] file) throws ProofFormatException {
        Objects.requireNonNull(file, "file");
        if (file.length > MAX_FILE_BYTES) {
            throw new ProofFormatException("proof is " + file.length + " bytes, more than the limit of " + MAX_FILE_BYTES);
        }
        Lines lines = new Lines(file);
        String header = lines.next();
        if (header == null || !header.equals(HEADER)) {
            throw new ProofFormatException("proof line 1: expected \"" + HEADER + "\"");
        }
        String line = lines.expectNext("index");
        byte[] extra = new byte[0];
        if (line.startsWith("extra ")) {
            extra = decode(line.substring("extra ".length()), lines.number, "extra data");
            if (extra.length == 0) {
                throw new ProofFormatException("proof line " + lines.number + ": extra data is empty (omit the line instead)");
            }
            if (extra.length > MAX_EXTRA_BYTES) {
                throw new ProofFormatException("proof line " + lines.number + ": extra data is larger than " + MAX_EXTRA_BYTES + " bytes");
            }
            line = lines.expectNext("index");
        }
        if (!line.startsWith("index ")) {
            throw new ProofFormatException("proof line " + lines.number + ": expected \"index <n>\"");
        }
        long index = parseIndex(line.substring("index ".length()), lines.number);
        List<byte[]> hashes = new ArrayList<>();
        while (true) {
            line = lines.expectNext("blank line before the checkpoint");
            if (line.isEmpty()) {
                break;
            }
            if (hashes.size() == MAX_HASHES) {
                throw new ProofFormatException("proof line " + lines.number + ": more than " + MAX_HASHES + " inclusion proof hashes");
            }
            byte[] h = decode(line, lines.number, "inclusion proof hash");
            if (h.length != Hashes.SIZE) {
                throw new ProofFormatException(
                        "proof line " + lines.number + ": inclusion proof hash is " + h.length + " bytes, expected 32");
            }
            hashes.add(h);
        }
        int noteStart = lines.number + 1;
        byte[] note = Arrays.copyOfRange(file, lines.offset, file.length);
        if (note.length == 0) {
            throw new ProofFormatException("proof line " + noteStart + ": the signed checkpoint is missing");
        }
        try {
            Checkpoint.parse(SignedNote.parse(note).text());
        } catch (NoteFormatException e) {
            throw new ProofFormatException("proof line " + noteStart + " onwards (signed checkpoint): " + e.getMessage());
        }
        return new TlogProof(index, hashes, note, extra);
    }

    /**
     * Verifies a proof file offline: the checkpoint must satisfy the policy (trusted log signature
     * and witness quorum), and the inclusion proof must show the RFC 6962 leaf hash of entry at the
     * proof's index in that checkpoint's tree. Returns the verified checkpoint.
     */
    public static Checkpoint verify(byte[] proofFile, byte[] entry, Policy policy) throws ProofVerificationException {
        TlogProof proof;
        try {
            proof = parse(proofFile);
        } catch (ProofFormatException e) {
            throw new ProofVerificationException("malformed proof: " + e.getMessage(), e);
        }
        return proof.verify(entry, policy);
    }

    /** Verifies this proof for entry against policy; see {@link #verify(byte[], byte[], Policy)}. */
    public Checkpoint verify(byte[] entry, Policy policy) throws ProofVerificationException {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(policy, "policy");
        Checkpoint c;
        try {
            c = policy.verify(checkpoint);
        } catch (NoteFormatException | NoteVerificationException e) {
            throw new ProofVerificationException("checkpoint is not trusted by the policy: " + e.getMessage(), e);
        }
        try {
            Proofs.verifyInclusion(Hashes.leaf(entry), index, c.size(), inclusionProof, c.rootHash());
        } catch (ProofException e) {
            throw new ProofVerificationException(
                    "entry is not proven at index " + index + " of " + c.origin() + " size " + c.size() + ": " + e.getMessage(), e);
        }
        return c;
    }

    private static long parseIndex(String s, int lineNo) throws ProofFormatException {
        boolean decimal = !s.isEmpty() && s.length() <= 19 && s.chars().allMatch(ch -> ch >= '0' && ch <= '9');
        if (!decimal || (s.length() > 1 && s.charAt(0) == '0')) {
            throw new ProofFormatException(
                    "proof line " + lineNo + ": index must be a decimal number without leading zeros, got \"" + s + "\"");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new ProofFormatException("proof line " + lineNo + ": index is larger than 2^63-1");
        }
    }

    private static byte[] decode(String s, int lineNo, String what) throws ProofFormatException {
        byte[] bytes = null;
        if (s.length() % 4 == 0) {
            try {
                bytes = Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                bytes = null;
            }
        }
        if (bytes == null || !Base64.getEncoder().encodeToString(bytes).equals(s)) {
            throw new ProofFormatException("proof line " + lineNo + ": " + what + " is not canonical base64");
        }
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TlogProof p) || p.index != index || p.inclusionProof.size() != inclusionProof.size()) {
            return false;
        }
        for (int i = 0; i < inclusionProof.size(); i++) {
            if (!Arrays.equals(p.inclusionProof.get(i), inclusionProof.get(i))) {
                return false;
            }
        }
        return Arrays.equals(p.checkpoint, checkpoint) && Arrays.equals(p.extraData, extraData);
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(index);
        for (byte[] b : inclusionProof) {
            h = 31 * h + Arrays.hashCode(b);
        }
        return 31 * (31 * h + Arrays.hashCode(checkpoint)) + Arrays.hashCode(extraData);
    }

    @Override
    public String toString() {
        return "TlogProof[index " + index + ", " + inclusionProof.size() + " hashes, "
                + checkpoint.length + "-byte checkpoint, " + extraData.length + " bytes of extra data]";
    }

    /** Reads the ASCII lines before the checkpoint, tracking line numbers and byte offsets. */
    private static final class Lines {
        private final byte[] file;
        int offset;
        int number;

        Lines(byte[] file) {
            this.file = file;
        }

        /** The next newline-terminated line without its newline, or null at the end. */
        String next() throws ProofFormatException {
            int end = offset;
            while (end < file.length && file[end] != '\n') {
                end++;
            }
            if (end == file.length) {
                return null;
            }
            number++;
            for (int i = offset; i < end; i++) {
                if (file[i] < 0x20 || file[i] > 0x7e) {
                    throw new ProofFormatException(String.format(
                            "proof line %d: byte 0x%02x at column %d is not printable ASCII", number, file[i] & 0xff, i - offset + 1));
                }
            }
            String line = new String(file, offset, end - offset, StandardCharsets.US_ASCII);
            offset = end + 1;
            return line;
        }

        String expectNext(String what) throws ProofFormatException {
            String line = next();
            if (line == null) {
                throw new ProofFormatException("proof line " + (number + 1) + ": proof ends before the " + what);
            }
            return line;
        }
    }
}
