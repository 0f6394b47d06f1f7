package org.plumbline.signals.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.signals.AccountSummary;
import org.plumbline.signals.FocusGenerator;

/**
 * Accounts with usage but in no engagement, as a scan report keeps them: those meeting a rule first, then
 * the costliest, at most {@link UnmappedAccounts#KEPT}. Core is empty here, so every account is unmapped.
 */
class UnmappedAccountsTest {
    @TempDir
    static Path database;
    /** One embedded PostgreSQL for the class's tests, closed after the last of them. */
    @AutoClose
    static TestCore core;

    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeAll
    static void startCore() {
        core = new TestCore(database);
    }

    /** In each provider's style (one file holds every account). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = FocusGenerator.Style.class, names = {"AWS", "AZURE", "GCP", "OCI"})
    void unmappedAccountsComeMostSevereFirstThenByCost(FocusGenerator.Style style) throws Exception {
        // Seven accounts (the bulk one first among the roles), none declared, in a signals database of their own.
        FocusGenerator.Result g = new FocusGenerator(FocusGenerator.Options.of(dir.resolve("gen-" + style.label()), 30, 7, 11, "csv",
                style)).generate();
        String prefix = "solo-" + UUID.randomUUID() + "-";
        byte[] csv = Files.readString(g.usageFiles().get(0)).replace("sub-00", prefix).getBytes(StandardCharsets.UTF_8);
        Path data = Files.createDirectories(dir.resolve("data-" + style.label()));
        try (UsageSignals own = UsageSignals.open(core.core, data, java.time.Duration.ZERO)) {
            var outcome = own.upload(new java.io.ByteArrayInputStream(csv), "seven.csv");
            assertThat(outcome.scan().raised()).isEmpty();
            assertThat(outcome.scan().unattributed()).isPositive();
            ScanReport r = own.latest().orElseThrow();
            assertThat(r.unmappedTotal()).isEqualTo(7);
            assertThat(r.unmapped()).hasSize(7).allSatisfy(a -> assertThat(a.account()).startsWith(prefix));
            List<String> severities = List.of("critical", "high", "medium", "low");
            List<Integer> ranks = r.unmapped().stream().map(a -> r.flagsOf(a.account()).stream()
                    .mapToInt(f -> severities.indexOf(f.severity())).min().orElse(severities.size())).toList();
            assertThat(ranks).isSorted();
            assertThat(r.flagsOf(r.unmapped().getFirst().account())).extracting(ScanReport.Flag::rule)
                    .contains("bulk-communications-processing");
            // Among accounts of the same rank, the costlier first.
            for (int i = 1; i < ranks.size(); i++) {
                if (ranks.get(i).equals(ranks.get(i - 1))) {
                    assertThat(r.unmapped().get(i).cost()).isLessThanOrEqualTo(r.unmapped().get(i - 1).cost());
                }
            }
            assertThat(ranks).contains(severities.size());  // benign accounts meet no rule, and come last
        }
    }

    /**
     * A provider's export may hold far more undeclared accounts than a reviewer can read: the report keeps
     * the first {@link UnmappedAccounts#KEPT} in its order (none of these meets a rule, so the costliest
     * first) and says how many there were in all.
     */
    @Test
    void theUnmappedListIsCappedAndSaysHowManyThereWere() throws Exception {
        int accounts = UnmappedAccounts.KEPT + 5;
        FocusGenerator.Result g = new FocusGenerator(FocusGenerator.Options.of(dir.resolve("gen"), 2, 1, 7, "csv")).generate();
        Path many = dir.resolve("many-accounts.csv");
        String prefix = "many-" + UUID.randomUUID() + "-";
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); var s = c.createStatement()) {
            // One usage row per account, copied from a generated row; account i costs i.
            s.execute("COPY (SELECT t.* REPLACE ('" + prefix + "' || n.i AS \"SubAccountId\", CAST(n.i AS VARCHAR) AS \"BilledCost\","
                    + " CAST(n.i AS VARCHAR) AS \"EffectiveCost\")"
                    + " FROM (SELECT * FROM read_csv('" + g.usageFiles().get(0) + "', header = true, all_varchar = true)"
                    + " WHERE \"ChargeCategory\" = 'Usage' LIMIT 1) t, range(1, " + (accounts + 1) + ") n(i))"
                    + " TO '" + many + "' (HEADER, DELIMITER ',')");
        }
        Path data = Files.createDirectories(dir.resolve("data-many"));
        try (UsageSignals own = UsageSignals.open(core.core, data, java.time.Duration.ZERO)) {
            own.upload(Files.newInputStream(many), "many-accounts.csv");
            ScanReport r = own.latest().orElseThrow();
            assertThat(r.errors()).isEmpty();
            assertThat(r.unmappedTotal()).isEqualTo(accounts);
            assertThat(r.unmapped()).hasSize(UnmappedAccounts.KEPT);
            assertThat(r.unmapped().getFirst().account()).isEqualTo(prefix + accounts);
            assertThat(r.unmapped().getLast().account()).isEqualTo(prefix + 6);
            assertThat(r.unmapped()).extracting(AccountSummary::account).doesNotContain(prefix + 1, prefix + 5);
        }
    }

}
