package org.plumbline.log.tiles;

/**
 * A resource of the C2SP tlog-tiles URL space (v0.1.0): a hash tile {@code tile/<L>/<N>[.p/<W>]}
 * or an entry bundle {@code tile/entries/<N>[.p/<W>]}.
 *
 * <p>{@code N} is written in 3-digit groups, all but the last prefixed with {@code x}
 * (1234067 → {@code x001/x234/067}). Width 256 is a full tile and has no {@code .p/} suffix;
 * partial widths are 1–255.
 *
 * @param level hash tile level (0–63), or {@link #ENTRIES} for an entry bundle
 * @param index tile index N
 * @param width number of hashes or entries, 1–256
 */
public record TilePath(int level, long index, int width) {
    /** Number of hashes in a full tile and entries in a full bundle. */
    public static final int FULL_WIDTH = 256;
    /** The {@code level} of entry bundles. */
    public static final int ENTRIES = -1;

    public TilePath {
        if (level < ENTRIES || level > 63) {
            throw new IllegalArgumentException("tile level " + level + " out of range");
        }
        if (index < 0) {
            throw new IllegalArgumentException("negative tile index " + index);
        }
        if (width < 1 || width > FULL_WIDTH) {
            throw new IllegalArgumentException("tile width " + width + " not in 1..256");
        }
    }

    public static TilePath hashTile(int level, long index, int width) {
        if (level < 0) {
            throw new IllegalArgumentException("hash tile level must be ≥ 0");
        }
        return new TilePath(level, index, width);
    }

    public static TilePath entryBundle(long index, int width) {
        return new TilePath(ENTRIES, index, width);
    }

    public boolean isEntryBundle() {
        return level == ENTRIES;
    }

    public boolean isFull() {
        return width == FULL_WIDTH;
    }

    /** The same tile at full width. */
    public TilePath full() {
        return new TilePath(level, index, FULL_WIDTH);
    }

    /** The path relative to the log prefix, e.g. {@code tile/0/x001/x234/067.p/8}. */
    public String path() {
        StringBuilder sb = new StringBuilder("tile/");
        sb.append(isEntryBundle() ? "entries" : Integer.toString(level)).append('/');
        sb.append(encodeIndex(index));
        if (!isFull()) {
            sb.append(".p/").append(width);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return path();
    }

    /** {@code N} in x-prefixed 3-digit groups. */
    static String encodeIndex(long n) {
        String digits = Long.toString(n);
        int pad = (3 - digits.length() % 3) % 3;
        digits = "0".repeat(pad) + digits;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 3) {
            if (i > 0) {
                sb.append('/');
            }
            if (i + 3 < digits.length()) {
                sb.append('x');
            }
            sb.append(digits, i, i + 3);
        }
        return sb.toString();
    }

    /**
     * Parses a path relative to the log prefix. Only the canonical spelling is accepted (no leading
     * zero groups, no {@code .p/256}), so each resource has exactly one name.
     *
     * @throws TilePathException naming what is wrong
     */
    public static TilePath parse(String path) throws TilePathException {
        if (path == null || !path.startsWith("tile/")) {
            throw new TilePathException(path, "does not start with tile/");
        }
        String rest = path.substring(5);
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new TilePathException(path, "has no tile index");
        }
        String levelPart = rest.substring(0, slash);
        int level;
        if (levelPart.equals("entries")) {
            level = ENTRIES;
        } else {
            if (!levelPart.matches("0|[1-9][0-9]?")) {
                throw new TilePathException(path, "level '" + levelPart + "' is not a number 0–63");
            }
            level = Integer.parseInt(levelPart);
            if (level > 63) {
                throw new TilePathException(path, "level " + level + " is above 63");
            }
        }
        rest = rest.substring(slash + 1);
        int width = FULL_WIDTH;
        int partial = rest.indexOf(".p/");
        if (partial >= 0) {
            String w = rest.substring(partial + 3);
            if (!w.matches("[1-9][0-9]{0,2}")) {
                throw new TilePathException(path, "partial width '" + w + "' is not a number 1–255");
            }
            width = Integer.parseInt(w);
            if (width >= FULL_WIDTH) {
                throw new TilePathException(path, "partial width " + width + " must be below 256");
            }
            rest = rest.substring(0, partial);
        }
        String[] groups = rest.split("/", -1);
        if (groups.length > 7) {
            throw new TilePathException(path, "tile index has too many groups");
        }
        long n = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            boolean last = i == groups.length - 1;
            String expected = last ? "[0-9]{3}" : "x[0-9]{3}";
            if (!g.matches(expected)) {
                throw new TilePathException(path, "index group '" + g + "' is not " + (last ? "ddd" : "xddd"));
            }
            int value = Integer.parseInt(last ? g : g.substring(1));
            if (n > (Long.MAX_VALUE - value) / 1000) {
                throw new TilePathException(path, "tile index overflows");
            }
            n = n * 1000 + value;
        }
        if (!encodeIndex(n).equals(rest)) {
            throw new TilePathException(path, "tile index is not in canonical form (leading zero groups)");
        }
        return new TilePath(level, n, width);
    }
}
