package org.plumbline.signals.cases;

import java.nio.file.Path;
import org.plumbline.core.Core;
import org.plumbline.core.CoreConfig;
import org.plumbline.core.domain.DirectiveSigner;
import org.plumbline.core.Database;

/** Core over an embedded PostgreSQL of its own (data under {@code dir}), for tests of the bridge to core. */
final class TestCore implements AutoCloseable {
    final Database db;
    final Core core;

    TestCore(Path dir) {
        this.db = Database.embedded(dir, false).migrate();
        this.core = new Core(db, DirectiveSigner.generate(), CoreConfig.standard());
    }

    @Override
    public void close() {
        db.close();
    }
}
