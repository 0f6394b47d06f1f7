package org.plumbline.log;

import java.nio.charset.StandardCharsets;

/** A stand-in signer for tests of tree structure, where signatures are not the point. */
final class UnsignedCheckpoints implements CheckpointSigner {
    private final String origin;

    UnsignedCheckpoints(String origin) {
        this.origin = origin;
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public byte[] sign(String checkpointBody) {
        return (checkpointBody + "\n— test AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
