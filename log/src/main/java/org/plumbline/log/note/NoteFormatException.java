package org.plumbline.log.note;

/**
 * Text that should be a signed note, a checkpoint, or a key is malformed. The message says what is
 * wrong and where (line number, field).
 */
public final class NoteFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    NoteFormatException(String message) {
        super(message);
    }
}
