package org.plumbline.server.log;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.List;
import org.plumbline.core.SequencedEntries;
import org.plumbline.log.LogReader;
import org.plumbline.log.LogVerifier;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.VerifierKey;
import org.plumbline.log.storage.LogStorage;
import org.plumbline.log.tiles.TileMath;
import org.plumbline.log.tiles.TilePath;

/**
 * The start-up check that the stored log is exactly what the database sequenced, entry for entry, up to
 * the signed checkpoint. The tiles are served publicly as they lie on disk, so checking only the last
 * entry let an earlier entry altered in them be published while the database said otherwise.
 *
 * <p>Two passes, each reusing what already exists: {@link LogVerifier} checks the checkpoint's signature and
 * recomputes every hash tile and the root from the stored entry bundles; then every bundle is compared with
 * the database's entries. Together they establish that the root over the database's first N entries is the
 * root the checkpoint signs, without a third implementation of the tree. The cost is one read of the log
 * and of the first N entries of the database on every start (see docs/PERFORMANCE.md).
 */
final class LogAgreement {
    /** Entries read from the database at a time: 16 bundles. */
    private static final int BATCH = 16 * TilePath.FULL_WIDTH;

    private LogAgreement() {}

    /** Throws an {@link IOException} naming the first entry where log and database part, and what to do. */
    static void check(LogStorage storage, VerifierKey key, SequencedEntries source, String logDir) throws IOException {
        Checkpoint checkpoint;
        try {
            checkpoint = LogVerifier.verify(storage, key);
        } catch (LogVerifier.Problem e) {
            throw new IOException("the log under " + logDir + " is damaged or was altered after it was published: "
                    + e.getMessage() + ". It is served publicly as stored, so the server will not start on it. "
                    + restore(logDir), e);
        }
        long size = checkpoint.size();
        long sequenced = source.count();
        if (size > sequenced) {
            throw new IOException("the log has " + size + " entries but the database only " + sequenced
                    + ": this log does not belong to this database");
        }
        LogReader reader = new LogReader(storage);
        for (long from = 0; from < size; from += BATCH) {
            List<byte[]> inDb = source.read(from, (int) Math.min(BATCH, size - from));
            for (long bundle = from >>> TileMath.HEIGHT; bundle << TileMath.HEIGHT < from + inDb.size(); bundle++) {
                List<byte[]> inLog = reader.entries(TileMath.entryBundleAt(bundle, size));
                for (int i = 0; i < inLog.size(); i++) {
                    long index = (bundle << TileMath.HEIGHT) + i;
                    int at = (int) (index - from);
                    if (at >= inDb.size() || !MessageDigest.isEqual(inLog.get(i), inDb.get(at))) {
                        throw new IOException("entry " + index + " differs between the log and the database (the "
                                + "log's entries match its signed checkpoint of size " + size + ", so the "
                                + "database's record " + index + " is not what was published). The server will not "
                                + "start: restore the database from a backup taken when it still agreed with the "
                                + "log, or, if the log under " + logDir + " belongs to another database, move it aside.");
                    }
                }
            }
        }
    }

    private static String restore(String logDir) {
        return "Restore " + logDir + " from a backup; if there is none and the database is right, move " + logDir
                + " aside and start again: the log is rebuilt from the database under the same key, and since "
                + "integration is deterministic its roots are those published before, which monitors can confirm.";
    }
}
