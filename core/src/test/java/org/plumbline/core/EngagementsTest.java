package org.plumbline.core;

import org.plumbline.core.domain.ConflictException;
import org.plumbline.core.domain.NotFoundException;
import org.plumbline.core.domain.ValidationException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.plumbline.core.domain.Declaration;
import org.plumbline.core.domain.EngagementVersion;
import org.plumbline.core.record.LogRecord;
import org.plumbline.core.record.Reveal;

class EngagementsTest {
    /** One embedded PostgreSQL and core for the class's tests, closed after the last of them. */
    @AutoClose
    private static final Fixture f = new Fixture();

    @Test
    void declarationIsLoggedWithConfidentialFieldsCommitted() {
        EngagementVersion v1 = f.engagement();
        byte[] logged = f.core.records().record(v1.logIndex()).orElseThrow();
        LogRecord r = LogRecord.parse(logged);
        assertThat(r.type()).isEqualTo("engagement.declared");
        assertThat(r.subject()).isEqualTo("engagement/" + v1.engagementId());
        assertThat(r.actor()).isEqualTo("user/am");
        assertThat(r.fields().path("purposes").get(0).asText()).isEqualTo("cyber-defence");
        assertThat(r.commitments()).containsOnlyKeys("contractReference", "attestedBy");
        String text = new String(logged, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("CONTRACT-2026-017").doesNotContain("Jo Example");
        assertThat(f.core.records().indexOf(r)).hasValue(v1.logIndex());
    }

    @Test
    void amendmentsAreNewVersionsAndNothingIsEditedInPlace() {
        EngagementVersion v1 = f.engagement();
        long id = v1.engagementId();
        Declaration more = Fixture.declaration(List.of("sub-1001", "sub-1002", "sub-1003"),
                List.of("Blob Storage", "Sentinel"), List.of("cyber-defence", "research"));
        EngagementVersion v2 = f.core.engagements().amend(id, 1, more, "user/am2");
        assertThat(v2.version()).isEqualTo(2);
        assertThat(f.core.engagements().get(id).version()).isEqualTo(2);
        List<EngagementVersion> history = f.core.engagements().history(id);
        assertThat(history).extracting(EngagementVersion::version).containsExactly(1, 2);
        assertThat(history.get(0)).isEqualTo(v1);
        assertThat(history.get(0).declaration().accounts()).containsExactly("sub-1001", "sub-1002");
        assertThat(history.get(1).declaration().accounts()).containsExactly("sub-1001", "sub-1002", "sub-1003");
        assertThat(f.core.engagements().current(id)).isEqualTo(v2);
        assertThat(LogRecord.parse(f.core.records().record(v2.logIndex()).orElseThrow()).type())
                .isEqualTo("engagement.amended");
        assertThat(f.core.records().forSubject("engagement/" + id)).extracting(l -> l.type())
                .containsExactly("engagement.declared", "engagement.amended");
    }

    @Test
    void staleAmendmentIsAConflictAndWritesNothing() {
        long id = f.engagement().engagementId();
        f.core.engagements().amend(id, 1, Fixture.cyberDefence(), "user/a");
        long before = f.logCount();
        assertThatThrownBy(() -> f.core.engagements().amend(id, 1, Fixture.cyberDefence(), "user/b"))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(1);
                    assertThat(e.actualVersion()).isEqualTo(2);
                    assertThat(e.entity()).isEqualTo("engagement/" + id);
                });
        assertThat(f.logCount()).isEqualTo(before);
        assertThat(f.core.engagements().history(id)).hasSize(2);
    }

    @Test
    void invalidDeclarationIsRefusedWithFieldErrorsAndWritesNothing() {
        long customer = f.customer().id();
        long before = f.logCount();
        Declaration bad = Fixture.declaration(List.of("sub-1"), List.of("Compute"), List.of("surveillance"));
        assertThatThrownBy(() -> f.core.engagements().declare(customer, "ENG-BAD", bad, "user/am"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("purposes[0]"));
        assertThatThrownBy(() -> f.core.engagements().declare(customer, "bad ref!", Fixture.cyberDefence(), "user/am"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("reference"));
        assertThatThrownBy(() -> f.core.engagements().declare(9999, "ENG-X", Fixture.cyberDefence(), "user/am"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("customerId"));
        assertThat(f.logCount()).isEqualTo(before);
    }

    @Test
    void duplicateReferenceIsRefused() {
        long customer = f.customer().id();
        f.core.engagements().declare(customer, "ENG-DUP", Fixture.cyberDefence(), "user/am");
        assertThatThrownBy(() -> f.core.engagements().declare(customer, "ENG-DUP", Fixture.cyberDefence(), "user/am"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors().get("reference")).contains("already in use"));
    }

    @Test
    void auditorRevealOpensTheCommitmentAndIsItselfLogged() {
        EngagementVersion v = f.engagement();
        Reveal reveal = f.core.records().reveal(v.logIndex(), "contractReference", "user/auditor");
        assertThat(reveal.value().asText()).isEqualTo("CONTRACT-2026-017");
        byte[] logged = f.core.records().record(v.logIndex()).orElseThrow();
        assertThat(reveal.verify(logged)).isTrue();
        assertThat(f.core.records().forSubject("log/" + v.logIndex())).singleElement()
                .satisfies(l -> {
                    assertThat(l.type()).isEqualTo("record.revealed");
                    assertThat(l.actor()).isEqualTo("user/auditor");
                });
        Reveal forged = new Reveal(reveal.field(), reveal.saltHex(),
                com.fasterxml.jackson.databind.node.TextNode.valueOf("CONTRACT-2026-999"));
        assertThat(forged.verify(logged)).isFalse();
        assertThatThrownBy(() -> f.core.records().reveal(v.logIndex(), "accounts", "user/auditor"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void racingDeclarationsOfOneReferenceGiveOneEngagementAndOneFieldError() throws Exception {
        long customer = f.customer().id();
        long before = f.logCount();
        int racers = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<EngagementVersion>> results = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return f.core.engagements().declare(customer, "ENG-RACE", Fixture.cyberDefence(), "user/am");
                }));
            }
            go.countDown();
            int won = 0;
            for (var r : results) {
                try {
                    r.get();
                    won++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(ValidationException.class,
                            v -> assertThat(v.fieldErrors()).containsOnlyKeys("reference"));
                }
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(f.logCount()).isEqualTo(before + 1);
    }
}
