package org.plumbline.log.note;

/**
 * The signed-note signature types Plumbline supports (C2SP signed-note v1.0.0, "Signature types").
 *
 * <p>Only the two Ed25519 types are implemented: the spec asks implementations to support only the
 * types their design needs, and a log needs plain note signatures while witnesses need
 * timestamped cosignatures.
 */
public enum KeyType {
    /** {@code 0x01}: an Ed25519 signature over the note text; what a log signs its checkpoints with. */
    ED25519((byte) 0x01),
    /**
     * {@code 0x04}: a C2SP tlog-cosignature v1.0.1 Ed25519 cosignature: an 8-byte big-endian POSIX
     * timestamp followed by an Ed25519 signature over {@code cosignature/v1\ntime <t>\n} and the
     * checkpoint text; what a witness signs with.
     */
    COSIGNATURE_V1((byte) 0x04);

    private final byte id;

    KeyType(byte id) {
        this.id = id;
    }

    /** The signature type identifier byte, as it appears in key IDs and encoded keys. */
    public byte id() {
        return id;
    }

    /** Returns the type with this identifier byte, or null if Plumbline does not support it. */
    static KeyType of(byte id) {
        for (KeyType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }
}
