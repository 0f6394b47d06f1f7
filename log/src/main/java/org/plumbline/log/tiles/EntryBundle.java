package org.plumbline.log.tiles;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The tlog-tiles entry bundle encoding: each entry as a big-endian uint16 length followed by its
 * bytes. The length prefix is why an entry can be at most 65,535 bytes.
 */
public final class EntryBundle {
    /** Largest entry the format can carry. */
    public static final int MAX_ENTRY_SIZE = 0xFFFF;

    private EntryBundle() {}

    public static byte[] encode(List<byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] e : entries) {
            checkSize(e);
            out.write(e.length >>> 8);
            out.write(e.length & 0xFF);
            out.writeBytes(e);
        }
        return out.toByteArray();
    }

    /** Decodes a bundle, requiring exactly {@code expected} entries (the width its path names). */
    public static List<byte[]> decode(byte[] bundle, int expected) throws MalformedTileException {
        List<byte[]> out = new ArrayList<>(expected);
        int pos = 0;
        while (pos < bundle.length) {
            if (pos + 2 > bundle.length) {
                throw new MalformedTileException("entry bundle ends inside the length of entry " + out.size());
            }
            int len = ((bundle[pos] & 0xFF) << 8) | (bundle[pos + 1] & 0xFF);
            pos += 2;
            if (pos + len > bundle.length) {
                throw new MalformedTileException("entry bundle ends inside entry " + out.size()
                        + " (needs " + len + " bytes, has " + (bundle.length - pos) + ")");
            }
            byte[] e = new byte[len];
            System.arraycopy(bundle, pos, e, 0, len);
            out.add(e);
            pos += len;
        }
        if (out.size() < expected) {
            throw new MalformedTileException("entry bundle holds " + out.size() + " entries, expected " + expected);
        }
        // A wider bundle than asked is fine: the path's width may be of an older, smaller tree.
        return out.subList(0, expected);
    }

    /** Refuses an entry the format cannot carry, with the size in the message. */
    public static void checkSize(byte[] entry) {
        if (entry.length > MAX_ENTRY_SIZE) {
            throw new IllegalArgumentException("entry of " + entry.length + " bytes is larger than the "
                    + MAX_ENTRY_SIZE + " bytes a tlog-tiles entry can hold");
        }
    }
}
