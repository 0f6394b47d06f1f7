package org.plumbline.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Runs the write transactions of many callers as one database transaction, so that they share one commit and
 * one {@code fsync}.
 *
 * <p>Why: a transaction that appends to the log holds the log counter's row lock until it has committed (that
 * is what keeps indices dense and committed in order, see {@link LogEntries}), so appenders that commit alone
 * wait for each other's {@code fsync}: a few hundred per second whatever the machine. Here one thread takes
 * what callers have queued (up to {@value #MAX_GROUP}), runs each caller's work in turn in one transaction,
 * each under a savepoint of its own, and commits once. A work that throws is rolled back to its savepoint and
 * its caller gets the exception; the others are unaffected. A caller returns only after the commit that made
 * its work durable, so what it acknowledges survives {@code kill -9}; if that commit fails, every caller of the
 * group gets the failure and nothing of the group is stored.
 *
 * <p>What a caller sees is what it saw with a transaction of its own at READ COMMITTED, and more: works run one
 * after another, so each sees the ones before it in its group. A work must not wait for another caller (it
 * would wait for the thread that runs them both); one that calls {@link #run} again, directly or through a
 * service, joins its own transaction.
 */
final class GroupCommit implements AutoCloseable {
    /**
     * At most this many works per transaction. It bounds how long a caller can wait behind others, and keeps
     * the savepoints (subtransactions) of one transaction within the 64 that PostgreSQL tracks per backend in
     * shared memory; beyond that every other session's snapshot gets slower.
     */
    static final int MAX_GROUP = 32;

    private static final String SAVEPOINT = "work";
    private static final Work<?> CLOSE = new Work<>(h -> null);

    private final Jdbi jdbi;
    private final LinkedBlockingQueue<Work<?>> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private boolean closed; // guarded by this
    /** The transaction being run, for a work that calls {@link #run} again (committer thread only). */
    private Handle current;

    GroupCommit(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.committer = Thread.ofPlatform().daemon().name("plumbline-group-commit").start(this::commitLoop);
    }

    /** Runs {@code work} in a transaction shared with other callers; returns once it has committed. */
    <R, X extends Exception> R run(HandleCallback<R, X> work) throws X {
        if (Thread.currentThread() == committer) {
            return work.withHandle(current);
        }
        Work<R> queued = new Work<>(work);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the database is closed");
            }
            queue.add(queued);
        }
        return queued.await();
    }

    /** How many works wait for the committer (not counting the group it is running). */
    int waiting() {
        return queue.size();
    }

    private void commitLoop() {
        List<Work<?>> group = new ArrayList<>(MAX_GROUP);
        boolean closing = false;
        while (!closing) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() ends the loop, and only after the works queued before it
            }
            queue.drainTo(group, MAX_GROUP - 1);
            closing = group.remove(CLOSE);
            if (!group.isEmpty()) {
                commit(group);
            }
            group.clear();
        }
    }

    private void commit(List<Work<?>> group) {
        List<Work<?>> ran = new ArrayList<>(group.size());
        try {
            jdbi.useHandle(h -> h.useTransaction(TransactionIsolationLevel.READ_COMMITTED, tx -> {
                current = tx;
                try {
                    if (group.size() == 1) {
                        group.get(0).run(tx); // alone, its failure rolls back the transaction: no savepoint needed
                        ran.add(group.get(0));
                        return;
                    }
                    // Each work under a savepoint of its own name-sake: not released after a work succeeds (a round
                    // trip saved per work), so they nest, at most MAX_GROUP deep; rolling back to the name rolls
                    // back to the newest, the failed work's own.
                    for (Work<?> w : group) {
                        tx.savepoint(SAVEPOINT);
                        try {
                            w.run(tx);
                            ran.add(w);
                        } catch (Exception | StackOverflowError e) {
                            tx.rollbackToSavepoint(SAVEPOINT);
                            w.fail(e);
                        }
                    }
                } finally {
                    current = null;
                }
            }));
        } catch (Throwable t) {
            // The commit failed, or the connection did, or the lone work threw: nothing of the group is stored.
            for (Work<?> w : group) {
                w.fail(t);
            }
            return;
        }
        for (Work<?> w : ran) {
            w.succeed();
        }
    }

    /**
     * Runs what is queued, then stops; a caller that comes later is refused. Works queued before the close
     * still commit (the pool must stay open until this returns).
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(CLOSE);
        }
        try {
            committer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One caller's work, its result (kept until the commit), and the future its caller waits on. */
    private static final class Work<R> {
        private final HandleCallback<R, ? extends Exception> callback;
        private final CompletableFuture<R> outcome = new CompletableFuture<>();
        private R result;

        Work(HandleCallback<R, ? extends Exception> callback) {
            this.callback = callback;
        }

        void run(Handle h) throws Exception {
            result = callback.withHandle(h);
        }

        void succeed() {
            outcome.complete(result);
        }

        void fail(Throwable t) {
            outcome.completeExceptionally(t); // the first outcome stands: a work's own failure is its answer
        }

        <X extends Exception> R await() throws X {
            try {
                return outcome.join();
            } catch (CompletionException e) {
                throw GroupCommit.<RuntimeException>sneaky(e.getCause());
            }
        }
    }

    /** Rethrows the work's own exception, checked or not, as the caller's {@code run} declares it. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
