package org.plumbline.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
