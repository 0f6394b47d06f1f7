package org.plumbline.log.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The C2SP tlog-cosignature v1.0.1 Ed25519 signed message and signature layout. */
final class Cosignatures {
    /** 8-byte timestamp followed by a 64-byte Ed25519 signature. */
    static final int SIGNATURE_SIZE = 8 + Ed25519.SIGNATURE_SIZE;

    private Cosignatures() {}

    /** {@code cosignature/v1\ntime <t>\n} followed by the whole checkpoint note text. */
    static byte[] message(long timestamp, byte[] noteText) {
        byte[] header = ("cosignature/v1\ntime " + timestamp + "\n").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(header.length + noteText.length).put(header).put(noteText).array();
    }
}
