package org.plumbline.log.witness;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.plumbline.log.merkle.Hashes;
import org.plumbline.log.merkle.ProofException;
import org.plumbline.log.merkle.Proofs;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.NoteFormatException;
import org.plumbline.log.note.NoteVerificationException;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.note.VerifierKey;

/**
 * A C2SP tlog-witness v1.0.0 {@code add-checkpoint} request, and the witness's decision on it.
 *
 * <p>The body is {@code old <size>\n}, zero to 63 consistency proof lines (one base64 hash each), an
 * empty line, and the signed checkpoint. {@link #parse} checks the form only (a refusal is a 400).
 * {@link #decide} is a pure function of the request, the keys trusted for its origin and the latest
 * checkpoint this witness cosigned for that origin; {@link WitnessState} calls it under the origin's
 * lock and stores what it accepts before anyone is answered. The checks run in the spec's order:
 *
 * <ol>
 *   <li>unknown origin: 404;
 *   <li>no valid signature from a key trusted for the origin: 403 (a trusted key's bad signature
 *       also refuses, as {@link SignedNote#verify} always does);
 *   <li>old size above the checkpoint's size: 400;
 *   <li>old size other than the size of the latest cosigned checkpoint (0 if none): 409 with that size;
 *   <li>old size equal to the checkpoint's size and a root other than the cosigned one: 409;
 *   <li>a consistency proof that does not verify from the <em>stored</em> root to the checkpoint's
 *       root, or any proof at all with old size 0 ("the proof MUST be empty"): 422;
 *   <li>otherwise 200, and the checkpoint becomes the latest cosigned one.
 * </ol>
 *
 * <p>So the witness never cosigns a tree smaller than one it cosigned (its old size would be
 * below the stored one), nor another root for a size it cosigned (equal sizes must have equal
 * roots; a larger tree must be proved to extend the stored root).
 */
public record AddCheckpoint(long oldSize, List<byte[]> proof, SignedNote note, Checkpoint checkpoint) {
    /** The spec: "The client MUST NOT send more than 63 consistency proof lines." */
    public static final int MAX_PROOF_LINES = 63;

    public AddCheckpoint {
        proof = proof.stream().map(byte[]::clone).toList();
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(checkpoint, "checkpoint");
    }

    @Override
    public List<byte[]> proof() {
        return proof.stream().map(byte[]::clone).toList();
    }

    /** What the witness answers. */
    public sealed interface Outcome {
        int status();

        /** 200: cosign {@code checkpoint}, which is now the latest cosigned one for its origin. */
        record Cosign(Checkpoint checkpoint) implements Outcome {
            @Override
            public int status() {
                return 200;
            }
        }

        /**
         * 409: the request does not start from what this witness cosigned last; {@code latestSize}
         * is that checkpoint's size (0 if none), the {@code text/x.tlog.size} body.
         */
        record Conflict(long latestSize, String reason) implements Outcome {
            @Override
            public int status() {
                return 409;
            }
        }

        /** 400, 403, 404 or 422, with a reason for the client. */
        record Refuse(int status, String reason) implements Outcome {}
    }

    /** Parses a request body; the exception's message is the 400 answer. */
    public static AddCheckpoint parse(byte[] body) throws RequestFormatException {
        int end = indexOfBlankLine(body);
        if (end < 0) {
            throw new RequestFormatException("request has no empty line before the checkpoint");
        }
        String header = new String(body, 0, end, StandardCharsets.US_ASCII);
        for (int i = 0; i < end; i++) {
            if (body[i] < 0x20 && body[i] != '\n' || (body[i] & 0xff) >= 0x7f) {
                throw new RequestFormatException("request: the lines before the checkpoint must be printable ASCII");
            }
        }
        String[] lines = header.split("\n", -1); // header ends with "\n", so the last element is ""
        String first = lines[0];
        if (!first.startsWith("old ")) {
            throw new RequestFormatException("request line 1: expected \"old <size>\", found \"" + first + "\"");
        }
        long oldSize = parseSize(first.substring(4));
        int proofLines = lines.length - 2;
        if (proofLines > MAX_PROOF_LINES) {
            throw new RequestFormatException("request has " + proofLines + " consistency proof lines, more than " + MAX_PROOF_LINES);
        }
        List<byte[]> proof = new ArrayList<>();
        for (int i = 1; i <= proofLines; i++) {
            proof.add(parseHash(lines[i], i + 1));
        }
        SignedNote note;
        Checkpoint checkpoint;
        try {
            note = SignedNote.parse(Arrays.copyOfRange(body, end + 1, body.length));
            checkpoint = Checkpoint.parse(note.text());
        } catch (NoteFormatException e) {
            throw new RequestFormatException("request checkpoint: " + e.getMessage());
        }
        return new AddCheckpoint(oldSize, proof, note, checkpoint);
    }

    /**
     * Decides the answer. {@code trusted} are the keys listed for the checkpoint's origin (empty if it
     * is not witnessed); {@code latest} is the checkpoint this witness cosigned last for it.
     */
    public Outcome decide(List<VerifierKey> trusted, Optional<Checkpoint> latest) {
        String origin = checkpoint.origin();
        if (trusted.isEmpty()) {
            return new Outcome.Refuse(404, "this witness does not witness the log \"" + origin + "\"");
        }
        try {
            note.verify(trusted);
        } catch (NoteVerificationException e) {
            return new Outcome.Refuse(403, "checkpoint is not signed by the log: " + e.getMessage());
        }
        long size = checkpoint.size();
        if (oldSize > size) {
            return new Outcome.Refuse(400, "old size " + oldSize + " is larger than the checkpoint's size " + size);
        }
        long latestSize = latest.map(Checkpoint::size).orElse(0L);
        if (oldSize != latestSize) {
            return new Outcome.Conflict(latestSize,
                    "old size " + oldSize + " is not the size of the latest cosigned checkpoint, " + latestSize);
        }
        byte[] latestRoot = latest.map(Checkpoint::rootHash).orElse(Hashes.emptyRoot());
        if (oldSize == size) {
            if (!MessageDigest.isEqual(latestRoot, checkpoint.rootHash())) {
                return new Outcome.Conflict(latestSize, latest.isPresent()
                        ? "a different root was cosigned for tree size " + size
                        : "the root of an empty tree is SHA-256 of nothing, not this");
            }
            if (!proof.isEmpty()) {
                return new Outcome.Refuse(422, "a consistency proof between equal sizes must be empty");
            }
            return new Outcome.Cosign(checkpoint);
        }
        if (oldSize == 0) {
            if (!proof.isEmpty()) {
                return new Outcome.Refuse(422, "the consistency proof must be empty when the old size is 0");
            }
            return new Outcome.Cosign(checkpoint);
        }
        try {
            Proofs.verifyConsistency(oldSize, size, proof, latestRoot, checkpoint.rootHash());
        } catch (ProofException e) {
            return new Outcome.Refuse(422, "consistency proof from " + oldSize + " to " + size + ": " + e.getMessage());
        }
        return new Outcome.Cosign(checkpoint);
    }

    private static int indexOfBlankLine(byte[] body) {
        for (int i = 0; i + 1 < body.length; i++) {
            if (body[i] == '\n' && body[i + 1] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private static long parseSize(String s) throws RequestFormatException {
        if (!s.matches("0|[1-9][0-9]{0,18}")) {
            throw new RequestFormatException("request line 1: old size is not a decimal without leading zeros: \"" + s + "\"");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new RequestFormatException("request line 1: old size is larger than 2^63-1");
        }
    }

    private static byte[] parseHash(String line, int lineNumber) throws RequestFormatException {
        String where = "request line " + lineNumber + ": ";
        byte[] hash;
        try {
            hash = Base64.getDecoder().decode(line);
        } catch (IllegalArgumentException e) {
            throw new RequestFormatException(where + "consistency proof line is not base64");
        }
        // Canonical encoding only, so that no two request bodies mean the same thing.
        if (hash.length != Hashes.SIZE || !Base64.getEncoder().encodeToString(hash).equals(line)) {
            throw new RequestFormatException(where + "consistency proof line is not the canonical base64 of a 32-byte hash");
        }
        return hash;
    }
}
