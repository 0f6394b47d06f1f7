package org.plumbline.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.plumbline.log.hash.Sha256;

class Argon2idTest {
    @Test
    void rfc9106Argon2idVector() {
        // RFC 9106 section 5.3: Argon2id, version 0x13, m = 32 KiB, t = 3, p = 4, P = 32 × 0x01, S = 16 × 0x02,
        // K = 8 × 0x03, X = 12 × 0x04, tag length 32.
        byte[] password = filled(32, 0x01);
        byte[] salt = filled(16, 0x02);
        byte[] secret = filled(8, 0x03);
        byte[] associated = filled(12, 0x04);
        byte[] tag = new Argon2id(32, 3, 4).derive(password, salt, secret, associated, 32);
        assertThat(Sha256.hex(tag)).isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void receiptsCostAtLeast128MiB() {
        assertThat(Argon2id.RECEIPT.memoryKib()).isGreaterThanOrEqualTo(128 * 1024);
        assertThat(Argon2id.RECEIPT.passes()).isGreaterThanOrEqualTo(3);
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
