package org.plumbline.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.plumbline.server.DemoLogin;
import org.plumbline.server.PlumblineServer;
import org.plumbline.server.ServerConfig;
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

    @Override
    public Integer call() throws Exception {
        System.out.println("Starting PostgreSQL and the server (data in " + dataDir.toAbsolutePath() + ") ...");
        PlumblineServer server;
        try {
            server = PlumblineServer.start(ServerConfig.of(dataDir.toAbsolutePath(), port));
        } catch (RuntimeException e) {
            System.err.println("plumbline demo: cannot start: " + e.getMessage());
            if (String.valueOf(e.getMessage()).contains("lock")) {
                System.err.println("Is another Plumbline already running on " + dataDir.toAbsolutePath() + "?");
            }
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "plumbline-shutdown"));
        List<DemoLogin> logins = server.loadDemo();
        System.out.println();
        System.out.println("Plumbline is running at " + server.url() + "/");
        System.out.println();
        System.out.println("Demo sign-ins (one per role):");
        for (DemoLogin l : logins) {
            if (l.isToken()) {
                System.out.printf("  %-22s bearer token %s%n", l.role(), l.secret());
            } else {
                System.out.printf("  %-22s %-18s password %s%n", l.role(), l.username(), l.secret());
            }
        }
        System.out.println();
        System.out.println("API: " + server.url() + "/api/openapi.json   Log: " + server.url() + "/log/checkpoint");
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
