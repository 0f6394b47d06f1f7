package org.plumbline.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A record's offline proof in the C2SP tlog-proof@v1 text form: the header line, the entry's index, its
 * RFC 6962 inclusion proof (one base64 hash per line, leaf's sibling first), an empty line, and the
 * signed checkpoint verbatim. Together with the record's canonical bytes and the log's public key, it
 * proves the record is in the log without asking the server anything.
 */
final class RecordProof {
    static final String HEADER = "c2sp.org/tlog-proof@v1";

    private RecordProof() {
    }

    static byte[] format(long index, List<byte[]> inclusionProof, byte[] signedCheckpoint) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        out.append("index ").append(index).append('\n');
        Base64.Encoder b64 = Base64.getEncoder();
        for (byte[] hash : inclusionProof) {
            out.append(b64.encodeToString(hash)).append('\n');
        }
        out.append('\n');
        byte[] head = out.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + signedCheckpoint.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(signedCheckpoint, 0, all, head.length, signedCheckpoint.length);
        return all;
    }
}
