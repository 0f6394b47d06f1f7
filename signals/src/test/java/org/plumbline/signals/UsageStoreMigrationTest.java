package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's usage database written before the profile dropped BilledCost (usage_daily.billed_cost,
 * NOT NULL) still opens: the column is dropped, the rows it held stay, and new files ingest into it.
 */
class UsageStoreMigrationTest {
    @TempDir Path dir;

    @Test
    void aProfileWithBilledCostOpensKeepsItsRowsAndTakesNewFiles() throws Exception {
        Path db = dir.resolve("usage.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE usage_daily (
                      file_sha256 VARCHAR NOT NULL, account_id VARCHAR NOT NULL, billing_account_id VARCHAR NOT NULL,
                      day INTEGER NOT NULL, service_name VARCHAR, service_category VARCHAR, service_subcategory VARCHAR,
                      region VARCHAR, charge_category VARCHAR, currency VARCHAR, metric VARCHAR NOT NULL,
                      amount DOUBLE NOT NULL, cost DECIMAL(38,12) NOT NULL, billed_cost DECIMAL(38,12) NOT NULL,
                      rows BIGINT NOT NULL, last_usage_epoch BIGINT)""");
            s.execute("INSERT INTO usage_daily VALUES ('old', 'sub-old', 'ba-old', 20000, 'Storage', 'Storage', NULL,"
                    + " 'westeurope', 'Usage', 'EUR', 'other', 0, 12.5, 12.5, 7, NULL)");
        }
        Path usage = new FocusGenerator(FocusGenerator.Options.of(dir.resolve("gen"), 5, 3, 11, "parquet")).generate()
                .usageFiles().getFirst();
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.at(db))) {
            assertThat(engine.profiledRows()).isEqualTo(7);
            IngestReport report = engine.ingest(List.of(usage.toString()), Progress.NONE);
            assertThat(engine.profiledRows()).isEqualTo(7 + report.rowsIngested()).isGreaterThan(7);
            List<String> columns = new ArrayList<>();
            try (Statement s = engine.connection().createStatement(); ResultSet r = s.executeQuery("DESCRIBE usage_daily")) {
                while (r.next()) columns.add(r.getString(1));
            }
            assertThat(columns).contains("cost", "rows").doesNotContain("billed_cost");
        }
    }
}
