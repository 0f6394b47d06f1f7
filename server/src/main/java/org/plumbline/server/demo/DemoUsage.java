package org.plumbline.server.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.plumbline.signals.FocusGenerator;
import org.plumbline.signals.cases.UsageSignals;

/**
 * The demo's metering: 45 days of FOCUS 1.3 usage from the signals generator (fixed seed, one account,
 * which the generator makes the bulk-communications pattern), with the generated account renamed to
 * the first account of the demo's signals-unit engagement. Uploaded like any export, so the demo shows
 * findings raised from metering, logged, opening a case, with their chart. The generator is
 * deterministic, so a second demo run uploads the same bytes and nothing changes.
 */
public final class DemoUsage {
    static final long SEED = 7400;
    static final int DAYS = 45;
    public static final String ACCOUNT = "xa-u7400-ops-01";

    private DemoUsage() {
    }

    /** Generates, renames and uploads; returns how many findings were new. */
    public static int load(UsageSignals signals) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("plumbline-demo-usage");
            FocusGenerator.Result generated = new FocusGenerator(FocusGenerator.Options.of(dir, DAYS, 1, SEED, "csv")).generate();
            // One upload of all days (the generator writes one file per month; same header), so one scan
            // sees the whole period and raises each finding once, for the latest 30-day window.
            StringBuilder csv = new StringBuilder();
            for (Path file : generated.usageFiles()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                csv.append(csv.isEmpty() ? text : text.substring(text.indexOf('\n') + 1));
            }
            String renamed = csv.toString().replace("sub-0001", ACCOUNT)
                    .replace("ba-01", "billing-" + DemoScenario.REVIEWED_ENGAGEMENT.toLowerCase(java.util.Locale.ROOT));
            int raised = signals.upload(new ByteArrayInputStream(renamed.getBytes(StandardCharsets.UTF_8)), "demo-usage.csv")
                    .scan().raised().size();
            return raised;
        } catch (IOException | java.sql.SQLException e) {
            throw new IllegalStateException("demo usage: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
