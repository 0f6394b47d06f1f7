package org.plumbline.log.fuzz;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.plumbline.log.merkle.Hashes;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.KeyFormatException;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.policy.Policy;
import org.plumbline.log.policy.PolicyFormatException;
import org.plumbline.log.proof.TlogProof;
import org.plumbline.log.tiles.EntryBundle;

/** Valid inputs for each parser, made from fixed keys so that every run starts from the same seeds. */
final class Seeds {
    private Seeds() {}

    static final SigningKey LOG = key(
            "PRIVATE+KEY+plumbline.example/test+784fa457+AZ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g");
    static final SigningKey WITNESS = key(
            "PRIVATE+KEY+witness.example/w1+04d2d833+BEzNCJso/5banbbDRuwRTg9bijGfNaumJNqM9u1PuKb7");
    static final byte[] ENTRY = "{\"type\":\"record\",\"n\":1}".getBytes(StandardCharsets.UTF_8);
    static final byte[] OTHER_ENTRY = "{\"type\":\"record\",\"n\":0}".getBytes(StandardCharsets.UTF_8);

    private static SigningKey key(String text) {
        try {
            return SigningKey.parse(text);
        } catch (KeyFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    static Checkpoint checkpoint() {
        byte[] root = Hashes.node(Hashes.leaf(OTHER_ENTRY), Hashes.leaf(ENTRY));
        return new Checkpoint(LOG.name(), 2, root);
    }

    static byte[] cosignedCheckpoint() {
        String text = checkpoint().text();
        return SignedNote.sign(text, LOG)
                .withSignatures(List.of(WITNESS.sign(text, Instant.ofEpochSecond(1_760_000_000L))))
                .toBytes();
    }

    static String policyText() {
        return "# fuzz seed policy\nlog " + LOG.verifierKey().text() + "\nwitness w1 " + WITNESS.verifierKey().text()
                + " https://w1.example/\ngroup g any w1\nquorum g\n";
    }

    static Policy policy() {
        try {
            return Policy.parse(policyText());
        } catch (PolicyFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] proof() {
        return new TlogProof(1, List.of(Hashes.leaf(OTHER_ENTRY)), cosignedCheckpoint(), new byte[] {1, 2, 3}).toBytes();
    }

    /** Seeds per target name, as bytes. */
    static List<byte[]> forTarget(String target) {
        List<byte[]> seeds = new ArrayList<>();
        switch (target) {
            case "note" -> {
                seeds.add(cosignedCheckpoint());
                seeds.add(SignedNote.sign("para\n\nmore — text ü\n", LOG).toBytes());
            }
            case "checkpoint" -> {
                seeds.add(checkpoint().text().getBytes(StandardCharsets.UTF_8));
                seeds.add(new Checkpoint("o", 9_223_372_036_854_775_807L, new byte[32], List.of("ext 1", "ext 2"))
                        .text().getBytes(StandardCharsets.UTF_8));
                seeds.add(cosignedCheckpoint());
            }
            case "keys" -> {
                seeds.add(LOG.privateKeyText().getBytes(StandardCharsets.UTF_8));
                seeds.add(LOG.verifierKey().text().getBytes(StandardCharsets.UTF_8));
                seeds.add(WITNESS.verifierKey().text().getBytes(StandardCharsets.UTF_8));
            }
            case "policy" -> seeds.add(policyText().getBytes(StandardCharsets.UTF_8));
            case "proof" -> seeds.add(proof());
            case "tilePath" -> {
                for (String path : List.of("tile/0/000", "tile/0/x001/x234/067.p/8", "tile/entries/x123/456",
                        "tile/entries/000.p/1", "tile/63/x009/x223/x372/x036/x854/775", "tile/5/255.p/255")) {
                    seeds.add(path.getBytes(StandardCharsets.UTF_8));
                }
            }
            case "entryBundle" -> {
                byte[] bundle = EntryBundle.encode(List.of(ENTRY, OTHER_ENTRY, new byte[0]));
                byte[] withCount = new byte[bundle.length + 1];
                withCount[0] = 3;
                System.arraycopy(bundle, 0, withCount, 1, bundle.length);
                seeds.add(withCount);
            }
            default -> throw new IllegalArgumentException(target);
        }
        return seeds;
    }
}
