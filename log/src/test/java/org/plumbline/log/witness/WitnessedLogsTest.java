package org.plumbline.log.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;

/** The witness network's {@code logs/v0} list: its example parses, and each way of getting it wrong is named. */
class WitnessedLogsTest {
    private final String a = SigningKey.generate("tlog.foo.org", KeyType.ED25519).verifierKey().text();
    private final String b = SigningKey.generate("bar.org/tlog", KeyType.ED25519).verifierKey().text();

    private static WitnessedLogs parse(String s) throws LogListFormatException {
        return WitnessedLogs.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theFormatDocumentsExampleParses() throws Exception {
        WitnessedLogs logs = parse("#\n# List:      10qps-100klogs\n# Revision:  123\n#\nlogs/v0\n\n# 1st list item -- foo's log\n"
                + "vkey " + a + "\norigin none\nqpd 86400\nbastion https://bastion.tlog.foo.org/\ncontact https://tlog.foo.org/contact\n"
                + "\n# 2nd list item -- bar's log\n"
                + "vkey " + b + "\norigin something-not-equal-to-vkey-keyname\nqpd 24\nbastion none\ncontact sysadmin (at) bar.org\n");
        assertThat(logs.logs()).extracting(WitnessedLogs.Log::origin)
                .containsExactly("tlog.foo.org", "something-not-equal-to-vkey-keyname");
        assertThat(logs.keysFor("tlog.foo.org")).extracting(k -> k.text()).containsExactly(a);
        assertThat(logs.keysFor("bar.org/tlog")).isEmpty();
        assertThat(logs.keysFor("something-not-equal-to-vkey-keyname")).extracting(k -> k.text()).containsExactly(b);
    }

    @Test
    void onlyVkeyIsRequiredAndAnOriginMayHaveTwoKeys() throws Exception {
        String rotated = SigningKey.generate("tlog.foo.org", KeyType.ED25519).verifierKey().text();
        WitnessedLogs logs = parse("logs/v0\nvkey " + a + "\nvkey " + rotated + "\n");
        assertThat(logs.keysFor("tlog.foo.org")).hasSize(2);
        assertThat(parse("logs/v0\n").logs()).isEmpty();
    }

    @Test
    void mistakesAreRefusedWithTheirLine() {
        String cosigner = SigningKey.generate("w", KeyType.COSIGNATURE_V1).verifierKey().text();
        String[][] cases = {
                {"vkey " + a + "\n", "line 1: expected the header"},
                {"", "no \"logs/v0\" header"},
                {"logs/v0\norigin x\n", "line 2: \"origin\" before any \"vkey\""},
                {"logs/v0\nvkey " + a + "\nqpd 1\norigin x\n", "line 4: \"origin\" must come right after"},
                {"logs/v0\nvkey " + a + "\norigin x\norigin y\n", "line 4: \"origin\" repeated"},
                {"logs/v0\nvkey " + a + "\nqpd 1\ncontact c\nqpd 2\n", "line 5: \"qpd\" repeated"},
                {"logs/v0\nvkey " + a + "\nqpd lots\n", "qpd is not a decimal"},
                {"logs/v0\nvkey " + a + "\nurl x\n", "line 3: unknown line \"url\""},
                {"logs/v0\nvkey not-a-key\n", "line 2: vkey:"},
                {"logs/v0\nvkey " + cosigner + "\n", "Ed25519 (0x01)"},
                {"logs/v0\nvkey " + a + "\nvkey " + a + "\n", "listed twice"},
                {"logs/v0\r\nvkey " + a + "\n", "control character U+000D"},
                {"logs/v0\nvkey\n", "\"vkey\" needs a value"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> parse(c[0])).as(c[0]).isInstanceOf(LogListFormatException.class)
                    .hasMessageContaining(c[1]);
        }
    }
}
