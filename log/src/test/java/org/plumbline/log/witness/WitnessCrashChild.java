package org.plumbline.log.witness;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.plumbline.log.note.SigningKey;

/**
 * The witness process {@link WitnessCrashTest} kills: serves a witness on a free port and prints
 * {@code port <n>}. With {@code holdAt} k > 0 it stops inside the k-th accepted check, after the
 * decision to cosign and before the state is written, and prints {@code holding}, so the test can
 * kill it exactly there.
 */
public final class WitnessCrashChild {
    private WitnessCrashChild() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        SigningKey key = SigningKey.parse(args[1]);
        WitnessedLogs logs = WitnessedLogs.parse(("logs/v0\nvkey " + args[2] + "\n").getBytes(StandardCharsets.UTF_8));
        int holdAt = Integer.parseInt(args[3]);
        AtomicInteger checks = new AtomicInteger();
        WitnessState state = WitnessState.open(dir, () -> {
            if (checks.incrementAndGet() == holdAt) {
                System.out.println("holding");
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Witness witness = Witness.open(key, logs, state, Clock.systemUTC());
        WitnessServer server = WitnessServer.start(witness, new InetSocketAddress("127.0.0.1", 0));
        System.out.println("port " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
