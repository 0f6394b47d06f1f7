package org.plumbline.server.log;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of the server instances on one database integrates the log: the one holding a session-level PostgreSQL
 * advisory lock, taken on a connection of its own. PostgreSQL releases such a lock when the session ends, so an
 * instance that dies (even by {@code kill -9}: its kernel closes the socket) frees it at once, and another one
 * takes it at its next try. An instance whose connection breaks stops integrating before it tries again: the lock
 * may already be someone else's. Why a lock and not a lease row: no clock, no expiry to tune, no renewals to
 * write, and the database ends it exactly when the holder's session ends (docs/architecture.md, "Who integrates").
 *
 * <p>Every method is quick (one round trip) and never blocks on the lock: {@code pg_try_advisory_lock}.
 */
public final class IntegrationLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IntegrationLock.class);

    /** The lock's key ("plumblog" in ASCII); advisory locks are per database, so one per installation. */
    static final long KEY = 0x706c756d626c6f67L;

    /** Opens a connection outside any pool (see {@code Database.sessionConnection}). */
    @FunctionalInterface
    public interface Sessions {
        Connection open() throws SQLException;
    }

    private final Sessions sessions;
    private Connection connection;
    /** Read without the monitor (by metrics), so that a scrape never waits behind a slow round trip. */
    private volatile boolean held;

    public IntegrationLock(Sessions sessions) {
        this.sessions = sessions;
    }

    /**
     * Whether this instance holds the lock now: takes it if it is free, and checks that the session holding it
     * is still alive if this instance had it.
     *
     * @throws SQLException if the database cannot be reached (then this instance does not hold it)
     */
    public synchronized boolean tryHold() throws SQLException {
        try {
            if (held) {
                // A session-level lock ends only with its session or an explicit unlock: a live session still has it.
                if (connection.isValid(2)) {
                    return true;
                }
                LOG.warn("the connection holding the log's integration lock is gone; this instance stops integrating");
                drop();
                return false;
            }
            if (connection == null || connection.isClosed()) {
                connection = open();
            }
            try (Statement s = connection.createStatement();
                 ResultSet r = s.executeQuery("SELECT pg_try_advisory_lock(" + KEY + ")")) {
                r.next();
                held = r.getBoolean(1);
            }
            return held;
        } catch (SQLException e) {
            drop();
            throw e;
        }
    }

    /** Whether this instance held the lock at its last {@link #tryHold}. */
    public boolean held() {
        return held;
    }

    private Connection open() throws SQLException {
        Connection c = sessions.open();
        try (Statement s = c.createStatement()) {
            // The server finds a holder whose machine vanished (no FIN, no RST) within about 10 s instead of the
            // kernel's default two hours, and so frees the lock for the others; ignored over a Unix socket.
            s.execute("SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3;"
                    + " SET statement_timeout = '5s'");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void drop() {
        held = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Closing a broken connection: nothing to release that the server has not released already.
            }
            connection = null;
        }
    }

    /** Ends the session, and with it the lock. */
    @Override
    public synchronized void close() {
        drop();
    }
}
