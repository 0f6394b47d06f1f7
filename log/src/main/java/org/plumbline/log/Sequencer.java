package org.plumbline.log;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.plumbline.log.tiles.EntryBundle;

/**
 * Turns concurrent appends into durable indexes, then into tiles and checkpoints.
 *
 * <p>Two threads, one job each. The <em>sequencing</em> thread takes whatever appends are waiting
 * (up to {@code maxBatchEntries}, waiting at most {@code maxBatchDelay} for more once one has
 * arrived), writes them to the journal with one fsync, and only then completes their futures with
 * their indexes: an acknowledged index is durable. While it fsyncs, new appends queue up, so batches
 * grow with load (group commit). The <em>integration</em> thread takes every journaled entry not
 * yet in the tree, integrates them in one go, and publishes the signed checkpoint; under load it
 * too coalesces many batches into one integration.
 */
final class Sequencer implements AutoCloseable {
    private record Pending(byte[] entry, CompletableFuture<Long> index) {}

    private record Waiter(long size, CompletableFuture<Void> future) {}

    private final Journal journal;
    private final Integrator integrator;
    private final Options options;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread sequencing;
    private final Thread integration;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition journaledMore = lock.newCondition();
    private final Condition integratedMore = lock.newCondition();
    /** Journaled, not yet integrated, in index order; guarded by lock. */
    private List<byte[]> toIntegrate = new ArrayList<>();
    /** Waiters for integration, smallest size first; guarded by lock. */
    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>((a, b) -> Long.compare(a.size, b.size));
    private volatile long integratedSize;
    private volatile boolean closing;
    private volatile Throwable failure;

    Sequencer(Journal journal, Integrator integrator, Options options) {
        this.journal = journal;
        this.integrator = integrator;
        this.options = options;
        this.integratedSize = integrator.size();
        this.toIntegrate.addAll(journal.recovered());
        this.sequencing = Thread.ofPlatform().name("plumbline-sequencer").daemon().unstarted(this::sequenceLoop);
        this.integration = Thread.ofPlatform().name("plumbline-integrator").daemon().unstarted(this::integrateLoop);
        sequencing.start();
        integration.start();
    }

    /** How appends are grouped. */
    record Options(int maxBatchEntries, Duration maxBatchDelay, int maxPendingEntries) {
        Options {
            if (maxPendingEntries < maxBatchEntries) {
                throw new IllegalArgumentException("maxPendingEntries must be at least maxBatchEntries");
            }
            if (maxBatchEntries < 1) {
                throw new IllegalArgumentException("maxBatchEntries must be at least 1");
            }
            if (maxBatchDelay.isNegative()) {
                throw new IllegalArgumentException("maxBatchDelay must not be negative");
            }
        }
    }

    CompletableFuture<Long> add(byte[] entry) {
        EntryBundle.checkSize(entry);
        if (closing) {
            return CompletableFuture.failedFuture(new IllegalStateException("the log is closing"));
        }
        Throwable f = failure;
        if (f != null) {
            return CompletableFuture.failedFuture(new IOException("the log failed earlier: " + f.getMessage(), f));
        }
        Pending p = new Pending(entry.clone(), new CompletableFuture<>());
        queue.add(p);
        return p.index;
    }

    /** Completes once the entry at {@code index} is in a published checkpoint. */
    CompletableFuture<Void> whenIntegrated(long index) {
        lock.lock();
        try {
            if (index < integratedSize) {
                return CompletableFuture.completedFuture(null);
            }
            Waiter w = new Waiter(index + 1, new CompletableFuture<>());
            waiters.add(w);
            return w.future;
        } finally {
            lock.unlock();
        }
    }

    long integratedSize() {
        return integratedSize;
    }

    private void sequenceLoop() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) {
                        break;
                    }
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + options.maxBatchDelay().toNanos();
                while (batch.size() < options.maxBatchEntries()) {
                    int drained = queue.drainTo(batch, options.maxBatchEntries() - batch.size());
                    if (drained > 0) {
                        continue;
                    }
                    long wait = deadline - System.nanoTime();
                    if (wait <= 0) {
                        break;
                    }
                    Pending next = queue.poll(wait, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                journalBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
    }

    private void journalBatch(List<Pending> batch) {
        List<byte[]> entries = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            entries.add(p.entry);
        }
        awaitBacklogBelowLimit();
        long first;
        try {
            if (failure != null) {
                throw new IOException("the log failed earlier: " + failure.getMessage(), failure);
            }
            journal.release(integratedSize);
            first = journal.nextIndex();
            journal.append(entries);
        } catch (IOException | RuntimeException e) {
            // The journal's state is unknown after a failed write: refuse everything from now on.
            failure = e;
            for (Pending p : batch) {
                p.index.completeExceptionally(e);
            }
            return;
        }
        lock.lock();
        try {
            toIntegrate.addAll(entries);
            journaledMore.signal();
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).index.complete(first + i);
        }
    }

    /**
     * Pushback: while more than {@code maxPendingEntries} journaled entries wait for integration,
     * stop journaling. Appends then queue up and slow their writers down to the rate integration
     * sustains, instead of integration latency growing without bound.
     */
    private void awaitBacklogBelowLimit() {
        lock.lock();
        try {
            while (toIntegrate.size() >= options.maxPendingEntries() && failure == null) {
                integratedMore.await(50, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void integrateLoop() {
        while (true) {
            List<byte[]> work;
            lock.lock();
            try {
                while (toIntegrate.isEmpty()) {
                    if (closing && !sequencing.isAlive()) {
                        return;
                    }
                    journaledMore.await(50, TimeUnit.MILLISECONDS);
                }
                work = toIntegrate;
                toIntegrate = new ArrayList<>();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            try {
                integrator.integrate(work);
            } catch (IOException | RuntimeException e) {
                failure = e;
                lock.lock();
                try {
                    for (Waiter w : waiters) {
                        w.future.completeExceptionally(e);
                    }
                    waiters.clear();
                } finally {
                    lock.unlock();
                }
                return;
            }
            lock.lock();
            try {
                integratedSize = integrator.size();
                integratedMore.signalAll();
                while (!waiters.isEmpty() && waiters.peek().size <= integratedSize) {
                    waiters.poll().future.complete(null);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Stops taking appends, journals and integrates everything already taken, then returns. */
    @Override
    public void close() throws IOException {
        closing = true;
        try {
            sequencing.join();
            integration.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while closing the log", e);
        } finally {
            journal.close();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.index.completeExceptionally(new IllegalStateException("the log closed before this entry was taken"));
        }
        if (failure != null) {
            throw new IOException("the log failed: " + failure.getMessage(), failure);
        }
    }
}
