package org.plumbline.log;

import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.note.SigningKey;

/** Signs checkpoints of one log: turns a C2SP tlog-checkpoint body into a signed note. */
public interface CheckpointSigner {
    /** The log's origin line, the first line of every checkpoint it signs. */
    String origin();

    /** The signed note for {@code checkpointBody} (which ends in a newline). */
    byte[] sign(String checkpointBody);

    /**
     * Signs with a log's Ed25519 key. The origin is the key's name: tlog-policy identifies a log's
     * key by its origin, so the two must agree.
     */
    static CheckpointSigner of(SigningKey key) {
        if (key.type() != KeyType.ED25519) {
            throw new IllegalArgumentException("key " + key.name() + " is a " + key.type()
                    + " key; checkpoints are signed with Ed25519 (type 0x01) keys");
        }
        String origin = key.name();
        return new CheckpointSigner() {
            @Override
            public String origin() {
                return origin;
            }

            @Override
            public byte[] sign(String checkpointBody) {
                return SignedNote.sign(checkpointBody, key).toBytes();
            }
        };
    }
}
