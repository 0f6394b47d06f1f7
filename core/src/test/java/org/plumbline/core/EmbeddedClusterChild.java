package org.plumbline.core;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import org.plumbline.core.record.LogRecord;

/**
 * The process {@link EmbeddedClusterTest} kills: opens the embedded database under {@code args[0]},
 * commits one record, says "ready" and waits to be killed.
 */
public final class EmbeddedClusterChild {
    private EmbeddedClusterChild() {}

    public static void main(String[] args) throws Exception {
        Database db = Database.embedded(Path.of(args[0]), true).migrate();
        LogRecord.Sealed r = LogRecord.builder("decision.made", "case/7", "user/1", Instant.now()).field("kind", "suspend")
                .seal(new SecureRandom());
        db.inTransaction(h -> LogEntries.append(h, r));
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
