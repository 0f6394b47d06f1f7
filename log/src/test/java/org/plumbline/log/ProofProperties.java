package org.plumbline.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.plumbline.log.merkle.Hashes;
import org.plumbline.log.merkle.ProofException;
import org.plumbline.log.merkle.Proofs;

/**
 * For random tree sizes: every inclusion and consistency proof generated from tiles verifies, the
 * tiled root equals RFC 6962's recursive definition, and flipping any one bit of a proof, a root or
 * a leaf makes verification fail.
 */
class ProofProperties {

    private record Tree(List<byte[]> entries, LogReader reader, byte[] root) {}

    private static Tree build(int size) throws Exception {
        return build(size, new MemoryStorage());
    }

    private static Tree build(int size, org.plumbline.log.storage.LogStorage storage) throws Exception {
        Integrator integrator = Integrator.create(storage, TestSigners.forOrigin("test"));
        List<byte[]> entries = new ArrayList<>();
        // Integrate in uneven batches so partial tiles of many widths are written and then superseded.
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            byte[] e = ByteBuffer.allocate(8).putLong(i * 2654435761L).array();
            entries.add(e);
            batch.add(e);
            if (batch.size() == 1 + (i % 37)) {
                integrator.integrate(batch);
                batch = new ArrayList<>();
            }
        }
        integrator.integrate(batch);
        LogReader reader = new LogReader(storage);
        return new Tree(entries, reader, reader.root(size));
    }

    /** RFC 6962 MTH, straight from its recursive definition. */
    private static byte[] mth(List<byte[]> entries) {
        if (entries.isEmpty()) {
            return Hashes.emptyRoot();
        }
        if (entries.size() == 1) {
            return Hashes.leaf(entries.get(0));
        }
        int k = Integer.highestOneBit(entries.size() - 1);
        return Hashes.node(mth(entries.subList(0, k)), mth(entries.subList(k, entries.size())));
    }

    /**
     * The same trees in each storage backend (smaller than above: a bucket takes a dozen requests per
     * integration): the stored tiles give RFC 6962's root, and every inclusion and consistency proof verifies.
     */
    @Property(tries = 16)
    void eachBackendStoresTilesThatProveEverything(@ForAll Backend backend, @ForAll @IntRange(min = 1, max = 600) int size)
            throws Exception {
        java.nio.file.Path tmp = java.nio.file.Files.createTempDirectory("proof-properties");
        Tree t = build(size, backend.create(tmp).storage);
        assertThat(t.root).isEqualTo(mth(t.entries));
        for (int index = 0; index < size; index++) {
            Proofs.verifyInclusion(Hashes.leaf(t.entries.get(index)), index, size, t.reader.inclusionProof(index, size),
                    t.root);
            assertThat(t.reader.entry(index, size)).isEqualTo(t.entries.get(index));
        }
        for (int size1 = 1; size1 <= size; size1 += 1 + size1 / 4) {
            Proofs.verifyConsistency(size1, size, t.reader.consistencyProof(size1, size), t.reader.root(size1), t.root);
        }
    }

    @Provide
    Arbitrary<int[]> sizeAndIndex() {
        Arbitrary<Integer> sizes = Arbitraries.oneOf(Arbitraries.integers().between(1, 600),
                Arbitraries.integers().between(65_000, 66_500));
        return sizes.flatMap(n -> Arbitraries.integers().between(0, n - 1).map(i -> new int[] {n, i}));
    }

    @Property(tries = 40)
    void inclusionProofsVerifyAndBitFlipsFail(@ForAll("sizeAndIndex") int[] si, @ForAll @IntRange(min = 0, max = 10_000) int flip)
            throws Exception {
        int size = si[0];
        int index = si[1];
        Tree t = build(size);
        assertThat(t.root).isEqualTo(mth(t.entries));
        byte[] leaf = Hashes.leaf(t.entries.get(index));
        List<byte[]> proof = t.reader.inclusionProof(index, size);
        Proofs.verifyInclusion(leaf, index, size, proof, t.root);

        int bits = (proof.size() + 2) * 256;
        int bit = flip % bits;
        List<byte[]> badProof = deepCopy(proof);
        byte[] badLeaf = leaf.clone();
        byte[] badRoot = t.root.clone();
        byte[] target = bit < 256 ? badLeaf : bit < 512 ? badRoot : badProof.get(bit / 256 - 2);
        target[(bit % 256) / 8] ^= (byte) (1 << (bit % 8));
        assertThatThrownBy(() -> Proofs.verifyInclusion(badLeaf, index, size, badProof, badRoot))
                .isInstanceOf(ProofException.class);
        if (size > 1) {
            assertThatThrownBy(() -> Proofs.verifyInclusion(leaf, (index + 1) % size, size, proof, t.root))
                    .isInstanceOf(ProofException.class);
        }
    }

    @Provide
    Arbitrary<int[]> twoSizes() {
        Arbitrary<Integer> sizes = Arbitraries.oneOf(Arbitraries.integers().between(1, 700),
                Arbitraries.integers().between(65_000, 66_500));
        return sizes.flatMap(n -> Combinators.combine(Arbitraries.integers().between(1, n),
                Arbitraries.just(n)).as((a, b) -> new int[] {a, b}));
    }

    @Property(tries = 40)
    void consistencyProofsVerifyAndBitFlipsFail(@ForAll("twoSizes") int[] sizes, @ForAll @IntRange(min = 0, max = 10_000) int flip)
            throws Exception {
        int size1 = sizes[0];
        int size2 = sizes[1];
        Tree t = build(size2);
        byte[] root1 = t.reader.root(size1);
        assertThat(root1).isEqualTo(mth(t.entries.subList(0, size1)));
        List<byte[]> proof = t.reader.consistencyProof(size1, size2);
        Proofs.verifyConsistency(size1, size2, proof, root1, t.root);
        if (size1 == size2) {
            return;
        }
        int bits = (proof.size() + 2) * 256;
        int bit = flip % bits;
        List<byte[]> badProof = deepCopy(proof);
        byte[] bad1 = root1.clone();
        byte[] bad2 = t.root.clone();
        byte[] target = bit < 256 ? bad1 : bit < 512 ? bad2 : badProof.get(bit / 256 - 2);
        target[(bit % 256) / 8] ^= (byte) (1 << (bit % 8));
        assertThatThrownBy(() -> Proofs.verifyConsistency(size1, size2, badProof, bad1, bad2))
                .isInstanceOf(ProofException.class);
    }

    private static List<byte[]> deepCopy(List<byte[]> hashes) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] h : hashes) {
            out.add(h.clone());
        }
        return out;
    }
}
