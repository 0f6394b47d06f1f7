package org.plumbline.core.intake;

import java.time.LocalDate;

/**
 * A file attached to a report, as listed (decrypted name and type, no content).
 *
 * @param number    its number within the report, from 1, in the order the files arrived
 * @param name      the file name the reporter's browser gave
 * @param mediaType the media type the reporter's browser claimed: shown, never trusted (downloads are served as
 *                  {@code application/octet-stream})
 * @param size      its size in bytes
 * @param day       the day it was added; the intake keeps no finer time
 */
public record Attachment(int number, String name, String mediaType, long size, LocalDate day) {
    /** A file's bytes with what is listed about it. */
    public record File(Attachment about, byte[] content) {
        @Override
        public String toString() {
            return "Attachment.File[" + about.number() + ", " + content.length + " bytes]";
        }
    }
}
