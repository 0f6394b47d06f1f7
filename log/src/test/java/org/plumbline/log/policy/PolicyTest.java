package org.plumbline.log.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.NoteSignature;
import org.plumbline.log.note.NoteVerificationException;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.note.SigningKey;

class PolicyTest {
    static final SigningKey LOG = SigningKey.generate("example.org/log", KeyType.ED25519);
    static final Map<String, SigningKey> W = new TreeMap<>();

    static {
        for (String n : List.of("X1", "X2", "X3", "Y1", "Y2", "Y3", "Z1")) {
            W.put(n, SigningKey.generate(n.toLowerCase() + ".witness.example", KeyType.COSIGNATURE_V1));
        }
    }

    static final Checkpoint CHECKPOINT = new Checkpoint("example.org/log", 10, new byte[32]);

    static String nestedPolicy() {
        return """
                # Two operators; both must agree.
                log %s https://log.example.org/
                witness X1 %s
                witness X2 %s
                witness X3 %s
                group X-witnesses 2 X1 X2 X3

                \twitness\tY1\t%s\t
                    witness Y2 %s https://y2.example/
                witness Y3 %s
                group Y-witnesses any Y1 Y2 Y3
                group X-and-Y all X-witnesses Y-witnesses
                quorum X-and-Y
                """.formatted(LOG.verifierKey().text(), vkey("X1"), vkey("X2"), vkey("X3"), vkey("Y1"), vkey("Y2"), vkey("Y3"));
    }

    static String vkey(String witness) {
        return W.get(witness).verifierKey().text();
    }

    /** The checkpoint signed by the log and cosigned by the named witnesses. */
    static byte[] cosignedBy(String... witnesses) {
        List<NoteSignature> cosigs = new ArrayList<>();
        for (String w : witnesses) {
            cosigs.add(W.get(w).sign(CHECKPOINT.text(), Instant.ofEpochSecond(1_750_000_000L)));
        }
        return SignedNote.sign(CHECKPOINT.text(), LOG).withSignatures(cosigs).toBytes();
    }

    @Test
    void nestedQuorumIsMetWithTwoXAndOneY() throws Exception {
        Policy p = Policy.parse(nestedPolicy());
        assertThat(p.logs()).containsExactly(LOG.verifierKey());
        assertThat(p.witnesses()).hasSize(6);
        assertThat(p.verify(cosignedBy("X1", "X3", "Y2"))).isEqualTo(CHECKPOINT);
        assertThat(p.verify(cosignedBy("X1", "X2", "X3", "Y1", "Y2", "Y3"))).isEqualTo(CHECKPOINT);
    }

    @Test
    void nestedQuorumIsNotMetWithoutEnoughOfEachGroup() throws Exception {
        Policy p = Policy.parse(nestedPolicy());
        for (String[] set : new String[][] {{"X1", "Y1", "Y2", "Y3"}, {"X1", "X2"}, {}, {"X1", "X1", "Y1"}}) {
            assertThatThrownBy(() -> p.verify(cosignedBy(set)))
                    .as(String.join(",", set))
                    .isInstanceOf(NoteVerificationException.class)
                    .hasMessageContaining("witness quorum not met: need X-and-Y = 2 of ((X-witnesses = 2 of (X1, X2, X3)), (Y-witnesses = 1 of (Y1, Y2, Y3)))");
        }
    }

    @Test
    void cosignaturesFromUnlistedWitnessesDoNotCount() throws Exception {
        Policy p = Policy.parse(nestedPolicy());
        assertThatThrownBy(() -> p.verify(cosignedBy("X1", "Z1", "Y1")))
                .isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("valid cosignatures from x1.witness.example, y1.witness.example");
    }

    @Test
    void quorumNoneNeedsOnlyTheLogSignature() throws Exception {
        Policy p = Policy.parse("log " + LOG.verifierKey().text() + "\nquorum none\n");
        assertThat(p.verify(cosignedBy())).isEqualTo(CHECKPOINT);
    }

    @Test
    void singleWitnessQuorum() throws Exception {
        Policy p = Policy.parse("log " + LOG.verifierKey().text() + "\nwitness Z1 " + vkey("Z1") + "\nquorum Z1");
        assertThat(p.verify(cosignedBy("Z1"))).isEqualTo(CHECKPOINT);
        assertThatThrownBy(() -> p.verify(cosignedBy("X1"))).isInstanceOf(NoteVerificationException.class);
    }

    @Test
    void theLogSignatureIsRequired() throws Exception {
        Policy p = Policy.parse(nestedPolicy());
        List<NoteSignature> cosigs = new ArrayList<>();
        for (String w : List.of("X1", "X2", "Y1")) {
            cosigs.add(W.get(w).sign(CHECKPOINT.text()));
        }
        SigningKey other = SigningKey.generate("example.org/log", KeyType.ED25519);
        byte[] note = SignedNote.sign(CHECKPOINT.text(), other).withSignatures(cosigs).toBytes();
        assertThatThrownBy(() -> p.verify(note))
                .isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("not signed by a log the policy lists");
    }

    @Test
    void theLogKeyNameMustBeTheOrigin() throws Exception {
        SigningKey misnamed = SigningKey.generate("example.org/other-name", KeyType.ED25519);
        Policy p = Policy.parse("log " + misnamed.verifierKey().text() + "\nquorum none\n");
        byte[] note = SignedNote.sign(CHECKPOINT.text(), misnamed).toBytes();
        assertThatThrownBy(() -> p.verify(note))
                .isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("checkpoint for origin \"example.org/log\" is not signed by a log the policy lists for that origin");
    }

    @Test
    void aBadCosignatureFromAListedWitnessRefusesTheCheckpoint() throws Exception {
        Policy p = Policy.parse(nestedPolicy());
        NoteSignature wrong = W.get("Y3").sign("another checkpoint\n1\n" + "A".repeat(43) + "=\n");
        byte[] note = SignedNote.parse(cosignedBy("X1", "X2", "Y1")).withSignatures(List.of(wrong)).toBytes();
        assertThatThrownBy(() -> p.verify(note))
                .isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("cosignature by y3.witness.example+")
                .hasMessageContaining("does not verify");
    }

    @Test
    void aPolicyWithoutLogsTrustsNothing() throws Exception {
        Policy p = Policy.parse("quorum none\n");
        assertThatThrownBy(() -> p.verify(cosignedBy()))
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining("lists no logs");
    }

    @Test
    void thirtyTwoOfEachAreSupported() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            b.append("log ").append(SigningKey.generate("log" + i + ".example", KeyType.ED25519).verifierKey().text()).append('\n');
            b.append("witness w").append(i).append(' ')
                    .append(SigningKey.generate("w" + i + ".example", KeyType.COSIGNATURE_V1).verifierKey().text()).append('\n');
        }
        b.append("group g0 any w0\n");
        for (int i = 1; i < 32; i++) {
            b.append("group g").append(i).append(" 2 g").append(i - 1).append(" w").append(i).append('\n');
        }
        b.append("quorum g31\n");
        Policy p = Policy.parse(b.toString());
        assertThat(p.logs()).hasSize(32);
        assertThat(p.witnesses()).hasSize(32);
    }

    @Test
    void nonAsciiNamesAreOpaqueOctets() throws Exception {
        // "K" and the Kelvin sign are different names.
        String text = "log " + LOG.verifierKey().text() + "\nwitness K " + vkey("X1") + "\nwitness \u212a " + vkey("X2")
                + "\ngroup g all K \u212a\nquorum g\n";
        Policy p = Policy.parse(text);
        assertThat(p.verify(cosignedBy("X1", "X2"))).isEqualTo(CHECKPOINT);
        assertThatThrownBy(() -> p.verify(cosignedBy("X1"))).isInstanceOf(NoteVerificationException.class);
    }

    @Test
    void policyFromAFileWithLatin1OctetsInACommentParses() throws Exception {
        byte[] bytes = ("# caf\u00e9\nlog " + LOG.verifierKey().text() + "\nquorum none\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Policy.parse(bytes).logs()).hasSize(1);
    }

    static String keyOf(String token) {
        return switch (token) {
            case "LOGKEY" -> LOG.verifierKey().text();
            default -> W.containsKey(token) ? vkey(token) : token;
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown keyword           | 'log LOGKEY\\nwitnes X1 X1\\nquorum none'                       | 2 | unknown keyword "witnes"
            log without key           | 'log\\nquorum none'                                            | 1 | expected "log <vkey> [<url>]"
            log with extra tokens     | 'log LOGKEY url more\\nquorum none'                            | 1 | expected "log <vkey> [<url>]"
            log key malformed         | 'log example.org+1234+AAAA\\nquorum none'                      | 1 | log: verifier key: key ID must be 8 hex digits
            log key is a cosigner key | 'log X1\\nquorum none'                                         | 1 | but a log key must have type 0x01
            witness key is a log key  | 'witness W LOGKEY\\nquorum none'                               | 1 | but a witness key must have type 0x04
            witness missing key       | 'witness W\\nquorum none'                                      | 1 | expected "witness <name> <vkey> [<url>]"
            duplicate log             | 'log LOGKEY\\nlog LOGKEY\\nquorum none'                        | 2 | duplicate log
            duplicate witness key     | 'witness A X1\\nwitness B X1\\nquorum none'                    | 2 | duplicate witness
            duplicate name            | 'witness A X1\\nwitness A X2\\nquorum none'                    | 2 | "A" is already defined (line 1)
            group reuses witness name | 'witness A X1\\ngroup A any A\\nquorum none'                   | 2 | "A" is already defined (line 1)
            redefining none           | 'witness none X1\\nquorum none'                                | 1 | "none" is predefined
            group without members     | 'witness A X1\\ngroup g any\\nquorum g'                        | 2 | at least one member
            undefined member          | 'witness A X1\\ngroup g any A B\\nquorum g'                    | 2 | undefined name "B"
            forward reference         | 'group g any A\\nwitness A X1\\nquorum g'                      | 1 | undefined name "A"
            member twice in a group   | 'witness A X1\\ngroup g 1 A A\\nquorum g'                      | 2 | "A" is already a group member (line 2)
            member of two groups      | 'witness A X1\\nwitness B X2\\ngroup g any A\\ngroup h all A B\\nquorum h' | 4 | "A" is already a group member (line 3)
            none as member            | 'witness A X1\\ngroup g any A none\\nquorum g'                 | 2 | "none" cannot be a group member
            threshold zero            | 'witness A X1\\ngroup g 0 A\\nquorum g'                        | 2 | group threshold 0 must be from 1
            threshold above n         | 'witness A X1\\nwitness B X2\\ngroup g 3 A B\\nquorum g'       | 3 | group threshold 3 must be from 1 to the number of members (2)
            threshold leading zero    | 'witness A X1\\ngroup g 01 A\\nquorum g'                       | 2 | must be all, any, or a decimal number
            threshold word            | 'witness A X1\\ngroup g some A\\nquorum g'                     | 2 | must be all, any, or a decimal number
            threshold huge            | 'witness A X1\\ngroup g 99999999999 A\\nquorum g'              | 2 | must be all, any, or a decimal number
            no quorum                 | 'log LOGKEY\\n'                                                | 1 | no quorum line
            empty file                | ''                                                             | 1 | no quorum line
            two quorums               | 'quorum none\\nquorum none'                                    | 2 | a second quorum line
            undefined quorum          | 'quorum X'                                                     | 1 | quorum: undefined name "X"
            quorum with two names     | 'witness A X1\\nquorum A A'                                    | 2 | expected "quorum <name>"
            carriage return           | 'log LOGKEY\\r\\nquorum none'                                  | 1 | control character 0x0d
            control in comment        | '# a\\1b\\nquorum none'                                        | 1 | control character 0x01 at column 4
            """)
    void malformedPoliciesAreRefusedWithLineAndReason(String what, String text, int line, String reason) {
        StringBuilder b = new StringBuilder();
        for (String token : text.translateEscapes().split("(?<=[ \\n])|(?=[ \\n])")) {
            b.append(keyOf(token));
        }
        assertThatThrownBy(() -> Policy.parse(b.toString()))
                .as(what)
                .isInstanceOf(PolicyFormatException.class)
                .hasMessageContaining("policy line " + line + ": ")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((PolicyFormatException) e).line()).isEqualTo(line));
    }

    @Test
    void oversizedPolicyIsRefused() {
        byte[] big = new byte[Policy.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) '#');
        assertThatThrownBy(() -> Policy.parse(big)).isInstanceOf(PolicyFormatException.class).hasMessageContaining("limit");
    }

    @Test
    void witnessUrlsAreKeptForTheClientAndNamesAndQuorumAreExposed() throws Exception {
        Policy p = Policy.parse(nestedPolicy());
        PolicyWitness y2 = p.witnessLines().get(4);
        assertThat(y2.name()).isEqualTo("Y2");
        assertThat(y2.key()).isEqualTo(W.get("Y2").verifierKey());
        assertThat(y2.url()).hasValue(java.net.URI.create("https://y2.example/"));
        assertThat(y2.addCheckpoint()).hasValue(java.net.URI.create("https://y2.example/add-checkpoint"));
        assertThat(Policy.parse("witness a " + vkey("Z1") + " http://w.example/prefix\nquorum a").witnessLines().get(0)
                .addCheckpoint()).hasValue(java.net.URI.create("http://w.example/prefix/add-checkpoint"));
        assertThat(p.witnessLines().get(0).url()).isEmpty();
        assertThat(p.quorumMetBy(java.util.Set.of(W.get("X1").verifierKey(), W.get("X2").verifierKey(),
                W.get("Y3").verifierKey()))).isTrue();
        assertThat(p.quorumMetBy(java.util.Set.of(W.get("X1").verifierKey(), W.get("Y3").verifierKey()))).isFalse();
        assertThat(p.describeQuorum()).startsWith("X-and-Y = 2 of");
    }

    @ParameterizedTest
    @CsvSource({"ftp://w.example/", "w.example/add", "https:///nohost", "https://w.example/?q=1", "https://w.example/#f",
            "https://w.example/a b"})
    void witnessUrlsMustBeAbsoluteHttpWithoutQueryOrFragment(String url) {
        assertThatThrownBy(() -> Policy.parse("witness a " + vkey("Z1") + " " + url + "\nquorum a"))
                .isInstanceOf(PolicyFormatException.class).hasMessageContaining("line 1");
    }
}
