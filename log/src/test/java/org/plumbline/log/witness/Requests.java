package org.plumbline.log.witness;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.note.SigningKey;

/** Builds add-checkpoint request bodies and signed checkpoints for tests. */
final class Requests {
    private Requests() {}

    static SignedNote checkpoint(SigningKey logKey, String origin, TestTree tree, long size) {
        return SignedNote.sign(new Checkpoint(origin, size, tree.root(size)).text(), logKey);
    }

    static byte[] body(long old, List<byte[]> proof, SignedNote note) {
        return body(old, proof, note.toBytes());
    }

    static byte[] body(long old, List<byte[]> proof, byte[] note) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("old " + old + "\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] h : proof) {
            out.writeBytes((Base64.getEncoder().encodeToString(h) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(note);
        return out.toByteArray();
    }
}
