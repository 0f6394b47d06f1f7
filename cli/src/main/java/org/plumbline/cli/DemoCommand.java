package org.plumbline.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.policy.Policy;
import org.plumbline.log.proof.TlogProof;
import org.plumbline.server.PlumblineServer;
import org.plumbline.server.ServerConfig;
import org.plumbline.server.demo.DemoLogin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plumbline demo}: the embedded database and the server with a realistic scenario, until interrupted.
 * Everything is kept under the data directory, so a second run continues where the first stopped.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start Plumbline with a demonstration scenario (embedded PostgreSQL, server, web UI) and serve until interrupted.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the database and log are kept (default: ~/.plumbline)")
    Path dataDir = ServerConfig.defaultDataDir();

    @Option(names = "--port", paramLabel = "PORT", description = "port to listen on (default: a free one)")
    int port = 0;

    @Option(names = "--once", description = "start, load the scenario, verify the newest record's proof offline over HTTP, and stop "
            + "(a smoke test; without it the demo serves until interrupted)")
    boolean once;

    @Option(names = "--scan-interval", paramLabel = "INTERVAL", description = "how often the server scans the usage it holds "
            + "against the declarations: e.g. 24h (the default), 30m, 7d, PT6H; 0 or off for only after uploads")
    String scanInterval = "24h";

    @Option(names = "--witness-policy", paramLabel = "FILE", description = "a C2SP tlog-policy naming this log and its "
            + "witnesses: checkpoints are sent to them and published once a quorum cosigned them")
    String witnessPolicy;

    @Override
    public Integer call() throws Exception {
        java.time.Duration interval;
        try {
            interval = ScanInterval.parse(scanInterval);
        } catch (IllegalArgumentException e) {
            System.err.println("plumbline demo: --scan-interval: " + e.getMessage());
            return 2;
        }
        java.util.Optional<org.plumbline.log.policy.Policy> witnesses;
        try {
            witnesses = java.util.Optional.ofNullable(witnessPolicy).map(f -> WitnessPolicies.read("--witness-policy", f));
        } catch (IllegalArgumentException e) {
            System.err.println("plumbline demo: " + e.getMessage());
            return 2;
        }
        System.out.println("Starting PostgreSQL and the server (data in " + dataDir.toAbsolutePath() + ") ...");
        PlumblineServer server;
        try {
            ServerConfig config = ServerConfig.of(dataDir.toAbsolutePath(), port).withScanInterval(interval);
            server = PlumblineServer.start(witnesses.map(config::withWitnessPolicy).orElse(config));
        } catch (RuntimeException e) {
            System.err.println("plumbline demo: cannot start: " + e.getMessage());
            if (String.valueOf(e.getMessage()).contains("lock")) {
                System.err.println("Is another Plumbline already running on " + dataDir.toAbsolutePath() + "?");
            }
            return 1;
        }
        try {
            server.requireDemoDatabase();
        } catch (IllegalStateException e) {
            server.close();
            System.err.println("plumbline demo: " + e.getMessage());
            return 1;
        }
        if (once) {
            try (server) {
                printLogins(server, server.loadDemo());
                return verifyNewestRecord(server.url());
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "plumbline-shutdown"));
        printLogins(server, server.loadDemo());
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }

    private static void printLogins(PlumblineServer server, List<DemoLogin> logins) {
        System.out.println();
        System.out.println("Plumbline is running at " + server.url() + "/");
        System.out.println();
        System.out.println("Demo sign-ins (one per role):");
        for (DemoLogin l : logins) {
            if (l.isToken()) {
                System.out.printf("  %-22s bearer token %s%n", l.role(), l.secret());
            } else if (l.role().equals("reporter")) {
                System.out.printf("  %-22s %-18s receipt %s (shown this once)%n", l.role(), l.username(), l.secret());
            } else {
                System.out.printf("  %-22s %-18s password %s%n", l.role(), l.username(), l.secret());
            }
        }
        System.out.println();
        System.out.println("API: " + server.url() + "/api/openapi.json   Log: " + server.url() + "/log/checkpoint");
        System.out.println("Usage findings (with their charts): " + server.url() + "/findings");
    }

    /** Fetches the checkpoint, the newest record and its proof over HTTP, and checks them with only the log's key. */
    private static int verifyNewestRecord(String base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String vkey = text(http, base + "/log/vkey").strip();
        Checkpoint cp = Checkpoint.parse(SignedNote.parse(bytes(http, base + "/log/checkpoint")).text());
        long index = cp.size() - 1;
        byte[] record = bytes(http, base + "/api/records/" + index);
        byte[] proof = bytes(http, base + "/api/records/" + index + "/proof");
        Checkpoint verified = TlogProof.verify(proof, record, Policy.parse("log " + vkey + "\nquorum none\n"));
        System.out.println("verified record " + index + " offline against the log key: ok size=" + verified.size());
        return 0;
    }

    private static byte[] bytes(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + r.statusCode());
        }
        return r.body();
    }

    private static String text(HttpClient http, String url) throws IOException, InterruptedException {
        return new String(bytes(http, url), StandardCharsets.UTF_8);
    }
}
