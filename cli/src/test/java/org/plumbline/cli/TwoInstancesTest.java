package org.plumbline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.core.Database;
import org.plumbline.log.LogReader;
import org.plumbline.log.LogVerifier;
import org.plumbline.log.merkle.Proofs;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.VerifierKey;
import org.plumbline.log.policy.Policy;
import org.plumbline.log.proof.TlogProof;
import org.plumbline.log.storage.s3.S3Location;
import org.plumbline.log.storage.s3.S3Storage;

/**
 * Two {@code plumbline serve} processes on one PostgreSQL (embedded, in this JVM) and one bucket (S3Proxy, in this
 * JVM), with the same signing keys. Client threads write to both; the instance that integrates is killed with
 * {@code kill -9} in the middle of the load. Then: the other took over integrating, every write either instance
 * acknowledged is in the log the survivor serves (its checkpoint covers the index, and the record's proof verifies
 * against the log's key), and every checkpoint any client saw is consistent with the final one (no fork).
 */
class TwoInstancesTest {
    private static final String BUCKET = "plumbline-cluster";
    private static final Pattern INTEGRATING = Pattern.compile("(?m)^plumbline_log_integrating(?:\\{[^}]*})? (\\S+)$");
    /** Writes acknowledged before the kill, and by the survivor after it. */
    private static final int BEFORE_KILL = 120;
    private static final int AFTER_KILL = 80;

    @TempDir
    Path tmp;

    private record Seen(long size, byte[] root, byte[] note) {}

    @Test
    void theSurvivorTakesOverAndLosesNoAcknowledgedRecordAndNothingForks() throws Exception {
        Path pg = tmp.resolve("pg");
        try (S3ProxyServer s3 = S3ProxyServer.start(BUCKET); Database db = Database.embedded(pg, false)) {
            S3ProxyServer.useInThisJvm();  // this test reads the bucket too
            Map<String, String> env = new HashMap<>(S3ProxyServer.environment());
            env.put("DATABASE_URL", ClusterFixture.databaseUrl(db, pg));
            env.put("PLUMBLINE_STORAGE", "s3://" + BUCKET + "/cluster/log");
            env.put("PLUMBLINE_STORAGE_ENDPOINT", s3.endpoint.toString());
            env.put("PLUMBLINE_KEY_DIR", tmp.resolve("keys").toString());
            env.put("PLUMBLINE_SCAN_INTERVAL", "off");
            List<Child> children = new ArrayList<>();
            try {
                Child a = Child.start(tmp, env, "serve", "--data-dir", tmp.resolve("a").toString(), "--port", "0");
                children.add(a);
                String urlA = a.waitFor("Plumbline is running at (http://[^ ]+)/").group(1);
                Child b = Child.start(tmp, env, "serve", "--data-dir", tmp.resolve("b").toString(), "--port", "0");
                children.add(b);
                String urlB = b.waitFor("Plumbline is running at (http://[^ ]+)/").group(1);
                assertThat(integrating(urlA) + integrating(urlB)).as("exactly one instance integrates").isEqualTo(1);
                boolean aIntegrates = integrating(urlA) == 1;
                Child leader = aIntegrates ? a : b;
                String leaderUrl = aIntegrates ? urlA : urlB;
                String survivorUrl = aIntegrates ? urlB : urlA;
                String vkey = text(ClusterFixture.get(urlA, "/log/vkey").body());
                assertThat(text(ClusterFixture.get(urlB, "/log/vkey").body())).as("one key for both").isEqualTo(vkey);

                String token = ClusterFixture.accountManagerToken(db, "am-cluster");
                ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
                AtomicInteger afterKill = new AtomicInteger();
                AtomicBoolean killed = new AtomicBoolean();
                AtomicBoolean stop = new AtomicBoolean();
                CountDownLatch enoughBefore = new CountDownLatch(BEFORE_KILL);
                CountDownLatch enoughAfter = new CountDownLatch(AFTER_KILL);
                ConcurrentLinkedQueue<String> survivorErrors = new ConcurrentLinkedQueue<>();
                List<Thread> threads = new ArrayList<>();
                AtomicInteger names = new AtomicInteger();
                for (int t = 0; t < 4; t++) {
                    String base = t % 2 == 0 ? leaderUrl : survivorUrl;
                    boolean toSurvivor = base.equals(survivorUrl);
                    threads.add(Thread.ofPlatform().name("writer-" + t).start(() -> {
                        while (!stop.get()) {
                            try {
                                long index = ClusterFixture.appendRecord(base, token, "Agency " + names.incrementAndGet());
                                acknowledged.add(index);
                                enoughBefore.countDown();
                                if (killed.get() && toSurvivor) {
                                    afterKill.incrementAndGet();
                                    enoughAfter.countDown();
                                }
                            } catch (IOException e) {
                                if (toSurvivor) {
                                    survivorErrors.add(e.toString());
                                }
                                if (!toSurvivor && killed.get()) {
                                    return; // the killed instance: unacknowledged writes are not promised
                                }
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }));
                }
                for (String base : List.of(leaderUrl, survivorUrl)) {
                    threads.add(Thread.ofPlatform().name("checkpoint-reader").start(() -> {
                        while (!stop.get()) {
                            try {
                                HttpResponse<byte[]> r = ClusterFixture.get(base, "/log/checkpoint");
                                if (r.statusCode() == 200) {
                                    Checkpoint c = ClusterFixture.parse(r.body());
                                    seen.add(new Seen(c.size(), c.rootHash(), r.body()));
                                }
                            } catch (IOException e) {
                                if (killed.get() && base.equals(leaderUrl)) return;
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }));
                }

                await(enoughBefore, "writes before the kill");
                killed.set(true);
                leader.process.destroyForcibly();  // SIGKILL: no shutdown hook, no last integration
                leader.process.waitFor();
                long killedAt = System.nanoTime();
                await(enoughAfter, "writes acknowledged by the survivor after the kill");
                stop.set(true);
                for (Thread t : threads) {
                    t.join();
                }
                assertThat(survivorErrors).as("the survivor kept answering writes").isEmpty();

                long highest = acknowledged.stream().mapToLong(Long::longValue).max().orElseThrow();
                byte[] last = waitForCheckpointBeyond(survivorUrl, highest);
                System.out.printf("TwoInstancesTest: %d writes acknowledged (%d by the survivor after the kill); the survivor's"
                        + " checkpoint covered them all %d ms after the kill%n", acknowledged.size(), afterKill.get(),
                        (System.nanoTime() - killedAt) / 1_000_000);
                assertThat(integrating(survivorUrl)).as("the survivor took over integrating").isEqualTo(1);

                Checkpoint fin = ClusterFixture.parse(last);
                Policy policy = Policy.parse("log " + vkey + "\nquorum none\n");
                for (long index : acknowledged) {
                    byte[] entry = ClusterFixture.get(survivorUrl, "/api/records/" + index, token).body();
                    HttpResponse<byte[]> proof = ClusterFixture.get(survivorUrl, "/api/records/" + index + "/proof", token);
                    assertThat(proof.statusCode()).as("proof of %d", index).isEqualTo(200);
                    assertThat(TlogProof.verify(proof.body(), entry, policy).size()).isGreaterThan(index);
                }
                try (S3Storage storage = S3Storage.open(S3Location.parse("s3://" + BUCKET + "/cluster/log", Optional.of(s3.endpoint)))) {
                    Checkpoint verified = LogVerifier.verify(storage, VerifierKey.parse(vkey));
                    assertThat(verified.size()).isGreaterThanOrEqualTo(fin.size());
                    LogReader reader = new LogReader(storage);
                    byte[] finalRoot = reader.root(fin.size());
                    assertThat(finalRoot).isEqualTo(fin.rootHash());
                    assertThat(seen).as("checkpoints seen by the clients").isNotEmpty();
                    for (Seen s : seen) {
                        if (s.size() == fin.size()) {
                            assertThat(s.root()).as("two roots for size %d: a fork", s.size()).isEqualTo(fin.rootHash());
                        } else if (s.size() > 0) {
                            assertThat(s.size()).as("a checkpoint seen beyond the final one").isLessThan(fin.size());
                            // Throws if the seen tree is not a prefix of the final one.
                            Proofs.verifyConsistency(s.size(), fin.size(), reader.consistencyProof(s.size(), fin.size()),
                                    s.root(), fin.rootHash());
                        }
                    }
                }
                // The database holds exactly what the log holds up to its size: a restart check would refuse otherwise.
                assertThat(fin.size()).isLessThanOrEqualTo(countRecords(db));
            } finally {
                for (Child c : children) {
                    c.kill();
                }
            }
        }
    }

    private static long countRecords(Database db) {
        return org.jdbi.v3.core.Jdbi.create(db.dataSource()).withHandle(h ->
                h.createQuery("SELECT count(*) FROM log_entry").mapTo(Long.class).one());
    }

    /** Waits (bounded: a hang is a failure, not a slow pass) for the survivor's checkpoint to cover {@code index}. */
    private static byte[] waitForCheckpointBeyond(String base, long index) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            byte[] cp = ClusterFixture.checkpoint(base);
            if (ClusterFixture.parse(cp).size() > index) {
                return cp;
            }
            assertThat(System.nanoTime()).as("the survivor's checkpoint never covered index %d", index).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        assertThat(latch.await(300, java.util.concurrent.TimeUnit.SECONDS)).as(what).isTrue();
    }

    private static int integrating(String base) throws Exception {
        HttpResponse<byte[]> r = ClusterFixture.get(base, "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        Matcher m = INTEGRATING.matcher(text(r.body()));
        assertThat(m.find()).as("plumbline_log_integrating in /metrics").isTrue();
        return (int) Double.parseDouble(m.group(1));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8).strip();
    }
}
