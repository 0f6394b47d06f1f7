package org.plumbline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.core.Core;
import org.plumbline.core.CoreConfig;
import org.plumbline.core.domain.Attestation;
import org.plumbline.core.domain.BodyKind;
import org.plumbline.core.domain.Declaration;
import org.plumbline.core.domain.DirectiveSigner;
import org.plumbline.core.domain.NewCustomer;
import org.plumbline.core.domain.ProhibitedUse;
import org.plumbline.core.domain.RaisedFinding;
import org.plumbline.core.domain.Vocabulary;
import org.plumbline.core.record.LogRecord;
import org.plumbline.core.Database;
import org.plumbline.signals.DeclaredUse;
import org.plumbline.signals.Declarations;

/** {@code plumbline signals generate} and {@code scan} exactly as docs/signals.md gives them, in-process. */
class SignalsCommandsTest {
    @TempDir Path tmp;

    private record Run(int exit, String out, String err) {}

    private Run run(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.commandLine().execute(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void generateThenScanPrintsFindingsAsJsonAndASummary() throws Exception {
        Path dir = tmp.resolve("gen");
        Run gen = run("signals", "generate", "--out", dir.toString(), "--days", "35", "--accounts", "12", "--seed", "4",
                "--format", "parquet");
        assertThat(gen.exit()).isZero();
        assertThat(dir.resolve("engagements.json")).exists();
        assertThat(gen.out()).contains("FOCUS 1.3 rows for 12 accounts over 35 days (seed 4, style mixed)");

        Run scan = run("signals", "scan", "--usage", dir.toString(), "--engagements", dir.resolve("engagements.json").toString());
        assertThat(scan.exit()).as(scan.err()).isZero();
        JsonNode findings = new ObjectMapper().readTree(scan.out());
        assertThat(findings.isArray()).isTrue();
        List<String> rules = new ArrayList<>();
        for (JsonNode f : findings) {
            for (String field : List.of("rule", "account", "engagement", "severity", "windowStart", "windowEnd", "evidence")) {
                assertThat(f.hasNonNull(field)).as(field).isTrue();
            }
            rules.add(f.get("rule").asText());
        }
        assertThat(rules).contains("bulk-communications-processing", "enforcement-not-effective");
        assertThat(scan.err()).contains("FOCUS 1.3 (from ServiceProviderName")
                .containsPattern("summary: \\d+ finding\\(s\\) \\(\\d+ new\\) from 5 rule\\(s\\)")
                .contains("ground truth (all rules)                          precision 1.00 recall 1.00");

        Run table = run("signals", "scan", "--usage", dir + "/*.parquet", "--engagements",
                dir.resolve("engagements.json").toString(), "--format", "table");
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("RULE").contains("bulk-communications-processing").contains("summary: ");
    }

    /** One provider's style on request; a style that is not one is refused. */
    @Test
    void generateWritesTheStyleAskedFor() throws Exception {
        Path dir = tmp.resolve("gen-gcp");
        Run gen = run("signals", "generate", "--out", dir.toString(), "--days", "3", "--accounts", "2", "--style", "gcp");
        assertThat(gen.exit()).as(gen.err()).isZero();
        assertThat(gen.out()).contains("(seed 1, style gcp)");
        String header = Files.readAllLines(dir.resolve("focus-usage-2026-10.csv")).getFirst();
        assertThat(header).endsWith(",x_ServiceId").doesNotContain("x_PricingUnitDescription");
        assertThat(Files.readString(dir.resolve("focus-usage-2026-10.csv"))).contains(",byte-seconds,").contains("Google Cloud,");
        Run bad = run("signals", "generate", "--out", tmp.resolve("x").toString(), "--days", "3", "--accounts", "2", "--style", "ibm");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--style must be aws, azure, gcp, oci or mixed");
    }

    /** signals score prints the Markdown table of precision and recall per rule and style (docs/signals.md keeps one). */
    @Test
    void scorePrintsPrecisionAndRecallPerRuleAndStyle() throws Exception {
        Run score = run("signals", "score", "--styles", "azure", "--seeds", "1", "--days", "21", "--accounts", "6");
        assertThat(score.exit()).as(score.err()).isZero();
        assertThat(score.out()).contains("| rule | azure |").contains("| bulk-communications-processing |")
                .containsPattern("\\| all rules \\| \\d\\.\\d\\d / \\d\\.\\d\\d \\(\\d+, \\d+, \\d+\\) \\|");
        assertThat(score.err()).contains("azure seed 1:");
    }

    /** A unit Plumbline cannot read is printed with its provider, meter, rows and cost, in both formats. */
    @Test
    void unitsNotUnderstoodArePrintedWithRowsAndCost() throws Exception {
        Path usage = tmp.resolve("units.csv");
        Files.write(usage, List.of(
                "ProviderName,BillingAccountId,SubAccountId,BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,"
                        + "BilledCost,EffectiveCost,ServiceName,ServiceCategory,SkuMeter,ConsumedQuantity,ConsumedUnit",
                "AWS,ba,a1,USD,Usage,2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,1.50,1.50,Amazon S3,Storage,TimedStorage-ByteHrs,2,GB/Mnth",
                "AWS,ba,a1,USD,Usage,2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,0.50,0.50,Amazon S3,Storage,TimedStorage-ByteHrs,2,GB-Months"));
        Path engagements = tmp.resolve("engagements.json");
        Files.writeString(engagements, "{\"engagements\":[{\"id\":\"e1\",\"purposes\":[\"research\"],\"accounts\":[{\"subAccountId\":\"a1\"}]}]}");
        String line = "AWS, unit \"GB/Mnth\", meter \"TimedStorage-ByteHrs\": 1 rows, cost 1.5";
        Run json = run("signals", "scan", "--usage", usage.toString(), "--engagements", engagements.toString());
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(json.err()).contains("1 unit(s) not understood").contains(line);
        assertThat(new ObjectMapper().readTree(json.out()).isArray()).isTrue();
        Run table = run("signals", "scan", "--usage", usage.toString(), "--engagements", engagements.toString(), "--format", "table");
        assertThat(table.out()).contains(line);
    }

    @Test
    void badInputsGiveOneClearLineAndNonZeroExit() throws Exception {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "BillingAccountId,ChargePeriodStart\nx,2026-01-01T00:00:00Z\n");
        Path eng = tmp.resolve("engagements.json");
        Files.writeString(eng, "{\"engagements\": []}");
        Run missing = run("signals", "scan", "--usage", csv.toString(), "--engagements", eng.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains(csv + ":1: column BillingCurrency: required FOCUS column is missing");
        assertThat(missing.out()).isEmpty();

        Run badFormat = run("signals", "generate", "--out", tmp.toString(), "--days", "3", "--accounts", "2", "--format", "xml");
        assertThat(badFormat.exit()).isEqualTo(2);
        assertThat(badFormat.err()).contains("--format must be csv or parquet");

        Files.writeString(eng, "{\"engagements\": [{\"id\": \"e\", \"purposes\": [\"surveillance\"], \"accounts\": [{\"subAccountId\": \"a\"}]}]}");
        Run badPurpose = run("signals", "scan", "--usage", csv.toString(), "--engagements", eng.toString());
        assertThat(badPurpose.exit()).isEqualTo(2);
        assertThat(badPurpose.err()).contains("unknown purpose \"surveillance\"");
    }

    /**
     * With a Plumbline database, engagements come from it and new findings are raised into its cases, through
     * the server's {@code FindingRaiser}; a second scan of the same usage raises nothing new.
     */
    @Test
    void scanWithADataDirRaisesFindingsIntoItsCases() throws Exception {
        Path gen = tmp.resolve("gen");
        assertThat(run("signals", "generate", "--out", gen.toString(), "--days", "35", "--accounts", "12", "--seed", "4",
                "--format", "csv").exit()).isZero();
        Path data = tmp.resolve("data");
        List<String> references = new ArrayList<>();
        try (Database db = Database.embedded(data, false)) {
            Core core = new Core(db.migrate(), DirectiveSigner.generate(), CoreConfig.standard());
            long customer = core.customers().register(new NewCustomer("Ministry of Scans", BodyKind.MINISTRY, "NL", null),
                    "user/admin").id();
            for (DeclaredUse use : Declarations.read(gen.resolve("engagements.json")).engagements()) {
                List<String> accounts = use.accounts().stream().map(DeclaredUse.Account::subAccountId).filter(a -> a != null)
                        .toList();
                if (accounts.isEmpty()) continue;
                core.engagements().declare(customer, use.id(), new Declaration(accounts, "billing-" + use.id(),
                        List.of("Blob Storage"), use.regions().isEmpty() ? List.of("westeurope") : use.regions(), "CONTRACT-1",
                        use.purposes(), List.of("operational-telemetry"),
                        Vocabulary.defaultProhibitedUses().stream().map(ProhibitedUse::id).toList(),
                        new Attestation("Jo Example", "Confirmed with the customer.")), "user/am");
                references.add(use.id());
            }
        }
        assertThat(references).isNotEmpty();

        Run scan = run("signals", "scan", "--usage", gen.toString(), "--data-dir", data.toString());
        assertThat(scan.exit()).as(scan.err()).isZero();
        List<String> attributed = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(scan.out())) {
            if (!f.get("engagement").isNull()) attributed.add(f.get("key").asText());
        }
        assertThat(attributed).isNotEmpty();
        assertThat(scan.err()).contains("raised: " + attributed.size() + " new finding(s) into the database's cases");

        try (Database db = Database.embedded(data, false)) {
            Core core = new Core(db, DirectiveSigner.generate(), CoreConfig.standard());
            List<RaisedFinding> raised = core.findings().list(1000);
            assertThat(raised).extracting(r -> r.finding().key()).containsExactlyInAnyOrderElementsOf(attributed);
            assertThat(raised).allSatisfy(r -> {
                assertThat(references).contains(r.finding().engagement());
                assertThat(LogRecord.parse(core.records().record(r.logIndex()).orElseThrow()).type()).isEqualTo("finding.raised");
            });
        }

        Run again = run("signals", "scan", "--usage", gen.toString(), "--data-dir", data.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err()).contains("raised: 0 new finding(s)");

        Run both = run("signals", "scan", "--usage", gen.toString(), "--data-dir", data.toString(), "--engagements",
                gen.resolve("engagements.json").toString());
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("give --engagements FILE, or one of --database-url and --data-dir");
    }
}
