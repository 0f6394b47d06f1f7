package org.plumbline.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {
    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheRfc6238TestVectorsForSha1() {
        // RFC 6238 Appendix B, SHA1 column (8 digits).
        assertThat(Totp.codeAt(RFC_KEY, 59 / 30, 8, "HmacSHA1")).isEqualTo("94287082");
        assertThat(Totp.codeAt(RFC_KEY, 1111111109L / 30, 8, "HmacSHA1")).isEqualTo("07081804");
        assertThat(Totp.codeAt(RFC_KEY, 1111111111L / 30, 8, "HmacSHA1")).isEqualTo("14050471");
        assertThat(Totp.codeAt(RFC_KEY, 1234567890L / 30, 8, "HmacSHA1")).isEqualTo("89005924");
        assertThat(Totp.codeAt(RFC_KEY, 2000000000L / 30, 8, "HmacSHA1")).isEqualTo("69279037");
        assertThat(Totp.codeAt(RFC_KEY, 20000000000L / 30, 8, "HmacSHA1")).isEqualTo("65353130");
    }

    @Test
    void acceptsTheCurrentAndNeighbouringStepsOnly() {
        String secret = Base32.encode(RFC_KEY);
        Instant t = Instant.ofEpochSecond(1234567890L);
        String code = Totp.codeAt(RFC_KEY, 1234567890L / 30, 6, "HmacSHA1");
        assertThat(code).isEqualTo("005924");
        assertThat(Totp.verify(secret, code, t)).isTrue();
        assertThat(Totp.verify(secret, code, t.plusSeconds(30))).isTrue();
        assertThat(Totp.verify(secret, code, t.minusSeconds(30))).isTrue();
        assertThat(Totp.verify(secret, code, t.plusSeconds(90))).isFalse();
        assertThat(Totp.verify(secret, "12345", t)).isFalse();
        assertThat(Totp.verify(secret, null, t)).isFalse();
    }

    @Test
    void base32RoundTripsAndMatchesRfc4648() {
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(new String(Base32.decode("mzxw6ytboi======"), StandardCharsets.US_ASCII)).isEqualTo("foobar");
        assertThat(Base32.decode(Base32.encode(RFC_KEY))).isEqualTo(RFC_KEY);
        assertThatThrownBy(() -> Base32.decode("MZ1")).hasMessageContaining("'1' at 2");
    }
}
