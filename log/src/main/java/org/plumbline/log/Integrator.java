package org.plumbline.log;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plumbline.log.merkle.Hashes;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.NoteFormatException;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.storage.LogStorage;
import org.plumbline.log.storage.WriteConflictException;
import org.plumbline.log.tiles.EntryBundle;
import org.plumbline.log.tiles.MalformedTileException;
import org.plumbline.log.tiles.TileMath;
import org.plumbline.log.tiles.TilePath;

/**
 * Appends entries that already have durable indexes to the tiled tree, and publishes a signed
 * checkpoint for the new size.
 *
 * <p>Integration is deterministic: the same entries always give the same tiles and root. So after
 * a crash in the middle of an integration, integrating the same entries again rewrites identical
 * bytes, and no two different roots are ever signed for one size. The checkpoint is written last:
 * a reader that sees it can fetch every tile it names.
 *
 * <p>Several integrators may share one storage (several machines on one bucket): the checkpoint is published
 * only by compare-and-swap against the one this integrator last read or published
 * ({@link LogStorage#replace}), so of two integrations from the same tree one publishes and the other
 * gets a {@link WriteConflictException}, publishes nothing, and takes up the winner's tree. {@link #integrate}
 * then fails (its caller had promised indexes that are now taken); {@link #append} tries again from there.
 */
public final class Integrator {
    /** Attempts {@link #append} makes before it gives up on a log other writers keep winning. */
    private static final int APPEND_ATTEMPTS = 64;

    private final LogStorage storage;
    private final CheckpointSigner signer;
    private TreeEdge edge;
    private volatile byte[] checkpoint;
    /** The partial tiles the current checkpoint names, as this integrator wrote them (empty if it did not). */
    private Map<String, byte[]> publishedPartials = Map.of();

    private Integrator(LogStorage storage, CheckpointSigner signer, TreeEdge edge, byte[] checkpoint) {
        this.storage = storage;
        this.signer = signer;
        this.edge = edge;
        this.checkpoint = checkpoint;
    }

    /** Creates an empty log in {@code storage} and publishes its size-0 checkpoint. */
    public static Integrator create(LogStorage storage, CheckpointSigner signer) throws IOException {
        if (storage.read(LogStorage.CHECKPOINT).isPresent()) {
            throw new IOException("a log already exists there (it has a checkpoint)");
        }
        Integrator integrator = new Integrator(storage, signer, new TreeEdge(), null);
        integrator.publish();
        return integrator;
    }

    /** Opens the log in {@code storage}, restoring the tree edge from the tiles its checkpoint names. */
    public static Integrator open(LogStorage storage, CheckpointSigner signer) throws IOException {
        Integrator integrator = new Integrator(storage, signer, null, null);
        integrator.reload();
        return integrator;
    }

    /**
     * Takes up the tree as storage holds it now: its checkpoint, and the edge restored from the tiles that
     * checkpoint names. After a lost race this is the other writer's tree.
     */
    private void reload() throws IOException {
        byte[] note = storage.read(LogStorage.CHECKPOINT)
                .orElseThrow(() -> new IOException("no log there: it has no checkpoint (run log init first)"));
        Checkpoint cp = parseCheckpoint(note);
        if (!cp.origin().equals(signer.origin())) {
            throw new IOException("the log's origin is '" + cp.origin() + "' but the key signs for '"
                    + signer.origin() + "'");
        }
        TreeEdge restored = restore(storage, cp.size());
        if (!MessageDigest.isEqual(restored.root(), cp.rootHash())) {
            throw new IOException("the tiles of the log do not give the root its checkpoint signs (size "
                    + cp.size() + "): the storage is damaged");
        }
        edge = restored;
        checkpoint = note;
        publishedPartials = Map.of();
    }

    private static TreeEdge restore(LogStorage storage, long size) throws IOException {
        List<List<byte[]>> levels = new ArrayList<>();
        for (int level = 0; (size >>> (TileMath.HEIGHT * level)) > 0; level++) {
            long hashes = size >>> (TileMath.HEIGHT * level);
            int width = (int) (hashes % TilePath.FULL_WIDTH);
            List<byte[]> tile = new ArrayList<>();
            if (width > 0) {
                TilePath path = TilePath.hashTile(level, hashes / TilePath.FULL_WIDTH, width);
                byte[] bytes = storage.read(path.path())
                        .orElseThrow(() -> new IOException("tile " + path + " named by the checkpoint is missing"));
                if (bytes.length != width * Hashes.SIZE) {
                    throw new IOException("tile " + path + " has " + bytes.length + " bytes, expected " + width * Hashes.SIZE);
                }
                for (int i = 0; i < width; i++) {
                    tile.add(TileMath.slice(bytes, i));
                }
            }
            levels.add(tile);
        }
        List<byte[]> entries = List.of();
        int width = (int) (size % TilePath.FULL_WIDTH);
        if (width > 0) {
            TilePath path = TilePath.entryBundle(size / TilePath.FULL_WIDTH, width);
            byte[] bytes = storage.read(path.path())
                    .orElseThrow(() -> new IOException("entry bundle " + path + " named by the checkpoint is missing"));
            try {
                entries = EntryBundle.decode(bytes, width);
            } catch (MalformedTileException e) {
                throw new IOException(path + ": " + e.getMessage(), e);
            }
        }
        return TreeEdge.restore(size, levels, entries);
    }

    /** Number of entries integrated. */
    public synchronized long size() {
        return edge.size();
    }

    /** The latest signed checkpoint note. */
    public byte[] checkpoint() {
        return checkpoint.clone();
    }

    /**
     * Appends {@code entries} at indexes {@code size()}, {@code size()+1}, ..., writes their tiles and
     * bundles durably, then signs and writes the checkpoint for the new size.
     *
     * @return the signed checkpoint note
     * @throws WriteConflictException if another writer published first (the checkpoint moved, or a full tile
     *     holds its entries): nothing was published, and this integrator now stands at the other's tree
     */
    public synchronized byte[] integrate(List<byte[]> entries) throws IOException {
        if (entries.isEmpty()) {
            return checkpoint();
        }
        for (byte[] e : entries) {
            EntryBundle.checkSize(e);
        }
        try {
            publishTree(entries);
        } catch (WriteConflictException lost) {
            reload();
            throw lost;
        }
        return checkpoint();
    }

    /**
     * Appends {@code entries} after whatever the log holds when they get in, retrying from the other writer's
     * tree each time one publishes first. For writers that acknowledge an entry only once a published checkpoint
     * covers it, and so may share a log with other such writers (several integrators on one bucket).
     *
     * @return the index of the first entry; the others follow it
     * @throws WriteConflictException if other writers won {@value #APPEND_ATTEMPTS} times in a row
     */
    public synchronized long append(List<byte[]> entries) throws IOException {
        for (int attempt = 1; ; attempt++) {
            long first = edge.size();
            try {
                integrate(entries);
                return first;
            } catch (WriteConflictException lost) {
                if (attempt == APPEND_ATTEMPTS) {
                    throw lost;
                }
                // Random backoff: two writers that keep colliding stop doing it in step.
                try {
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 4 << Math.min(attempt, 6)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while retrying after a lost race");
                }
            }
        }
    }

    private void publishTree(List<byte[]> entries) throws IOException {
        // Partial tiles are replaced, not created once: a writer must know its tree is still the published one
        // before it writes any, or it overwrites tiles a published checkpoint names (a writer that lost a race
        // and has not yet heard would do exactly that).
        boolean shared = storage.sharedByWriters();
        if (shared && checkpoint != null && !storage.read(LogStorage.CHECKPOINT)
                .map(c -> MessageDigest.isEqual(c, checkpoint)).orElse(false)) {
            throw new WriteConflictException(LogStorage.CHECKPOINT, "another writer published a checkpoint since");
        }
        if (shared) {
            repairPartials(publishedPartials);
        }
        for (byte[] e : entries) {
            edge.append(e);
        }
        Map<TilePath, byte[]> writes = edge.drainWrites();
        Map<String, byte[]> full = new LinkedHashMap<>();
        Map<String, byte[]> partial = new LinkedHashMap<>();
        List<TilePath> superseded = new ArrayList<>();
        for (Map.Entry<TilePath, byte[]> w : writes.entrySet()) {
            TilePath path = w.getKey();
            if (path.isFull()) {
                // Full tiles are immutable: one left by an integration cut short must match exactly.
                Optional<byte[]> existing = storage.read(path.path());
                if (existing.isPresent()) {
                    if (!MessageDigest.isEqual(existing.get(), w.getValue())) {
                        throw new WriteConflictException(path.path(), "full tile already exists with different bytes");
                    }
                    continue;
                }
                superseded.add(path);
                full.put(path.path(), w.getValue());
            } else {
                partial.put(path.path(), w.getValue());
            }
        }
        if (!shared) {
            // One writer (the directory's lock): everything in one batch, side by side, then the checkpoint.
            full.putAll(partial);
            storage.write(full);
            publish();
            prunePartials(superseded);
            return;
        }
        // Full tiles first: a writer racing from the same tree with other entries meets a full tile it cannot
        // replace before it has touched any partial one.
        storage.write(full);
        Map<String, Optional<byte[]>> takenOver = takeOver(partial);
        try {
            publish();
        } catch (WriteConflictException lost) {
            giveBack(takenOver, partial);
            throw lost;
        }
        publishedPartials = partial;
        repairPartials(partial);
        prunePartials(superseded);
    }

    private void publish() throws IOException {
        byte[] note = signer.sign(new Checkpoint(signer.origin(), edge.size(), edge.root()).text());
        storage.replace(LogStorage.CHECKPOINT, Optional.ofNullable(checkpoint), note);
        checkpoint = note;
    }

    /**
     * Writes the partial tiles by compare-and-swap against what each path held when read just before, so that
     * this writer never overwrites bytes it has not seen: what another writer racing to the same size wrote in
     * between makes this one lose. What it does replace is remembered, to be given back if it then loses the
     * checkpoint: that can only have been the winner's partial tile (or one nobody published).
     *
     * @return what each path held before, for the paths this writer changed
     */
    private Map<String, Optional<byte[]>> takeOver(Map<String, byte[]> partial) throws IOException {
        // Side by side, as the other tiles are written: on disk each swap is a write and an fsync.
        Map<String, Optional<byte[]>> before = new java.util.concurrent.ConcurrentHashMap<>();
        IOException first = null;
        try (var swaps = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (Map.Entry<String, byte[]> p : partial.entrySet()) {
                done.add(swaps.submit(() -> {
                    Optional<byte[]> there = storage.read(p.getKey());
                    if (there.isEmpty() || !MessageDigest.isEqual(there.get(), p.getValue())) {
                        storage.replace(p.getKey(), there, p.getValue());
                        before.put(p.getKey(), there);
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    IOException failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                    if (first == null || failure instanceof WriteConflictException) {
                        first = failure;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    first = new java.io.InterruptedIOException("interrupted while writing partial tiles");
                }
            }
        }
        if (first != null) {
            giveBack(before, partial);
            throw first;
        }
        return before;
    }

    /** Puts back what this writer replaced, wherever its own bytes are still there (best effort). */
    private void giveBack(Map<String, Optional<byte[]>> before, Map<String, byte[]> ours) {
        for (Map.Entry<String, Optional<byte[]>> b : before.entrySet()) {
            if (b.getValue().isEmpty()) {
                continue; // nothing was there: ours is an unpublished tile, which the next writer replaces
            }
            try {
                storage.replace(b.getKey(), Optional.of(ours.get(b.getKey())), b.getValue().get());
            } catch (IOException e) {
                // Someone wrote it since, or the storage failed: the winner's repair covers it.
            }
        }
    }

    /**
     * Partial tiles are replaced, not created once, so a writer racing from the same tree to the same size may
     * overwrite the ones this checkpoint names with its own just before it loses. Reading them back once the
     * checkpoint is ours, and again before the next integration, and rewriting any that differ closes that
     * window down to a losing write delayed past both reads (see docs/log.md).
     */
    private void repairPartials(Map<String, byte[]> written) throws IOException {
        Map<String, byte[]> damaged = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> w : written.entrySet()) {
            Optional<byte[]> now = storage.read(w.getKey());
            if (now.isEmpty() || !MessageDigest.isEqual(now.get(), w.getValue())) {
                damaged.put(w.getKey(), w.getValue());
            }
        }
        if (!damaged.isEmpty()) {
            storage.write(damaged);
        }
    }

    /**
     * Deletes every partial version of each tile that is now full, and so its {@code .p/} directory (tlog-tiles
     * lets a log do so: a client whose partial tile is gone fetches the full tile, whose prefix it is). The
     * rule is "a full tile has no partials", whoever wrote them: widths written by this process, by an earlier
     * one before a restart, or by an integration cut short. Knowing only this process's widths left some
     * behind after a restart (e.g. {@code tile/0/017.p/2} beside a full {@code tile/0/017}), so a verifier saw
     * some partials pruned and others kept. The storage lists the tile's {@code .p/} directory once and
     * deletes what is there, then the directory.
     */
    private void prunePartials(List<TilePath> nowFull) throws IOException {
        for (TilePath full : nowFull) {
            storage.deleteAll(full.path() + ".p");
        }
    }

    /** Parses the checkpoint in a signed note (signatures are checked by those who trust the key). */
    static Checkpoint parseCheckpoint(byte[] note) throws IOException {
        try {
            return Checkpoint.parse(SignedNote.parse(note).text());
        } catch (NoteFormatException e) {
            throw new IOException("the log's checkpoint is malformed: " + e.getMessage(), e);
        }
    }
}
