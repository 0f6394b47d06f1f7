package org.plumbline.log.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Known answers: the checkpoints Trillian Tessera wrote for its 15-entry test log. */
class TesseraCheckpointsTest {
    static final String VKEY =
            "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";

    static Path dir() {
        String root = System.getProperty("plumbline.testdata");
        assertThat(root).as("system property plumbline.testdata (set by surefire)").isNotNull();
        return Path.of(root, "tessera-log");
    }

    static Stream<Integer> sizes() {
        return IntStream.rangeClosed(0, 15).boxed();
    }

    @Test
    void verifierKeyHasTheKnownKeyId() throws Exception {
        VerifierKey key = VerifierKey.parse(VKEY);
        assertThat(Text.hex8(key.keyId())).isEqualTo("33d7b496");
        assertThat(key.name()).isEqualTo("example.com/log/testdata");
        assertThat(key.type()).isEqualTo(KeyType.ED25519);
        assertThat(key.text()).isEqualTo(VKEY);
    }

    @ParameterizedTest(name = "checkpoint.{0}")
    @MethodSource("sizes")
    void everyCheckpointVerifiesAndReformatsByteForByte(int size) throws Exception {
        byte[] bytes = Files.readAllBytes(dir().resolve("checkpoint." + size));
        Checkpoint c = Checkpoint.open(bytes, VerifierKey.parse(VKEY));
        assertThat(c.origin()).isEqualTo("example.com/log/testdata");
        assertThat(c.size()).isEqualTo(size);
        assertThat(c.extensions()).isEmpty();
        SignedNote note = SignedNote.parse(bytes);
        assertThat(note.text()).isEqualTo(c.text());
        assertThat(note.toBytes()).isEqualTo(bytes);
        assertThat(note.signatures()).hasSize(1);
        assertThat(note.signatures().get(0).keyId()).isEqualTo(0x33d7b496);
    }

    @Test
    void latestCheckpointIsTheSize15One() throws Exception {
        byte[] latest = Files.readAllBytes(dir().resolve("checkpoint"));
        assertThat(latest).isEqualTo(Files.readAllBytes(dir().resolve("checkpoint.15")));
        VerifiedNote v = SignedNote.open(latest, List.of(VerifierKey.parse(VKEY)));
        assertThat(v.signers()).extracting(s -> s.key().text()).containsExactly(VKEY);
    }

    @Test
    void emptyTreeRootIsSha256OfNothing() throws Exception {
        Checkpoint c = Checkpoint.parse(
                SignedNote.parse(Files.readAllBytes(dir().resolve("checkpoint.0"))).text());
        assertThat(c.rootHash()).isEqualTo(org.plumbline.log.hash.Sha256.digest(new byte[0]));
    }

    @ParameterizedTest(name = "checkpoint.{0}")
    @MethodSource("sizes")
    void anyChangeToTheSignedTextFailsVerification(int size) throws Exception {
        String note = Files.readString(dir().resolve("checkpoint." + size), StandardCharsets.UTF_8);
        String changedSize = note.replaceFirst("\n" + size + "\n", "\n" + (size + 1) + "\n");
        assertThatThrownBy(() -> Checkpoint.open(changedSize.getBytes(StandardCharsets.UTF_8), VerifierKey.parse(VKEY)))
                .isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("signature by example.com/log/testdata+33d7b496 does not verify");
    }

    @Test
    void aKeyWithTheSameNameButAnotherKeyIdIsNotTrustedAndTheNoteIsRefused() throws Exception {
        byte[] bytes = Files.readAllBytes(dir().resolve("checkpoint.15"));
        VerifierKey other = SigningKey.generate("example.com/log/testdata", KeyType.ED25519).verifierKey();
        assertThatThrownBy(() -> Checkpoint.open(bytes, other))
                .isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("no signature from a trusted key")
                .hasMessageContaining("example.com/log/testdata+33d7b496");
    }
}
