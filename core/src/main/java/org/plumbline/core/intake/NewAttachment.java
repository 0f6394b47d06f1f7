package org.plumbline.core.intake;

/**
 * A file a reporter sends, before it is checked and sealed.
 *
 * @param name      the file name their browser gave (checked: not blank, no control characters, bounded)
 * @param mediaType the media type their browser claimed, or null
 */
public record NewAttachment(String name, String mediaType, byte[] content) {
    @Override
    public String toString() {
        return "NewAttachment[" + (content == null ? 0 : content.length) + " bytes, name hidden]";
    }
}
