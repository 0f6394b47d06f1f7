package org.plumbline.server.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.plumbline.core.Core;
import org.plumbline.core.CoreConfig;
import org.plumbline.core.Database;
import org.plumbline.core.domain.DirectiveSigner;
import org.plumbline.server.TestServer;

/**
 * Core over a PostgreSQL database of its own (embedded, under a temporary directory, deleted on close), for
 * tests that count what the demo scenario writes and so must not share the test server's database.
 */
final class FreshCore implements AutoCloseable {
    private final Path dir;
    final Database db;
    final Core core;
    private final Jdbi jdbi;
    private org.plumbline.signals.cases.UsageSignals signals;

    FreshCore() {
        try {
            dir = Files.createTempDirectory("plumbline-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        db = Database.embedded(dir, false).migrate();
        core = new Core(db, DirectiveSigner.generate(), CoreConfig.standard());
        jdbi = Jdbi.create(db.dataSource());
    }

    /** The demo scenario over this core, its metering uploaded to a signals database of this core's own. */
    DemoScenario scenario() {
        if (signals == null) {
            signals = org.plumbline.signals.cases.UsageSignals.open(core, dir, java.time.Duration.ZERO);
        }
        return new DemoScenario(core, DemoScenario.Actors.standard(), () -> DemoUsage.load(signals));
    }

    long logCount() {
        return core.entries().count();
    }

    long rows(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    @Override
    public void close() {
        if (signals != null) {
            signals.close();
        }
        db.close();
        TestServer.deleteRecursively(dir);
    }
}
