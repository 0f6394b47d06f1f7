package org.plumbline.log;

/** Signs checkpoints of one log: turns a C2SP tlog-checkpoint body into a signed note. */
public interface CheckpointSigner {
    /** The log's origin line, the first line of every checkpoint it signs. */
    String origin();

    /** The signed note for {@code checkpointBody} (which ends in a newline). */
    byte[] sign(String checkpointBody);
}
