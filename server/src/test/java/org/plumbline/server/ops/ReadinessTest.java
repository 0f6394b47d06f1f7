package org.plumbline.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;

/**
 * {@code /readyz} on a healthy server, and the bound on its cost: anyone may call it as often as they like,
 * and the database is asked at most once per {@link Readiness#PERIOD}.
 */
class ReadinessTest {

    /** The shared server's real pool, counting the connections asked of it. */
    private static final class CountingDataSource implements DataSource {
        private final DataSource pool;
        private final AtomicInteger connections = new AtomicInteger();

        CountingDataSource(DataSource pool) {
            this.pool = pool;
        }

        @Override
        public Connection getConnection() throws SQLException {
            connections.incrementAndGet();
            return pool.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            connections.incrementAndGet();
            return pool.getConnection(user, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return pool.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return pool.isWrapperFor(iface);
        }
    }

    @Test
    void aHealthyServerIsReadyAndSaysWhy() {
        Api.Answer ready = Api.get(Role.PUBLIC, Operations.READINESS);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("ready");
        assertThat(ready.json().get("database").asText()).isEqualTo("ok");
        assertThat(ready.json().get("log").asText()).isEqualTo("ok");

        var health = TestServer.get(Operations.HEALTH, Role.PUBLIC);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok\n");
    }

    @Test
    void aFloodOfProbesAsksTheDatabaseAtMostOncePerPeriod() throws Exception {
        CountingDataSource counting = new CountingDataSource(TestServer.get().database().dataSource());
        Readiness readiness = new Readiness(counting, TestServer.get().log());
        long started = System.nanoTime();
        List<Thread> callers = new ArrayList<>();
        AtomicInteger notReady = new AtomicInteger();
        for (int t = 0; t < 32; t++) {
            callers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 200; i++) {
                    if (!readiness.state().ready()) {
                        notReady.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread caller : callers) {
            caller.join();
        }
        long elapsed = System.nanoTime() - started;
        assertThat(notReady.get()).isZero();
        // 6,400 probes; however long they took on this machine, one query per started period at most.
        long periods = elapsed / Readiness.PERIOD.toNanos() + 1;
        assertThat(counting.connections.get()).isBetween(1, (int) periods);
    }
}
