package org.plumbline.signals;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL for a fingerprint of a row's kind (the texts the profile keeps or classifies by), so that a Parquet
 * file can be grouped by one integer instead of twelve texts.
 *
 * <p>Each column is hashed on its own and the hashes are combined with XOR. A hash of one column alone
 * is a function of one input, which DuckDB evaluates once per entry of a column chunk's dictionary rather
 * than once per row; that is what makes the fingerprint cheap (a pass that hashes all twelve texts of
 * 10 M rows costs about 0.17 s of CPU, measured with DuckDB 1.5).
 *
 * <p>The column's position must be in the hashed bytes: DuckDB's two-argument {@code hash(text, i)}
 * combines the two hashes linearly, so XOR over columns of {@code hash(text, i)} does not depend on which
 * column holds which text (swapping two columns' texts, or two columns that hold the same text in two
 * kinds, gives equal fingerprints). The first fingerprint hashes {@code text || '#i'}; the second,
 * which only serves to notice a collision of the first, hashes {@code hash(text, i)} (a different
 * function of the same texts, and the one that tells NULL from the empty text).
 *
 * <p>{@code mask} narrows the first fingerprint; tests narrow it to a few bits to force collisions and
 * check that they are noticed.
 *
 * @param mask bits of the first fingerprint kept
 */
record KindFingerprint(long mask) {
    static final KindFingerprint FULL = new KindFingerprint(Long.MAX_VALUE);

    /** The first fingerprint of the row over these column expressions, as a non-negative BIGINT. */
    String first(List<String> columns) {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) hashes.add("hash(" + columns.get(i) + " || '#" + i + "')");
        return "CAST((" + xor(hashes) + " >> 1) & " + mask + " AS BIGINT)";
    }

    /** The second, independent fingerprint (UBIGINT). */
    static String second(List<String> columns) {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) hashes.add("hash(" + columns.get(i) + ", " + i + ")");
        return xor(hashes);
    }

    private static String xor(List<String> terms) {
        String result = terms.getFirst();
        for (String t : terms.subList(1, terms.size())) result = "xor(" + result + ", " + t + ")";
        return result;
    }
}
