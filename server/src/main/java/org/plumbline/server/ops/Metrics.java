package org.plumbline.server.ops;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.plumbline.core.Core;
import org.plumbline.server.log.TransparencyLog;
import org.plumbline.signals.cases.UsageSignals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code /metrics} reports, in Prometheus text format (Micrometer's Prometheus registry, one per
 * server, so that two servers in one JVM — the tests — do not mix their figures):
 * <ul>
 *   <li>HTTP requests: {@code http_server_requests_seconds} by method, route template and status
 *       ({@link HttpMetrics});</li>
 *   <li>the database pool: HikariCP's own {@code hikaricp_connections_active}, {@code _idle},
 *       {@code _pending}, {@code _max}, {@code hikaricp_connections_timeout_total} (requests refused
 *       because no connection came within the 2 s timeout) and the acquire/usage timers;</li>
 *   <li>the log: {@code plumbline_log_size} (entries in the signed checkpoint),
 *       {@code plumbline_log_integration_lag} (entries the database has sequenced that no signed checkpoint
 *       covers yet), {@code plumbline_log_integration_failures} (failed runs in a row) and
 *       {@code plumbline_log_last_integrated_timestamp_seconds}. There are no witnesses yet, so no witness
 *       lag;</li>
 *   <li>usage signals: {@code plumbline_signals_scans_total}, {@code plumbline_signals_scan_failures_total},
 *       {@code plumbline_signals_findings_raised_total} (since this process started) and
 *       {@code plumbline_signals_last_scan_timestamp_seconds} (kept across restarts; NaN before the first
 *       scan);</li>
 *   <li>deadlines: {@code plumbline_cases_overdue} (active cases past their deadline),
 *       {@code plumbline_directives_overdue} (unacknowledged past their deadline) and
 *       {@code plumbline_reviews_due} (engagements whose periodic review is due);</li>
 *   <li>{@code plumbline_ready} (1 or 0, {@link Readiness}), and the JVM's memory, threads, CPU and uptime.</li>
 * </ul>
 * Figures that cost a query (the lag, the deadlines) are {@link Sampled}: taken at most every
 * {@link #DATABASE_SAMPLE_PERIOD}, and NaN when the database could not be asked.
 */
final class Metrics {
    private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);

    /** How old a figure read from the database may be; deadlines move in hours, the lag in seconds. */
    static final Duration DATABASE_SAMPLE_PERIOD = Duration.ofSeconds(5);

    /** What {@link PrometheusMeterRegistry#scrape()} writes: Prometheus' text exposition format 0.0.4. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MetricsAccess access;

    Metrics(MetricsAccess access, DataSource pool, Core core, TransparencyLog log, UsageSignals signals,
            Readiness readiness) {
        this.access = access;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        bindPool(pool);
        bindLog(log, core);
        bindSignals(signals);
        bindDeadlines(core);
        Gauge.builder("plumbline.ready", readiness, r -> r.state().ready() ? 1 : 0)
                .description("1 when /readyz answers 200, else 0").register(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    /** HikariCP reports its pool itself once given a registry (at most once per pool, so once per server). */
    private void bindPool(DataSource pool) {
        try {
            pool.unwrap(HikariDataSource.class).setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        } catch (SQLException | IllegalStateException e) {
            LOG.warn("no database pool metrics: {}", e.getMessage());
        }
    }

    private void bindLog(TransparencyLog log, Core core) {
        Gauge.builder("plumbline.log.size", log, TransparencyLog::size)
                .description("Entries in the log's latest signed checkpoint").register(registry);
        Supplier<Double> lag = new Sampled<>(DATABASE_SAMPLE_PERIOD, () -> {
            long signed = log.size();
            return orNaN(() -> (double) Math.max(0, core.entries().count() - signed));
        });
        // Gauges hold what they read weakly; these samplers live nowhere else, so they are held strongly.
        Gauge.builder("plumbline.log.integration.lag", lag, Supplier::get).strongReference(true)
                .description("Entries sequenced in the database but not yet in a signed checkpoint").register(registry);
        Gauge.builder("plumbline.log.integrating", log, l -> l.integrates() ? 1 : 0)
                .description("1 on the instance that integrates the log (holds the integration lock), 0 on the others")
                .register(registry);
        Gauge.builder("plumbline.log.integration.failures", log, l -> l.integration().failures())
                .description("Failed log integration runs in a row (0 when the last run succeeded)").register(registry);
        Gauge.builder("plumbline.log.last.integrated.timestamp", log,
                        l -> l.integration().lastIntegrated().toEpochMilli() / 1000.0)
                .baseUnit("seconds")
                .description("When log integration last succeeded (Unix time)").register(registry);
        if (log.witnessLag().isPresent()) {
            Gauge.builder("plumbline.log.cosigned.size", log, l -> l.witnessLag().map(w -> (double) w.cosigned()).orElse(Double.NaN))
                    .description("Entries in the newest checkpoint a quorum of witnesses cosigned (the published one)")
                    .register(registry);
            Gauge.builder("plumbline.log.witness.lag", log, l -> l.witnessLag().map(w -> (double) w.entries()).orElse(Double.NaN))
                    .description("Entries integrated but not yet in a witness-cosigned checkpoint").register(registry);
        }
    }

    private void bindSignals(UsageSignals signals) {
        FunctionCounter.builder("plumbline.signals.scans", signals, s -> s.counts().scans())
                .description("Usage-signal scans run since the server started, failed ones included").register(registry);
        FunctionCounter.builder("plumbline.signals.scan.failures", signals, s -> s.counts().failed())
                .description("Usage-signal scans that failed since the server started").register(registry);
        FunctionCounter.builder("plumbline.signals.findings.raised", signals, s -> s.counts().raised())
                .description("Findings usage-signal scans raised into cases since the server started").register(registry);
        Gauge.builder("plumbline.signals.last.scan.timestamp", signals,
                        s -> s.latest().map(r -> r.finishedAt().toEpochMilli() / 1000.0).orElse(Double.NaN))
                .baseUnit("seconds")
                .description("When the latest usage-signal scan finished (Unix time)").register(registry);
    }

    private record Deadlines(double casesOverdue, double directivesOverdue, double reviewsDue) {
    }

    private void bindDeadlines(Core core) {
        Supplier<Deadlines> deadlines = new Sampled<>(DATABASE_SAMPLE_PERIOD, () -> {
            try {
                return new Deadlines(core.cases().overdue().size(), core.directives().overdue().size(),
                        core.reviews().due().size());
            } catch (RuntimeException e) {
                LOG.debug("deadline metrics: {}", e.toString());
                return new Deadlines(Double.NaN, Double.NaN, Double.NaN);
            }
        });
        Gauge.builder("plumbline.cases.overdue", deadlines, d -> d.get().casesOverdue()).strongReference(true)
                .description("Active cases past their deadline").register(registry);
        Gauge.builder("plumbline.directives.overdue", deadlines, d -> d.get().directivesOverdue()).strongReference(true)
                .description("Unacknowledged directives past their acknowledgement deadline").register(registry);
        Gauge.builder("plumbline.reviews.due", deadlines, d -> d.get().reviewsDue()).strongReference(true)
                .description("Engagements whose periodic review is due").register(registry);
    }

    private static double orNaN(Supplier<Double> query) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            LOG.debug("metric from the database: {}", e.toString());
            return Double.NaN;
        }
    }

    /** {@code GET /metrics}: the figures for whoever {@link MetricsAccess} lets in; 401 or 403 for the rest. */
    void handle(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        switch (access.decide(ctx.req().getRemoteAddr(), ctx::header)) {
            case ALLOW -> ctx.contentType(CONTENT_TYPE).result(registry.scrape());
            case UNAUTHENTICATED -> ctx.status(401).header("WWW-Authenticate", "Bearer realm=\"plumbline-metrics\"")
                    .contentType("text/plain; charset=utf-8").result("a metrics token is required\n");
            case FORBIDDEN -> ctx.status(403).contentType("text/plain; charset=utf-8")
                    .result("metrics are served to local clients only\n");
        }
    }
}
