package org.plumbline.log.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckpointTest {
    static final String ROOT = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void parsesAndFormatsExactly() throws Exception {
        String text = "example.org/log\n42\n" + ROOT + "\n";
        Checkpoint c = Checkpoint.parse(text);
        assertThat(c.origin()).isEqualTo("example.org/log");
        assertThat(c.size()).isEqualTo(42);
        assertThat(c.rootHash()).hasSize(32).startsWith(0, 1, 2);
        assertThat(c.text()).isEqualTo(text);
    }

    @Test
    void extensionLinesAreKeptInOrder() throws Exception {
        String text = "example.org/log\n0\n" + ROOT + "\nfirst ext\nsecond — ext\n";
        Checkpoint c = Checkpoint.parse(text);
        assertThat(c.extensions()).containsExactly("first ext", "second — ext");
        assertThat(c.text()).isEqualTo(text);
    }

    @Test
    void largestSizeParses() throws Exception {
        assertThat(Checkpoint.parse("o\n9223372036854775807\n" + ROOT + "\n").size()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void valuesAreDefensivelyCopied() {
        byte[] root = new byte[32];
        List<String> ext = new ArrayList<>(List.of("x"));
        Checkpoint c = new Checkpoint("o", 1, root, ext);
        root[0] = 9;
        ext.add("y");
        assertThat(c.rootHash()[0]).isZero();
        c.rootHash()[0] = 7;
        assertThat(c.rootHash()[0]).isZero();
        assertThat(c.extensions()).containsExactly("x");
        assertThat(c).isEqualTo(new Checkpoint("o", 1, new byte[32], List.of("x")));
    }

    @Test
    void constructorRefusesValuesThatCannotBeFormatted() {
        assertThatThrownBy(() -> new Checkpoint("", 1, new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("a\nb", 1, new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", -1, new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", 1, new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", 1, new byte[32], List.of(""))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty                 | ''                                                     | must end with a newline
            no final newline      | 'o\\n1\\nROOT'                                         | must end with a newline
            two lines             | 'o\\n1\\n'                                             | needs at least 3
            empty origin          | '\\n1\\nROOT\\n'                                       | line 1 (origin) is empty
            empty size            | 'o\\n\\nROOT\\n'                                       | line 2 (tree size) is empty
            leading zero          | 'o\\n01\\nROOT\\n'                                     | leading zero
            negative size         | 'o\\n-1\\nROOT\\n'                                     | not a decimal number
            plus sign             | 'o\\n+1\\nROOT\\n'                                     | not a decimal number
            hex size              | 'o\\n0x1\\nROOT\\n'                                    | not a decimal number
            arabic-indic digit    | 'o\\n\u0661\\nROOT\\n'                                 | not a decimal number
            size too large        | 'o\\n9223372036854775808\\nROOT\\n'                    | larger than 2^63-1
            size far too large    | 'o\\n99999999999999999999999\\nROOT\\n'                | larger than 2^63-1
            short root            | 'o\\n1\\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==\\n' | 31 bytes, expected 32
            unpadded root         | 'o\\n1\\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8\\n'  | not canonical base64
            url-safe root         | 'o\\n1\\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh_=\\n' | not canonical base64
            empty extension       | 'o\\n1\\nROOT\\n\\n'                                   | line 4 (extension) is empty
            carriage return       | 'o\\r\\n1\\nROOT\\n'                                   | control character U+000D
            """)
    void malformedCheckpointsAreRefusedWithTheReason(String what, String text, String reason) {
        String t = text.translateEscapes().replace("ROOT", ROOT);
        assertThatThrownBy(() -> Checkpoint.parse(t))
                .as(what).isInstanceOf(NoteFormatException.class).hasMessageContaining(reason);
    }
}
