package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fingerprint must tell apart kinds that differ only in which column holds which text: two columns
 * swapping texts, or two columns holding the same text (SkuMeter equal to ChargeDescription is common)
 * in two kinds. An XOR of DuckDB's {@code hash(text, column)} cannot, which is why the column is hashed
 * as part of the bytes.
 */
class KindFingerprintTest {
    private static long first(String... texts) throws Exception {
        return evaluate(KindFingerprint.FULL.first(literals(texts)));
    }

    private static long second(String... texts) throws Exception {
        return evaluate("CAST(" + KindFingerprint.second(literals(texts)) + " >> 1 AS BIGINT)");
    }

    private static List<String> literals(String... texts) {
        List<String> l = new ArrayList<>();
        for (String t : texts) l.add(t == null ? "CAST(NULL AS VARCHAR)" : FocusIngester.literal(t));
        return l;
    }

    private static long evaluate(String expression) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT " + expression)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void kindsThatDifferOnlyInWhichColumnHoldsWhichTextDiffer() throws Exception {
        assertThat(first("Storage", "Hot LRS", "x")).isNotEqualTo(first("Hot LRS", "Storage", "x"));
        assertThat(first("Speech to Text", "Speech to Text", "x")).isNotEqualTo(first("Blob Write", "Blob Write", "x"));
        assertThat(first(null, null, "x")).isNotEqualTo(first("x", null, null));
        assertThat(first("", "a")).isNotEqualTo(first(null, "a"));
    }

    @Test
    void theSecondFingerprintIsADifferentFunctionAndTellsNullFromEmpty() throws Exception {
        assertThat(second("", "a")).isNotEqualTo(second(null, "a"));
        // The linear combination the first fingerprint avoids: here it does not see the swap.
        assertThat(second("Storage", "Hot LRS")).isEqualTo(second("Hot LRS", "Storage"));
        assertThat(first("Storage", "Hot LRS")).isNotEqualTo(second("Storage", "Hot LRS"));
    }

    @Test
    void manyDistinctKindsGetDistinctFingerprints() throws Exception {
        // Every combination of 6 texts over 4 columns: 1,296 kinds, many of them permutations of each other.
        String[] words = {"Storage", "Compute", "westeurope", "Usage", "GB", null};
        List<String> kinds = new ArrayList<>();
        for (String a : words) for (String b : words) for (String c : words) for (String d : words) {
            kinds.add("(" + String.join(", ", literals(a, b, c, d)) + ")");
        }
        String fp = KindFingerprint.FULL.first(List.of("a", "b", "c", "d"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT " + fp + ") FROM (VALUES " + String.join(", ", kinds)
                     + ") v(a, b, c, d)")) {
            r.next();
            assertThat(r.getLong(2)).isEqualTo(r.getLong(1)).isEqualTo((long) Math.pow(words.length, 4));
        }
    }
}
