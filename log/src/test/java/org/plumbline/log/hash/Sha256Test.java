package org.plumbline.log.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Known answers from FIPS 180-2 (appendix B.1) and the empty-string digest. */
class Sha256Test {
    static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void digestsAreTheStandardsAndPartsHashAsTheirConcatenation() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(Sha256.hex(Sha256.digest(abc))).isEqualTo(ABC);
        assertThat(Sha256.hex(Sha256.digest())).isEqualTo(EMPTY);
        assertThat(Sha256.digest("a".getBytes(StandardCharsets.US_ASCII), "bc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(Sha256.unhex(ABC)).hasSize(Sha256.SIZE);
        var md = Sha256.newDigest();
        md.update(abc);
        assertThat(md.digest()).isEqualTo(Sha256.digest(abc));
    }

    @Test
    void hexIsLowerCaseAndUnhexTakesEitherCaseAndNamesBadInput() {
        assertThat(Sha256.hex(new byte[] {(byte) 0xAB, 0x01})).isEqualTo("ab01");
        assertThat(Sha256.unhex("AB01")).containsExactly((byte) 0xab, 0x01);
        assertThatThrownBy(() -> Sha256.unhex("xyz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("xyz");
    }
}
