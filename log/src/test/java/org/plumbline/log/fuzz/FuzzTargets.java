package org.plumbline.log.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.KeyFormatException;
import org.plumbline.log.note.NoteFormatException;
import org.plumbline.log.note.NoteSignature;
import org.plumbline.log.note.NoteVerificationException;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.note.VerifierKey;
import org.plumbline.log.policy.Policy;
import org.plumbline.log.policy.PolicyFormatException;
import org.plumbline.log.proof.ProofFormatException;
import org.plumbline.log.proof.ProofVerificationException;
import org.plumbline.log.proof.TlogProof;
import org.plumbline.log.tiles.EntryBundle;
import org.plumbline.log.tiles.MalformedTileException;
import org.plumbline.log.tiles.TilePath;
import org.plumbline.log.tiles.TilePathException;

/**
 * The parsers under fuzzing, each with its contract: for any input it returns normally or throws
 * its documented exception. Anything else that escapes (NullPointerException, an index out of
 * bounds, IllegalArgumentException, ...) is a bug, and the fuzz drivers let it propagate.
 *
 * <p>Where an input parses, the target also re-formats it and checks the result is byte-identical
 * (parse and format are exact inverses), and runs verification against fixed keys so that the
 * signature-checking paths are fuzzed too.
 */
final class FuzzTargets {
    private FuzzTargets() {}

    static final SigningKey LOG = Seeds.LOG;
    static final SigningKey WITNESS = Seeds.WITNESS;
    static final List<VerifierKey> TRUSTED = List.of(LOG.verifierKey(), WITNESS.verifierKey());
    static final Policy POLICY = Seeds.policy();

    static void note(byte[] input) {
        try {
            NoteSignature.parseLines(input); // a witness's add-checkpoint response body
        } catch (NoteFormatException expected) {
            // documented
        }
        SignedNote note;
        try {
            note = SignedNote.parse(input);
        } catch (NoteFormatException expected) {
            return;
        }
        check(java.util.Arrays.equals(note.toBytes(), input), "note does not re-format to its input");
        try {
            note.verify(TRUSTED);
        } catch (NoteVerificationException expected) {
            // fine: the contract is about not crashing
        }
    }

    static void checkpoint(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            Checkpoint c = Checkpoint.parse(text);
            check(c.text().equals(text), "checkpoint does not re-format to its input");
        } catch (NoteFormatException expected) {
            // documented
        }
        try {
            Checkpoint.open(input, LOG.verifierKey());
        } catch (NoteFormatException | NoteVerificationException expected) {
            // documented
        }
    }

    static void keys(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            VerifierKey v = VerifierKey.parse(text);
            check(VerifierKey.parse(v.text()).equals(v), "verifier key does not round-trip");
        } catch (KeyFormatException expected) {
            // documented
        }
        try {
            SigningKey k = SigningKey.parse(text);
            check(SigningKey.parse(k.privateKeyText()).verifierKey().equals(k.verifierKey()), "private key does not round-trip");
        } catch (KeyFormatException expected) {
            // documented
        }
    }

    static void policy(byte[] input) {
        try {
            Policy p = Policy.parse(input);
            try {
                p.verify(Seeds.cosignedCheckpoint());
            } catch (NoteFormatException | NoteVerificationException expected) {
                // a parsed policy may well not trust the seed checkpoint
            }
        } catch (PolicyFormatException expected) {
            // documented
        }
    }

    static void proof(byte[] input) {
        try {
            TlogProof p = TlogProof.parse(input);
            check(java.util.Arrays.equals(p.toBytes(), input), "proof does not re-format to its input");
        } catch (ProofFormatException expected) {
            return;
        }
        try {
            TlogProof.verify(input, Seeds.ENTRY, POLICY);
        } catch (ProofVerificationException expected) {
            // documented
        }
    }

    static void tilePath(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            TilePath p = TilePath.parse(text);
            check(p.path().equals(text), "tile path does not re-format to its input");
        } catch (TilePathException expected) {
            // documented
        }
    }

    static void entryBundle(byte[] input) {
        // The first byte picks how many entries the path claims, the rest is the bundle.
        int expected = input.length == 0 ? 0 : (input[0] & 0xff) % (TilePath.FULL_WIDTH + 1);
        byte[] bundle = input.length == 0 ? input : java.util.Arrays.copyOfRange(input, 1, input.length);
        try {
            List<byte[]> entries = EntryBundle.decode(bundle, expected);
            check(entries.size() == expected, "entry bundle decoded to the wrong number of entries");
        } catch (MalformedTileException expected2) {
            // documented
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }
}
