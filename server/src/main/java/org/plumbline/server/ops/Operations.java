package org.plumbline.server.ops;

import io.javalin.config.JavalinConfig;
import java.util.Optional;
import org.plumbline.core.Core;
import org.plumbline.core.Database;
import org.plumbline.server.log.TransparencyLog;
import org.plumbline.signals.cases.UsageSignals;

/**
 * The operations endpoints of one server, ready to be added to its Javalin configuration:
 * {@code GET /healthz}, {@code GET /readyz} and {@code GET /metrics} (see the package's description for
 * what each says and who may ask), and the request timing behind the HTTP metrics.
 */
public final class Operations {
    public static final String HEALTH = "/healthz";
    public static final String READINESS = "/readyz";
    public static final String METRICS = "/metrics";

    private final Readiness readiness;
    private final Metrics metrics;
    private final HttpMetrics http;

    private Operations(Readiness readiness, Metrics metrics) {
        this.readiness = readiness;
        this.metrics = metrics;
        this.http = new HttpMetrics(metrics.registry());
    }

    /**
     * @param metricsToken the bearer token that opens {@code /metrics} to non-local scrapers (empty: local only)
     */
    public static Operations create(Optional<String> metricsToken, Database database, Core core, TransparencyLog log,
                                    UsageSignals signals) {
        Readiness readiness = new Readiness(database.dataSource(), log);
        Metrics metrics = new Metrics(new MetricsAccess(metricsToken), database.dataSource(), core, log, signals, readiness);
        return new Operations(readiness, metrics);
    }

    /** Adds the three endpoints and times every request (Javalin's request logger: one per server). */
    public void configure(JavalinConfig cfg) {
        cfg.requestLogger.http(http::record);
        cfg.router.mount(router -> {
            router.get(HEALTH, Health::handle);
            router.get(READINESS, readiness::handle);
            router.get(METRICS, metrics::handle);
        });
    }
}
