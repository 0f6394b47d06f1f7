package org.plumbline.core;

import java.time.Instant;
import java.util.List;
import org.plumbline.core.domain.Attestation;
import org.plumbline.core.domain.BodyKind;
import org.plumbline.core.domain.Customer;
import org.plumbline.core.domain.Declaration;
import org.plumbline.core.domain.DirectiveSigner;
import org.plumbline.core.domain.EngagementVersion;
import org.plumbline.core.domain.NewCustomer;
import org.plumbline.core.domain.Vocabulary;

/** A Core over a fresh real PostgreSQL database, with a clock the test controls. */
final class Fixture implements AutoCloseable {
    final Database db = TestDatabases.fresh();
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    final DirectiveSigner signer = DirectiveSigner.generate();
    final Core core = new Core(db, signer, CoreConfig.standard().withClock(clock));
    private int counter;

    static Declaration declaration(List<String> accounts, List<String> services, List<String> purposes) {
        return new Declaration(accounts, "billing-001", services, List.of("westeurope", "northeurope"),
                "CONTRACT-2026-017", purposes, List.of("operational-telemetry", "staff-personal-data"),
                Vocabulary.defaultProhibitedUses().stream().map(p -> p.id()).toList(),
                new Attestation("Jo Example", "I confirmed the purposes with the customer's CISO."));
    }

    static Declaration cyberDefence() {
        return declaration(List.of("sub-1001", "sub-1002"), List.of("Blob Storage", "Speech to Text", "Sentinel"),
                List.of("cyber-defence"));
    }

    Customer customer() {
        return core.customers().register(new NewCustomer("Ministry of Tests " + (++counter), BodyKind.MINISTRY, "NL", null),
                "user/admin");
    }

    EngagementVersion engagement() {
        return core.engagements().declare(customer().id(), "ENG-" + (++counter), cyberDefence(), "user/am");
    }

    /** A valid finding of {@code rule} on sub-1001 of the engagement, over October 2026. */
    org.plumbline.core.domain.Finding finding(long engagementId, String rule, String title, java.util.Map<String, Object> figures,
            String evidence) {
        var start = java.time.LocalDate.parse("2026-10-02");
        var end = java.time.LocalDate.parse("2026-10-31");
        return new org.plumbline.core.domain.Finding(org.plumbline.core.domain.Finding.keyOf(rule, "sub-1001", "", start, end),
                rule, title, "high", "sub-1001", core.engagements().get(engagementId).reference(), "", start, end, figures,
                evidence);
    }

    long logCount() {
        return core.entries().count();
    }

    long rows(String table) {
        return db.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    @Override
    public void close() {
        db.close();
    }
}
