package org.plumbline.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.log.KeyFiles;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;

class DirectiveSignerTest {

    @Test
    void rfc8032TestVector1() {
        // RFC 8032 section 7.1, TEST 1: empty message.
        HexFormat hex = HexFormat.of();
        DirectiveSigner s = DirectiveSigner.fromSeed(
                hex.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertThat(hex.formatHex(s.publicKey()))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(hex.formatHex(s.sign(new byte[0]))).isEqualTo("e5564300c360ac729086e2cc806e828a"
                + "84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    }

    @Test
    void signaturesVerifyAndTamperingFails() {
        DirectiveSigner s = DirectiveSigner.generate();
        byte[] payload = "{\"action\":\"suspend\"}".getBytes(StandardCharsets.UTF_8);
        byte[] sig = s.sign(payload);
        assertThat(DirectiveSigner.verify(s.publicKey(), payload, sig)).isTrue();
        byte[] other = "{\"action\":\"restore\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(DirectiveSigner.verify(s.publicKey(), other, sig)).isFalse();
        assertThat(DirectiveSigner.verify(DirectiveSigner.generate().publicKey(), payload, sig)).isFalse();
    }

    @Test
    void keyFileIsCreatedOnceThenReused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/directive.key");
        DirectiveSigner first = DirectiveSigner.loadOrCreate(file);
        DirectiveSigner second = DirectiveSigner.loadOrCreate(file);
        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        assertThat(Files.getPosixFilePermissions(file).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void aNewKeyFileIsInTheOneKeyForm(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/directive.key");
        DirectiveSigner signer = DirectiveSigner.loadOrCreate(file);
        SigningKey key = KeyFiles.read(file);
        assertThat(Files.readString(file)).startsWith("PRIVATE+KEY+" + DirectiveSigner.KEY_NAME + "+");
        assertThat(key.verifierKey().publicKey()).isEqualTo(signer.publicKey());
    }

    @Test
    void aLegacySeedFileIsRewrittenOnceWithTheSameSeed(@TempDir Path dir) throws Exception {
        // What data directories made before one key form hold: the bare seed, base64, one line.
        HexFormat hex = HexFormat.of();
        byte[] seed = hex.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        Path file = dir.resolve("directive.key");
        Files.writeString(file, Base64.getEncoder().encodeToString(seed) + "\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        DirectiveSigner upgraded = DirectiveSigner.loadOrCreate(file);
        // The public key enforcement systems trust does not change (RFC 8032 test 1's, for this seed).
        assertThat(hex.formatHex(upgraded.publicKey()))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        String rewritten = Files.readString(file, StandardCharsets.US_ASCII);
        assertThat(rewritten).isEqualTo(SigningKey.fromSeed(DirectiveSigner.KEY_NAME, KeyType.ED25519, seed).privateKeyText() + "\n");
        assertThat(Files.getPosixFilePermissions(file).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");

        // Once rewritten, it is read as it is and left alone.
        DirectiveSigner again = DirectiveSigner.loadOrCreate(file);
        assertThat(again.publicKey()).isEqualTo(upgraded.publicKey());
        assertThat(Files.readString(file, StandardCharsets.US_ASCII)).isEqualTo(rewritten);
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(DirectiveSigner.verify(upgraded.publicKey(), payload, again.sign(payload))).isTrue();
    }

    @Test
    void aFileThatIsNeitherFormIsRefusedAndLeftAlone(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("directive.key");
        Files.writeString(file, "not a key\n");
        assertThatThrownBy(() -> DirectiveSigner.loadOrCreate(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString());
        Path shortSeed = dir.resolve("short.key");
        Files.writeString(shortSeed, Base64.getEncoder().encodeToString(new byte[16]) + "\n");
        assertThatThrownBy(() -> DirectiveSigner.loadOrCreate(shortSeed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThat(Files.readString(file)).isEqualTo("not a key\n");
    }
}
