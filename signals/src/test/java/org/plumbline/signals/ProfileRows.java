package org.plumbline.signals;

import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.plumbline.core.domain.Finding;

/**
 * A profile written directly, as ingestion would leave it (one {@code usage_daily} row per account, day,
 * region and metric), for tests of a rule's arithmetic apart from how units and meters are read.
 */
final class ProfileRows {
    private record Row(String account, LocalDate day, String region, String chargeCategory, String metric, double amount, double cost) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<DeclaredUse> engagements = new ArrayList<>();

    /** Declares engagement "eng-ACCOUNT" for the account, with one purpose and the regions (none: not checked). */
    ProfileRows engagement(String account, String purpose, String... regions) {
        engagements.add(new DeclaredUse("eng-" + account, null, List.of(purpose), List.of(new DeclaredUse.Account(account, null)),
                List.of(regions)));
        return this;
    }

    ProfileRows add(String account, LocalDate day, String region, String metric, double amount, double cost) {
        return charge(account, day, region, "Usage", metric, amount, cost);
    }

    /** A row of another ChargeCategory (Purchase, Tax, Credit, Adjustment). */
    ProfileRows charge(String account, LocalDate day, String region, String chargeCategory, String metric, double amount, double cost) {
        rows.add(new Row(account, day, region, chargeCategory, metric, amount, cost));
        return this;
    }

    /** The findings of one rule over these rows and engagements. */
    List<Finding> scan(String rule) throws Exception {
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory());
             PreparedStatement p = engine.connection().prepareStatement("INSERT INTO usage_daily VALUES "
                     + "('test', ?, 'ba', ?, 'svc', 'AI and Machine Learning', NULL, ?, ?, 'USD', ?, ?, ?, 1, NULL)")) {
            for (Row r : rows) {
                p.setString(1, r.account());
                p.setInt(2, (int) r.day().toEpochDay());
                p.setString(3, r.region());
                p.setString(4, r.chargeCategory());
                p.setString(5, r.metric());
                p.setDouble(6, r.amount());
                p.setBigDecimal(7, java.math.BigDecimal.valueOf(r.cost()));
                p.addBatch();
            }
            p.executeBatch();
            return engine.scan(new Declarations(engagements, List.of()), f -> {}).findings().stream()
                    .filter(f -> f.rule().equals(rule)).toList();
        }
    }
}
