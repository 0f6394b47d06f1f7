package org.plumbline.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 8785's published examples (sections 3.2.2, 3.2.3 and Appendix B). */
class CanonicalJsonTest {

    @Test
    void rfc8785Section322Example() {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";
        String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        assertThat(new String(CanonicalJson.canonicalize(input), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void rfc8785Section323SortsByUtf16CodeUnits() {
        String input = """
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }""";
        String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        assertThat(new String(CanonicalJson.canonicalize(input), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void rfc8785Section323Utf8Bytes() {
        // The RFC lists the UTF-8 bytes of the sorted keys' output; check the encoding of the emoji and
        // the Hebrew letter, which sort by UTF-16 code unit (0xD83D < 0xFB33) not by code point.
        byte[] out = CanonicalJson.canonicalize("{\"\\ufb33\":1,\"\\ud83d\\ude00\":2}");
        assertThat(out).containsExactly(
                0x7b, 0x22, 0xf0, 0x9f, 0x98, 0x80, 0x22, 0x3a, 0x32, 0x2c,
                0x22, 0xef, 0xac, 0xb3, 0x22, 0x3a, 0x31, 0x7d);
    }

    @ParameterizedTest
    @CsvSource({
            "0000000000000000, 0",
            "8000000000000000, 0",
            "0000000000000001, 5e-324",
            "8000000000000001, -5e-324",
            "7fefffffffffffff, 1.7976931348623157e+308",
            "ffefffffffffffff, -1.7976931348623157e+308",
            "4340000000000000, 9007199254740992",
            "c340000000000000, -9007199254740992",
            "4430000000000000, 295147905179352830000",
            "44b52d02c7e14af5, 9.999999999999997e+22",
            "44b52d02c7e14af6, 1e+23",
            "44b52d02c7e14af7, 1.0000000000000001e+23",
            "444b1ae4d6e2ef4e, 999999999999999700000",
            "444b1ae4d6e2ef4f, 999999999999999900000",
            "444b1ae4d6e2ef50, 1e+21",
            "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
            "3eb0c6f7a0b5ed8d, 0.000001",
            "41b3de4355555553, 333333333.3333332",
            "41b3de4355555554, 333333333.33333325",
            "41b3de4355555555, 333333333.3333333",
            "41b3de4355555556, 333333333.3333334",
            "41b3de4355555557, 333333333.33333343",
            "becbf647612f3696, -0.0000033333333333333333",
            "43143ff3c1cb0959, 1424953923781206.2",
    })
    void rfc8785AppendixBNumbers(String ieee754, String expected) {
        double d = Double.longBitsToDouble(Long.parseUnsignedLong(ieee754, 16));
        assertThat(CanonicalJson.formatNumber(d)).isEqualTo(expected);
        // and through the parser: the ES form parses back to the same double and re-serialises unchanged
        assertThat(new String(CanonicalJson.canonicalize("[" + expected + "]"), StandardCharsets.UTF_8))
                .isEqualTo("[" + expected + "]");
    }

    @ParameterizedTest
    @CsvSource({"7ff0000000000000", "fff0000000000000", "7fffffffffffffff"})
    void rfc8785AppendixBNonFiniteAreErrors(String ieee754) {
        double d = Double.longBitsToDouble(Long.parseUnsignedLong(ieee754, 16));
        assertThatThrownBy(() -> CanonicalJson.formatNumber(d)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void integersAndSmallValues() {
        assertThat(new String(CanonicalJson.canonicalize("[1, -1, 100, 1e2, 0.5, -0, 123456789012]"),
                StandardCharsets.UTF_8)).isEqualTo("[1,-1,100,100,0.5,0,123456789012]");
    }

    @Test
    void refusesDuplicateNamesAndNamesWhere() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":1,\n \"a\":2}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void refusesNumbersBeyondDouble() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"n\":[1e400]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.n[0]");
    }

    @Test
    void refusesLoneSurrogates() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize("[\"\\ud800x\"]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lone surrogate");
    }

    @Test
    void controlCharactersAreEscapedLowerCase() {
        assertThat(new String(CanonicalJson.canonicalize("[\"\\u001f\\u007f\\u2028\\b\\t\"]"),
                StandardCharsets.UTF_8)).isEqualTo("[\"\\u001f\u007f\u2028\\b\\t\"]");
    }

    @Test
    void randomDoublesRoundTripAndUseNoMoreDigitsThanJava() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(8785);
        for (int i = 0; i < 200_000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) continue;
            String es = CanonicalJson.formatNumber(d);
            assertThat(Double.parseDouble(es)).as(es).isEqualTo(d == 0 ? 0.0 : d);
        }
    }
}
