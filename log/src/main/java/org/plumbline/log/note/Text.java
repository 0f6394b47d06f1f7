package org.plumbline.log.note;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.plumbline.log.hash.Sha256;

/** Small text rules shared by notes, checkpoints and keys: names, key IDs, canonical base64, UTF-8. */
final class Text {
    static final char EM_DASH = '\u2014';

    private Text() {}

    /**
     * Why name is not a valid key name, or null if it is. signed-note: non-empty, no Unicode spaces
     * (the White_Space property, as Go's unicode.IsSpace), no '+'. Control characters are refused
     * too: a name holding one could never appear in a note.
     */
    static String invalidNameReason(String name) {
        if (name.isEmpty()) {
            return "key name is empty";
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (cp == '+') {
                return "key name contains '+'";
            }
            if (isUnicodeSpace(cp)) {
                return String.format("key name contains a space character U+%04X", cp);
            }
            if (cp < 0x20 || cp == 0x7f) {
                return String.format("key name contains a control character U+%04X", cp);
            }
            if (Character.isSurrogate(name.charAt(i)) && !Character.isSupplementaryCodePoint(cp)) {
                return "key name is not valid UTF-16 text (lone surrogate)";
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    /** Unicode White_Space code points: what Go's unicode.IsSpace and the spec call spaces. */
    static boolean isUnicodeSpace(int cp) {
        return (cp >= 0x09 && cp <= 0x0d)
                || cp == 0x20
                || cp == 0x85
                || cp == 0xa0
                || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200a)
                || cp == 0x2028
                || cp == 0x2029
                || cp == 0x202f
                || cp == 0x205f
                || cp == 0x3000;
    }

    /** key ID = first 4 bytes, big-endian, of SHA-256(name || 0x0A || type || public key). */
    static int keyId(String name, KeyType type, byte[] publicKey) {
        MessageDigest sha256 = Sha256.newDigest();
        sha256.update(name.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        sha256.update(type.id());
        sha256.update(publicKey);
        return ByteBuffer.wrap(sha256.digest()).getInt();
    }

    static String hex8(int keyId) {
        return HexFormat.of().toHexDigits(keyId);
    }

    /**
     * Decodes standard padded base64 (RFC 4648 section 4), accepting only the canonical encoding,
     * so that one value has exactly one spelling and nobody can alter a note's bytes without
     * altering what they mean. Returns null if s is not canonical base64.
     */
    static byte[] decodeBase64(String s) {
        if (s.length() % 4 != 0) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return Base64.getEncoder().encodeToString(bytes).equals(s) ? bytes : null;
    }

    static String encodeBase64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Decodes strict UTF-8; on failure the exception names the byte offset. */
    static String decodeUtf8(byte[] bytes, String what) throws NoteFormatException {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            CharBuffer out = decoder.decode(in);
            return out.toString();
        } catch (CharacterCodingException e) {
            throw new NoteFormatException(what + " is not valid UTF-8 (at byte offset " + in.position() + ")");
        }
    }
}
