package org.plumbline.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.plumbline.core.Database;
import org.plumbline.server.TestServer;
import org.plumbline.server.http.ApiException;

/**
 * Several server instances on one empty database each open {@code /setup} with a setup token of their own. Setups
 * sent to all of them at once make exactly one administrator: the "no user yet" check and the insert are one step
 * under a database lock, not a check in one process's memory.
 */
class FirstAdministratorAcrossInstancesTest {
    private static final int INSTANCES = 4;

    @Test
    void setupsOnSeveralInstancesAtOnceMakeOneAdministrator() throws Exception {
        TestServer.EmptyDatabase empty = TestServer.emptyDatabase("first_admin");
        try (Database db = Database.connect(empty.url(), empty.user(), empty.password())) {
            db.migrate("classpath:db/migration/server");
            List<FirstAdministrator> instances = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                // Each instance has its own store (its own caches), as separate processes would.
                FirstAdministrator first = new FirstAdministrator(new UserStore(Jdbi.create(db.dataSource())), true);
                tokens.add(first.open(Optional.empty()).orElseThrow());
                instances.add(first);
            }
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                FirstAdministrator first = instances.get(i);
                String token = tokens.get(i);
                String name = "admin-" + i;
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        return first.create(token, name, "Admin " + name, "a long enough password").username();
                    } catch (ApiException e) {
                        return "refused " + e.status();
                    }
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) {
                results.add(f.get());
            }
            pool.shutdown();
            assertThat(results.stream().filter(r -> r.startsWith("admin-"))).as(results.toString()).hasSize(1);
            assertThat(results.stream().filter(r -> r.equals("refused 403"))).hasSize(INSTANCES - 1);
            List<UserStore.User> users = new UserStore(Jdbi.create(db.dataSource())).all();
            assertThat(users).hasSize(1);
            assertThat(users.getFirst().role()).isEqualTo(Role.ADMIN);
        }
    }
}
