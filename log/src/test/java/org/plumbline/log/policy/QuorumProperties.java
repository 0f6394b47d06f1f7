package org.plumbline.log.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.NoteSignature;
import org.plumbline.log.note.NoteVerificationException;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.note.SigningKey;

/**
 * A k-of-n group over real cosigned checkpoints: the policy accepts exactly when at least k of the
 * n listed witnesses cosigned, whatever else signed the note.
 */
class QuorumProperties {
    static final SigningKey LOG = SigningKey.generate("example.org/quorum", KeyType.ED25519);
    static final List<SigningKey> WITNESSES = new ArrayList<>();
    static final SigningKey OUTSIDER = SigningKey.generate("outsider.example", KeyType.COSIGNATURE_V1);
    static final Checkpoint CHECKPOINT = new Checkpoint(LOG.name(), 77, new byte[32]);

    static {
        for (int i = 0; i < 8; i++) {
            WITNESSES.add(SigningKey.generate("w" + i + ".example", KeyType.COSIGNATURE_V1));
        }
    }

    @Property(tries = 150)
    void kOfNIsMetExactlyWhenKListedWitnessesCosign(
            @ForAll @IntRange(min = 1, max = 8) int n,
            @ForAll @IntRange(min = 1, max = 8) int kSeed,
            @ForAll @Size(max = 8) Set<@IntRange(min = 0, max = 7) Integer> signers,
            @ForAll boolean outsiderSigns) throws Exception {
        int k = 1 + (kSeed - 1) % n;
        StringBuilder policy = new StringBuilder("log ").append(LOG.verifierKey().text()).append('\n');
        StringBuilder group = new StringBuilder("group g ").append(k);
        for (int i = 0; i < n; i++) {
            policy.append("witness w").append(i).append(' ').append(WITNESSES.get(i).verifierKey().text()).append('\n');
            group.append(" w").append(i);
        }
        policy.append(group).append("\nquorum g\n");
        Policy p = Policy.parse(policy.toString());

        List<NoteSignature> cosignatures = new ArrayList<>();
        for (int i : new TreeSet<>(signers)) {
            cosignatures.add(WITNESSES.get(i).sign(CHECKPOINT.text()));
        }
        if (outsiderSigns) {
            cosignatures.add(OUTSIDER.sign(CHECKPOINT.text()));
        }
        byte[] note = SignedNote.sign(CHECKPOINT.text(), LOG).withSignatures(cosignatures).toBytes();
        long listedSigners = signers.stream().filter(i -> i < n).count();
        if (listedSigners >= k) {
            assertThat(p.verify(note)).isEqualTo(CHECKPOINT);
        } else {
            assertThatThrownBy(() -> p.verify(note))
                    .isInstanceOf(NoteVerificationException.class)
                    .hasMessageContaining("witness quorum not met");
        }
    }
}
