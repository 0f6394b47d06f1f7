package org.plumbline.signals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * FOCUS 1.3 usage at any scale, for benchmarks and tests of big files: the generator's accounts (one per
 * purpose, the bulk-communications one included) over 30 days in one provider's style, replicated to reach N
 * rows the way a provider's export grows: hourly charge periods (24 rows per daily charge; rows the provider
 * already writes hourly stay hourly), several resources per service, and copies of the accounts (each with its
 * own engagement). So the profile has far fewer groups than rows, as real exports do. The provider's x_ columns
 * are kept.
 */
public final class ScaledUsage {
    private static final int RESOURCES = 4;
    private static final int HOURS = 24;

    private ScaledUsage() {}

    /**
     * Writes {@code rows} rows to {@code file} and returns the declarations of every replicated account.
     *
     * @param format      "parquet" or "csv"
     * @param workDirectory where the seed data and DuckDB's spill files go while writing
     * @param memoryLimit DuckDB memory limit while writing (e.g. "2GB"), or null for DuckDB's default
     * @param reuse       keep an existing {@code file} instead of writing it again (it must come from here)
     */
    public static Declarations write(Path file, long rows, String format, Path workDirectory, String memoryLimit,
            boolean reuse) throws Exception {
        return write(file, rows, format, workDirectory, memoryLimit, reuse, FocusGenerator.Style.AZURE);
    }

    /** As {@link #write(Path, long, String, Path, String, boolean)}, in a provider's style (not mixed: one file). */
    public static Declarations write(Path file, long rows, String format, Path workDirectory, String memoryLimit,
            boolean reuse, FocusGenerator.Style style) throws Exception {
        if (style == FocusGenerator.Style.MIXED) throw new IllegalArgumentException("one provider per benchmark file");
        Path seedDir = Files.createTempDirectory(workDirectory, "seed");
        try {
            FocusGenerator.Result seed = new FocusGenerator(new FocusGenerator.Options(seedDir, 30, 20, 1, "parquet",
                    LocalDate.of(2026, 10, 31), style)).generate();
            Declarations base = Declarations.read(seed.engagements());
            long perCopy;
            long copies;
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
                if (memoryLimit != null) s.execute("SET memory_limit = '" + memoryLimit + "'");
                s.execute("SET preserve_insertion_order = false");
                s.execute("SET temp_directory = " + FocusIngester.literal(workDirectory.resolve("spill").toString()));
                List<String> files = new ArrayList<>();
                for (Path f : seed.usageFiles()) files.add(FocusIngester.literal(f.toString()));
                // Rows of a day are split into 24 hourly rows; rows already hourly (or a day's storage booked into
                // one hour, as AWS writes it) are kept as they are.
                s.execute("CREATE TABLE seed AS SELECT *, row_number() OVER () AS row_id, CASE WHEN \"ChargePeriodEnd\" - "
                        + "\"ChargePeriodStart\" >= INTERVAL 1 DAY THEN " + HOURS + " ELSE 1 END AS split FROM read_parquet(["
                        + String.join(", ", files) + "])");
                List<String> extra = new ArrayList<>();
                try (var r = s.executeQuery("SELECT column_name FROM (DESCRIBE seed) WHERE column_name LIKE 'x\\_%' ESCAPE '\\'")) {
                    while (r.next()) extra.add(r.getString(1));
                }
                try (var r = s.executeQuery("SELECT sum(split) FROM seed")) {
                    r.next();
                    perCopy = r.getLong(1) * RESOURCES;
                }
                copies = Math.max(1, (rows + perCopy - 1) / perCopy);
                String fmt = format.equals("csv") ? "(HEADER, DELIMITER ',')" : "(FORMAT parquet)";
                if (!(reuse && Files.exists(file))) s.execute("COPY (" + replicated(format, copies, extra) + " LIMIT " + rows + ") TO "
                        + FocusIngester.literal(file.toString()) + " " + fmt);
            }
            List<DeclaredUse> engagements = new ArrayList<>();
            for (long k = 0; k < copies; k++) {
                for (DeclaredUse e : base.engagements()) {
                    List<DeclaredUse.Account> accs = new ArrayList<>();
                    for (DeclaredUse.Account a : e.accounts()) accs.add(new DeclaredUse.Account(a.subAccountId() + "-" + k, null));
                    engagements.add(new DeclaredUse(e.id() + "-" + k, e.name(), e.purposes(), accs, e.regions()));
                }
            }
            List<ServiceSuspension> directives = new ArrayList<>();
            for (long k = 0; k < copies; k++) {
                for (ServiceSuspension d : base.directives()) {
                    directives.add(new ServiceSuspension(d.id() + "-" + k, d.account() + "-" + k, d.services(), d.effective()));
                }
            }
            return new Declarations(engagements, directives);
        } finally {
            try (var w = Files.walk(seedDir)) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** SELECT of the 65 columns with hourly periods, resources and account copies; money split evenly. */
    private static String replicated(String format, long copies, List<String> extra) {
        List<String> cols = new ArrayList<>();
        // Hour-to-hour variation (+-20%) keeps the file as hard to compress as a real export's numbers.
        String split = "CAST(CAST(%s AS DOUBLE) * (0.8 + ((c.c * 7919 + r.r * 104729 + h.h * 1299709 + s.row_id) %% 400) / 1000.0) / "
                + "(s.split * " + RESOURCES + ") AS DECIMAL(38,10))";
        String start = "(s.\"ChargePeriodStart\" + to_hours(CAST(h.h AS INTEGER)))";
        List<String> all = new ArrayList<>(FocusSchema.V1_3_ORDER);
        all.addAll(extra);
        for (String col : all) {
            String q = "s.\"" + col + "\"";
            String e = switch (col) {
                case "SubAccountId", "SubAccountName" -> q + " || '-' || c.c";
                case "ResourceId", "ResourceName" -> q + " || '-' || r.r";
                case "ChargePeriodStart" -> "CASE WHEN s.split = 1 THEN s.\"ChargePeriodStart\" ELSE " + start + " END";
                case "ChargePeriodEnd" -> "CASE WHEN s.split = 1 THEN s.\"ChargePeriodEnd\" ELSE " + start + " + INTERVAL 1 HOUR END";
                case "BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "PricingQuantity", "ConsumedQuantity",
                     "PricingCurrencyEffectiveCost" -> String.format(split, q);
                default -> q;
            };
            if (format.equals("csv") && (col.endsWith("PeriodStart") || col.endsWith("PeriodEnd"))) {
                e = "strftime(" + e + ", '%Y-%m-%dT%H:%M:%SZ')";
            }
            cols.add(e + " AS \"" + col + "\"");
        }
        return "SELECT " + String.join(", ", cols) + " FROM range(" + copies + ") c(c), range(" + RESOURCES
                + ") r(r), range(" + HOURS + ") h(h), seed s WHERE h.h < s.split";
    }
}
