package org.plumbline.log.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.proof.TlogProof;

/** The fuzz seeds are valid and verify, so mutations start on the success paths, not only on errors. */
class SeedsTest {
    @Test
    void seedsVerify() throws Exception {
        assertThat(Seeds.policy().verify(Seeds.cosignedCheckpoint())).isEqualTo(Seeds.checkpoint());
        assertThat(TlogProof.verify(Seeds.proof(), Seeds.ENTRY, Seeds.policy()).size()).isEqualTo(2);
        assertThat(SignedNote.open(Seeds.cosignedCheckpoint(), FuzzTargets.TRUSTED).signers()).hasSize(2);
    }
}
