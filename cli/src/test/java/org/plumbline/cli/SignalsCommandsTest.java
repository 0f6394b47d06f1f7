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
        assertThat(gen.out()).contains("FOCUS 1.3 rows for 12 accounts over 35 days (seed 4)");

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
}
