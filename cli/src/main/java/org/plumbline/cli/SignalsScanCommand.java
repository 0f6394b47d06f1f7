package org.plumbline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.plumbline.core.Core;
import org.plumbline.core.CoreConfig;
import org.plumbline.core.domain.DirectiveSigner;
import org.plumbline.core.domain.Finding;
import org.plumbline.core.Database;
import org.plumbline.signals.ConsoleProgress;
import org.plumbline.signals.Declarations;
import org.plumbline.signals.FileReport;
import org.plumbline.signals.FindingJson;
import org.plumbline.signals.FocusFormatException;
import org.plumbline.signals.GroundTruth;
import org.plumbline.signals.IngestReport;
import org.plumbline.signals.ScanResult;
import org.plumbline.signals.SignalsEngine;
import org.plumbline.signals.cases.CoreDeclarations;
import org.plumbline.signals.cases.FindingRaiser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plumbline signals scan}: ingest FOCUS usage and print the findings. Runs without a server. With
 * {@code --format json} standard output is only the JSON list (so it can be piped); the ingestion report
 * and the summary line go to standard error.
 *
 * <p>Given a Plumbline database ({@code --database-url}, or the embedded PostgreSQL under {@code --data-dir}),
 * the engagements and directives are read from it instead of a file, and each new finding is raised into
 * its cases through the same {@link FindingRaiser} the server's scans use.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Ingest FOCUS usage (files, directories, globs; CSV, gzip CSV, Parquet) and print the findings.")
final class SignalsScanCommand implements Callable<Integer> {
    @Option(names = "--usage", required = true, arity = "1..*", paramLabel = "PATH",
            description = "FOCUS files, directories or globs.")
    List<String> usage;

    @Option(names = "--engagements", description = "Engagements file (format: docs/signals.md); required unless "
            + "--database-url or --data-dir gives a Plumbline database to read them from.")
    Path engagements;

    @Option(names = "--database-url", paramLabel = "DATABASE_URL", description = "Plumbline's PostgreSQL "
            + "(postgres://user:password@host:5432/db or a JDBC URL): read engagements and directives from it and raise "
            + "each new finding into its cases.")
    String databaseUrl;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "As --database-url, with the embedded PostgreSQL kept "
            + "under DIR (the data directory of plumbline demo or the server; not while that runs).")
    Path dataDir;

    @Option(names = "--directives", description = "Directives file; default: the engagements file's \"directives\".")
    Path directives;

    @Option(names = "--format", defaultValue = "json", description = "json or table. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--database", description = "DuckDB file to keep ingested usage and handed-on findings in "
            + "(default: in memory, nothing kept).")
    Path database;

    @Option(names = "--ground-truth", description = "Score findings against this file; default: ground-truth.json "
            + "beside the engagements file, when present.")
    Path groundTruth;

    @Option(names = "--memory-limit", description = "DuckDB memory limit, e.g. 2GB (spills to disk beyond it).")
    String memoryLimit;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("json") && !format.equals("table")) {
            System.err.println("plumbline signals scan: --format must be json or table");
            return 2;
        }
        boolean json = format.equals("json");
        PrintStream info = json ? System.err : System.out;
        int sources = (engagements != null ? 1 : 0) + (databaseUrl != null ? 1 : 0) + (dataDir != null ? 1 : 0);
        if (sources != 1) {
            System.err.println("plumbline signals scan: give --engagements FILE, or one of --database-url and --data-dir");
            return 2;
        }
        Database plumbline = null;
        Core core = null;
        Declarations declarations;
        try {
            if (engagements != null) {
                declarations = Declarations.read(engagements);
            } else {
                plumbline = dataDir != null ? Database.embedded(dataDir.toAbsolutePath(), true) : Database.fromUrl(databaseUrl);
                plumbline.migrate();
                // Raising findings signs nothing: a key of its own keeps the server's directive key out of this command.
                core = new Core(plumbline, DirectiveSigner.generate(), CoreConfig.standard());
                declarations = CoreDeclarations.of(core);
            }
            if (directives != null) declarations = declarations.withDirectives(Declarations.readDirectives(directives));
        } catch (Exception e) {
            System.err.println("plumbline signals scan: " + e.getMessage());
            if (plumbline != null) plumbline.close();
            return 2;
        }
        try {
            return scan(declarations, core, info, json);
        } finally {
            if (plumbline != null) plumbline.close();
        }
    }

    private int scan(Declarations declarations, Core core, PrintStream info, boolean json) throws Exception {
        SignalsEngine.Options options = SignalsEngine.Options.inMemory().withDatabase(database)
                .withMemoryLimit(memoryLimit, null);
        try (SignalsEngine engine = SignalsEngine.open(options)) {
            IngestReport report;
            try {
                report = engine.ingest(usage, ConsoleProgress.onStderr());
            } catch (FocusFormatException e) {
                System.err.println("plumbline signals scan: " + e.getMessage());
                return 1;
            } catch (java.io.IOException e) {
                System.err.println("plumbline signals scan: " + e.getMessage());
                return 2;
            }
            for (FileReport f : report.files()) info.println(f.describe());
            for (String line : report.describeUnplaced()) info.println(line);
            for (String line : report.describeRecognition()) info.println(line);
            FindingRaiser raiser = core == null ? null : new FindingRaiser(core);
            ScanResult result = raiser == null ? engine.scan(declarations, f -> {}) : raiser.scan(engine, declarations);
            if (json) {
                System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(result.findings().stream().map(FindingJson::toJsonObject).toList()));
            } else {
                printTable(result.findings());
            }
            for (ScanResult.AccountUsage a : result.unmapped()) {
                info.printf("account %s (billing %s) is in no engagement: %,d rows, cost %s, %s..%s (summarised, not scanned)%n",
                        a.account(), a.billingAccount(), a.rows(), a.cost().toPlainString(), a.firstDay(), a.lastDay());
            }
            Path truthFile = groundTruth != null ? groundTruth
                    : engagements != null ? engagements.toAbsolutePath().getParent().resolve("ground-truth.json") : null;
            if (truthFile != null && Files.isRegularFile(truthFile)) {
                for (GroundTruth.Score s : GroundTruth.read(truthFile).score(result.findings(), engine.rules())) {
                    info.printf("ground truth %-36s precision %.2f recall %.2f (tp %d, fp %d, fn %d)%n",
                            s.rule().equals("*") ? "(all rules)" : s.rule(), s.precision(), s.recall(),
                            s.truePositives(), s.falsePositives(), s.falseNegatives());
                }
            }
            long mapped = result.accounts().stream().filter(a -> a.engagement() != null).count();
            info.printf("summary: %d finding(s) (%d new) from %d rule(s); %,d rows in %d file(s) ingested, %d skipped as "
                            + "already ingested; %d account(s) in engagements, %d in none%n",
                    result.findings().size(), result.raised().size(), engine.rules().size(), report.rowsIngested(),
                    report.files().size() - report.filesSkipped(), report.filesSkipped(), mapped, result.unmapped().size());
            if (raiser != null) {
                info.printf("raised: %d new finding(s) into the database's cases; %d on accounts in no engagement, not raised%n",
                        raiser.raised().size(), raiser.unattributed());
            }
        }
        return 0;
    }

    private static void printTable(List<Finding> findings) {
        System.out.printf("%-34s %-9s %-10s %-10s %-23s %s%n", "RULE", "SEVERITY", "ACCOUNT", "ENGAGEMENT", "WINDOW", "EVIDENCE");
        for (Finding f : findings) {
            System.out.printf("%-34s %-9s %-10s %-10s %-23s %s%n", f.rule(), f.severity(), f.account(),
                    f.engagement() == null ? "-" : f.engagement(), f.windowStart() + ".." + f.windowEnd(), f.evidence());
        }
    }
}
