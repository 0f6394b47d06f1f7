package org.plumbline.log;

import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;

/** Fresh log keys for tests. */
final class TestSigners {
    private TestSigners() {}

    static CheckpointSigner forOrigin(String origin) {
        return CheckpointSigner.of(SigningKey.generate(origin, KeyType.ED25519));
    }
}
