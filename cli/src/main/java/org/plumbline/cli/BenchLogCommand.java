package org.plumbline.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.plumbline.log.CheckpointSigner;
import org.plumbline.log.DirectoryLog;
import org.plumbline.log.LogReader;
import org.plumbline.log.merkle.Hashes;
import org.plumbline.log.merkle.ProofException;
import org.plumbline.log.merkle.Proofs;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.storage.DirectoryStorage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Durable append throughput, integration latency and proof verification rate of a directory log.")
final class BenchLogCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "10", description = "Duration of each append run (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--writers", defaultValue = "1024", description = "Concurrent writers, each a virtual thread (default ${DEFAULT-VALUE}).")
    int writers;

    @Option(names = "--dir", description = "Where to put the benchmark logs (default: a temporary directory, deleted after).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Path base = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("plumbline-bench-");
        try {
            System.out.printf("plumbline bench log: %d writers, %d s per run, %d cores, in %s%n",
                    writers, seconds, Runtime.getRuntime().availableProcessors(), base);
            double fsyncs = fsyncRate(base.resolve("fsync-probe"), Duration.ofSeconds(Math.min(3, seconds)));
            System.out.printf("reference: one 64-byte write + fsync per append (no batching): %,.0f appends/s%n", fsyncs);
            System.out.println();
            System.out.println("| entry size | writers | durable appends/s | vs reference | integration p50 | p99 | max | appended |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            Path last = null;
            long lastSize = 0;
            for (int size : new int[] {64, 1024}) {
                Path logDir = base.resolve("log-" + size);
                Result r = appendRun(logDir, size);
                System.out.printf("| %d B | %d | %,.0f | %.1fx | %.1f ms | %.1f ms | %.1f ms | %,d |%n", size, writers,
                        r.rate, r.rate / fsyncs, r.p50 / 1e6, r.p99 / 1e6, r.max / 1e6, r.count);
                last = logDir;
                lastSize = r.count;
            }
            System.out.println();
            integrationOnly(base.resolve("integration-only"));
            verifyRate(last, lastSize);
            return 0;
        } finally {
            if (dir == null) {
                deleteTree(base);
            }
        }
    }

    private record Result(double rate, long count, double p50, double p99, double max) {}

    private Result appendRun(Path logDir, int entrySize) throws Exception {
        SigningKey key = SigningKey.generate("bench.plumbline.example/log", KeyType.ED25519);
        CheckpointSigner signer = CheckpointSigner.of(key);
        DirectoryLog.create(logDir, signer);
        long[] latencies = new long[50_000_000];
        AtomicInteger recorded = new AtomicInteger();
        AtomicLong appended = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        long start;
        long elapsed;
        try (DirectoryLog log = DirectoryLog.open(logDir, signer)) {
            List<Thread> threads = new ArrayList<>();
            start = System.nanoTime();
            for (int w = 0; w < writers; w++) {
                final int writer = w;
                threads.add(Thread.ofVirtual().start(() -> {
                    byte[] entry = new byte[entrySize];
                    long n = 0;
                    while (!stop.get()) {
                        ByteBuffer.wrap(entry).putInt(writer).putLong(n++);
                        long t0 = System.nanoTime();
                        long index = log.add(entry).join();
                        appended.incrementAndGet();
                        log.whenIntegrated(index).thenRun(() -> {
                            int slot = recorded.getAndIncrement();
                            if (slot < latencies.length) {
                                latencies[slot] = System.nanoTime() - t0;
                            }
                        });
                    }
                }));
            }
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            elapsed = System.nanoTime() - start;
            for (Thread t : threads) {
                t.join();
            }
        }
        int n = Math.min(recorded.get(), latencies.length);
        long[] lat = Arrays.copyOf(latencies, n);
        Arrays.sort(lat);
        return new Result(appended.get() / (elapsed / 1e9), appended.get(),
                pct(lat, 0.50), pct(lat, 0.99), n == 0 ? 0 : lat[n - 1]);
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    /**
     * Where the time goes: integration alone (no sequencing, no journal), of 64-byte entries in
     * batches of 4,096, once into memory (hashing, bundle encoding, signing) and once to disk
     * (the same plus the tile files' writes and fsyncs).
     */
    private static void integrationOnly(Path dir) throws IOException {
        SigningKey key = SigningKey.generate("bench.plumbline.example/log", KeyType.ED25519);
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            batch.add(ByteBuffer.allocate(64).putInt(i).array());
        }
        java.util.Map<String, byte[]> memory = new java.util.HashMap<>();
        org.plumbline.log.storage.LogStorage inMemory = new org.plumbline.log.storage.LogStorage() {
            @Override
            public java.util.Optional<byte[]> read(String path) {
                return java.util.Optional.ofNullable(memory.get(path));
            }

            @Override
            public void write(java.util.Map<String, byte[]> files) {
                memory.putAll(files);
            }

            @Override
            public void replace(String path, java.util.Optional<byte[]> expected, byte[] next) {
                memory.put(path, next); // one writer, this thread
            }

            @Override
            public void deleteAll(String dir) {
                memory.keySet().removeIf(path -> path.startsWith(dir + "/"));
            }
        };
        double mem = integrate(org.plumbline.log.Integrator.create(inMemory, CheckpointSigner.of(key)), batch);
        double disk = integrate(org.plumbline.log.Integrator.create(DirectoryStorage.open(dir), CheckpointSigner.of(key)), batch);
        System.out.printf("integration alone, batches of 4,096 x 64 B: in memory %,.0f entries/s; to disk %,.0f entries/s"
                + " (the difference is file writes and fsyncs)%n", mem, disk);
    }

    private static double integrate(org.plumbline.log.Integrator integrator, List<byte[]> batch) throws IOException {
        int rounds = 100;
        long t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            integrator.integrate(batch);
        }
        return (double) rounds * batch.size() / ((System.nanoTime() - t0) / 1e9);
    }

    /** Inclusion proofs built from the log's tiles, then verified: verifications per second on one thread. */
    private static void verifyRate(Path logDir, long size) throws IOException, ProofException {
        LogReader reader = new LogReader(DirectoryStorage.open(logDir));
        byte[] root = reader.root(size);
        Random random = new Random(1);
        int n = 20_000;
        long[] idx = new long[n];
        List<List<byte[]>> proofs = new ArrayList<>(n);
        List<byte[]> leaves = new ArrayList<>(n);
        long g0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            idx[i] = (long) (random.nextDouble() * size);
            proofs.add(reader.inclusionProof(idx[i], size));
            leaves.add(Hashes.leaf(reader.entry(idx[i], size)));
        }
        double genRate = n / ((System.nanoTime() - g0) / 1e9);
        long v0 = System.nanoTime();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < n; i++) {
                Proofs.verifyInclusion(leaves.get(i), idx[i], size, proofs.get(i), root);
            }
        }
        double verifyRate = 5.0 * n / ((System.nanoTime() - v0) / 1e9);
        System.out.printf("inclusion proofs in a tree of %,d: generated from tiles (with the entry) %,.0f/s; verified %,.0f/s (one thread)%n",
                size, genRate, verifyRate);
    }

    /** The reference: how many appends per second one write + fdatasync each would allow on this disk. */
    private static double fsyncRate(Path file, Duration d) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate(64);
            long n = 0;
            long start = System.nanoTime();
            long end = start + d.toNanos();
            while (System.nanoTime() < end) {
                buf.rewind();
                ch.write(buf);
                ch.force(false);
                n++;
            }
            return n / ((System.nanoTime() - start) / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
