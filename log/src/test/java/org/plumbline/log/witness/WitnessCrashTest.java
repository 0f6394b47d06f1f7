package org.plumbline.log.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;

/**
 * A witness process is killed with SIGKILL again and again while it cosigns a growing log, every
 * other time exactly between the check of a request and the write of its state. Across all runs
 * it must never cosign a smaller tree than one it cosigned before, nor a second root for a size, and
 * a checkpoint it was killed holding (checked, not written) must not be in its state afterwards.
 * After each restart the test also tries the two attacks directly: another root at the latest
 * cosigned size, and an older checkpoint.
 */
class WitnessCrashTest {
    private static final int KILLS = 12;
    private static final String ORIGIN = "example.com/crash-log";

    @TempDir
    Path dir;

    private final SigningKey logKey = SigningKey.generate(ORIGIN, KeyType.ED25519);
    private final SigningKey witnessKey = SigningKey.generate("witness.example/crash", KeyType.COSIGNATURE_V1);
    private final TestTree tree = TestTree.of(5000, -1);

    /** One 200: the size and root the witness cosigned, in the order it answered them. */
    private record Cosigned(long size, byte[] root, String what) {}

    private final List<Cosigned> cosigned = new ArrayList<>();
    private Process child;

    @AfterEach
    void killTheChild() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly().waitFor(); // a failed assertion must not leave a witness running
        }
    }

    @Test
    void sigkillNeverMakesTheWitnessCosignASmallerTreeOrASecondRoot() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long believed = 0; // the old size the client sends: the last size it saw cosigned or learned from a 409
        int held = 0;
        // What the witness is known to hold: the larger of its state read after the last restart (which can be
        // ahead of every 200 seen, when a kill fell between a write and its answer) and the sizes cosigned since.
        long knownAtRestart = 0;
        for (int run = 0; run <= KILLS; run++) {
            // Never the first check: on a fresh state the probe below is itself an accepted check, and holding
            // it would leave this test waiting on its own probe (it did, one run in eight, until the timeout).
            int holdAt = run % 2 == 0 ? 2 + random.nextInt(8) : 0;
            child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    WitnessCrashChild.class.getName(), dir.toString(), witnessKey.privateKeyText(),
                    logKey.verifierKey().text(), Integer.toString(run == KILLS ? 0 : holdAt))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Process current = child;
            Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(current.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the pipe closes when the child dies
                }
            });
            String first = lines.poll(60, TimeUnit.SECONDS);
            assertThat(first).as("run %d started (seed %d)", run, seed).startsWith("port ");
            Client client = new Client(Integer.parseInt(first.substring(5)));

            // After a restart: the state is the last cosigned checkpoint, or one checked, written and never answered.
            HttpResponse<String> probe = client.add(0, tree, 1);
            long stored;
            if (probe.statusCode() == 200) {
                assertThat(cosigned).as("a fresh state only before anything was cosigned").isEmpty();
                record(1, tree, "probe");
                stored = 1;
            } else {
                assertThat(probe.statusCode()).isEqualTo(409);
                stored = Long.parseLong(probe.body().strip());
            }
            long last = cosigned.isEmpty() ? 0 : cosigned.get(cosigned.size() - 1).size();
            assertThat(stored).as("run %d: the witness's state after a restart", run).isGreaterThanOrEqualTo(last);
            if (held > 0) {
                // Killed between check and write: the held checkpoint never reached the disk. Every earlier
                // request of that run was answered, so the state is exactly what was known before it.
                assertThat(stored).as("run %d: a checkpoint checked but not written is not in the state", run)
                        .isEqualTo(Math.max(knownAtRestart, last)).isLessThan(held);
                held = 0;
            }
            knownAtRestart = stored;
            believed = stored;
            if (last > 1) {
                // The attacks, straight after the restart: another root at the cosigned size, and an older tree.
                TestTree fork = TestTree.of((int) last + 10, random.nextInt((int) last));
                assertThat(client.post(Requests.body(last, List.of(), Requests.checkpoint(logKey, ORIGIN, fork, last))).statusCode())
                        .as("another root for cosigned size %d", last).isEqualTo(409);
                assertThat(client.add(last / 2, tree, last - 1).statusCode()).as("a tree smaller than %d", last).isNotEqualTo(200);
            }
            if (run == KILLS) {
                child.destroyForcibly().waitFor();
                break;
            }

            AtomicBoolean stop = new AtomicBoolean();
            long start = believed;
            long[] heldSize = {0};
            Random senderRandom = new Random(random.nextLong());
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread sender = Thread.ofPlatform().start(() -> {
                try {
                    send(client, start, senderRandom, stop, heldSize);
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            if (holdAt > 0) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                assertThat(line).as("run %d held a checked request", run).isEqualTo("holding");
            } else {
                Thread.sleep(200 + random.nextInt(800));
            }
            child.destroyForcibly(); // SIGKILL on Unix
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            stop.set(true);
            sender.join();
            if (failure.get() != null) {
                throw new AssertionError("run " + run + " (seed " + seed + ")", failure.get());
            }
            if (holdAt > 0) {
                held = (int) heldSize[0];
                assertThat(held).as("run %d: the request in flight when held", run).isPositive();
            }
        }
        checkNeverBackwards();
        assertThat(cosigned.size()).as("cosignatures over %d kills (seed %d)", KILLS, seed).isGreaterThan(KILLS);
        System.out.printf("witness crash test: %d kills, %d cosignatures, largest tree %d (seed %d)%n",
                KILLS, cosigned.size(), cosigned.get(cosigned.size() - 1).size(), seed);
    }

    /** Sends growing checkpoints, and now and then a fork, until the witness dies. */
    private void send(Client client, long start, Random random, AtomicBoolean stop, long[] inFlight) {
        long believed = start;
        while (!stop.get()) {
            try {
                if (believed > 1 && random.nextInt(5) == 0) {
                    long size = believed + random.nextInt(3);
                    TestTree fork = TestTree.of((int) size, random.nextInt((int) believed));
                    HttpResponse<String> r = client.post(Requests.body(believed, fork.consistency(believed, size),
                            Requests.checkpoint(logKey, ORIGIN, fork, size)));
                    assertThat(r.statusCode()).as("a fork at %d from %d: %s", size, believed, r.body()).isIn(409, 422);
                    continue;
                }
                long size = Math.min(tree.size(), believed + 1 + random.nextInt(4));
                inFlight[0] = size;
                HttpResponse<String> r = client.add(believed, tree, size);
                if (r.statusCode() == 200) {
                    record(size, tree, "growth");
                    believed = size;
                } else {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
                    believed = Long.parseLong(r.body().strip());
                }
            } catch (java.net.http.HttpTimeoutException e) {
                // Not a kill: the witness may have written a state whose 200 this test never saw, so what it
                // believes was cosigned last is no longer what the witness holds. Say so rather than fail later.
                throw new AssertionError("a request to the witness timed out (machine overloaded?) before it was killed", e);
            } catch (IOException e) {
                return; // killed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized void record(long size, TestTree t, String what) {
        cosigned.add(new Cosigned(size, t.root(size), what));
        checkNeverBackwards();
    }

    private synchronized void checkNeverBackwards() {
        for (int i = 1; i < cosigned.size(); i++) {
            Cosigned a = cosigned.get(i - 1);
            Cosigned b = cosigned.get(i);
            assertThat(b.size()).as("cosignature %d (%s) after cosigning size %d", i, b.what(), a.size())
                    .isGreaterThanOrEqualTo(a.size());
            if (a.size() == b.size()) {
                assertThat(Arrays.equals(a.root(), b.root())).as("two roots cosigned for size %d", a.size()).isTrue();
            }
            assertThat(b.root()).isEqualTo(tree.root(b.size()));
        }
    }

    private final class Client {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private final URI uri;

        Client(int port) {
            uri = URI.create("http://127.0.0.1:" + port + "/add-checkpoint");
        }

        HttpResponse<String> add(long old, TestTree t, long size) throws IOException, InterruptedException {
            return post(Requests.body(old, old == 0 ? List.of() : t.consistency(old, size), Requests.checkpoint(logKey, ORIGIN, t, size)));
        }

        HttpResponse<String> post(byte[] body) throws IOException, InterruptedException {
            // Generous: on a loaded machine an fsync can take seconds, and a timed-out request whose state
            // was written would leave this test not knowing what the witness cosigned.
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(180))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }
}
