package org.plumbline.server.ops;

import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.plumbline.server.log.TransparencyLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /readyz}: whether this server can do its work now. Two checks: the database answers
 * {@code SELECT 1} (waiting at most the pool's connection timeout, 2 s, for a connection and 1 s for the
 * answer), and the transparency log is integrating (its last run succeeded; the whole log was checked
 * against the database when the server started, so a failing run is how it stops being current). 200 with
 * {@code {"status":"ready",…}}, or 503 with each check's state, so that a load balancer stops sending
 * requests that could only fail and an operator sees which part is missing.
 *
 * <p>Anyone may ask, so the answer is a {@link Sampled} one: at most one database query per second
 * whatever the request rate. The body names no host, message or exception: only {@code ok} or
 * {@code unavailable} per check.
 */
final class Readiness {
    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

    /** How long an answer is reused: a flood of probes costs at most one query per period. */
    static final Duration PERIOD = Duration.ofSeconds(1);
    /** Seconds a statement may run; the wait for a connection is bounded by the pool (core's Database). */
    private static final int QUERY_TIMEOUT_SECONDS = 1;

    /** One answer: the state of each check. */
    record State(boolean database, boolean log) {
        public boolean ready() {
            return database && log;
        }
    }

    private final DataSource dataSource;
    private final TransparencyLog transparencyLog;
    private final Supplier<State> state;
    private volatile Boolean lastReady;

    Readiness(DataSource dataSource, TransparencyLog transparencyLog) {
        this.dataSource = dataSource;
        this.transparencyLog = transparencyLog;
        this.state = new Sampled<>(PERIOD, this::check);
    }

    /** The current state, at most {@link #PERIOD} old. */
    State state() {
        return state.get();
    }

    void handle(Context ctx) {
        State s = state();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", s.ready() ? "ready" : "unavailable");
        body.put("database", s.database() ? "ok" : "unavailable");
        body.put("log", s.log() ? "ok" : "not integrating");
        ctx.header("Cache-Control", "no-store");
        if (!s.ready()) {
            ctx.header("Retry-After", "5");
        }
        ctx.status(s.ready() ? 200 : 503).json(body);
    }

    private State check() {
        State s = new State(databaseAnswers(), transparencyLog.integration().healthy());
        Boolean was = lastReady;
        if (was == null || was != s.ready()) {
            // One line when readiness changes, not one per probe.
            if (s.ready()) {
                LOG.info("ready: the database answers and the log is integrating");
            } else {
                LOG.warn("not ready: database {}, log {}", s.database() ? "ok" : "unavailable",
                        s.log() ? "ok" : "not integrating");
            }
            lastReady = s.ready();
        }
        return s;
    }

    private boolean databaseAnswers() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet rs = st.executeQuery("SELECT 1")) {
                return rs.next() && rs.getInt(1) == 1;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("readiness: the database does not answer: {}", e.toString());
            return false;
        }
    }
}
