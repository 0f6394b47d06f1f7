package org.plumbline.signals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes FOCUS 1.3 usage (all 65 columns, in order) for fictional government accounts, the
 * {@code engagements.json} that declares them, and {@code ground-truth.json} naming which rule should
 * flag which account. Deterministic for a seed.
 *
 * <p>Most accounts are benign: they use only the services their declared purposes imply, in their
 * declared regions, with weekly cycles (weekends lighter), slow growth and multiplicative noise. When
 * there are enough accounts, some reproduce one contradiction each:
 * <ol>
 *   <li>bulk communications processing (always the first role): declared {@code cyber-defence}, about a
 *       million calls an hour archived as audio — ~5.9 TB a day into westeurope — and ~780,000
 *       audio-hours a day transcribed, plus translation;</li>
 *   <li>usage in an undeclared region;</li>
 *   <li>a service category no declared purpose implies (Media on a logistics engagement);</li>
 *   <li>a sudden step in compute in the last week (needs at least 21 days);</li>
 *   <li>a directive suspending speech-to-text that did not take effect;</li>
 * </ol>
 * and two controls that must NOT be flagged: a declared communications-processing engagement with bulk
 * audio (exempt from rule 1) and a directive that did take effect. A quarter each of the benign accounts
 * sit near, not over, a threshold: compute doubling in the last week, an archive growing 0.4 TB a day
 * without speech, a trickle of an undeclared category.
 */
public final class FocusGenerator {
    /** @param end the last day of usage (UTC) */
    public record Options(Path out, int days, int accounts, long seed, String format, LocalDate end) {
        public Options {
            if (days < 1) throw new IllegalArgumentException("--days must be at least 1");
            if (accounts < 1) throw new IllegalArgumentException("--accounts must be at least 1");
            if (!format.equals("csv") && !format.equals("parquet")) throw new IllegalArgumentException("--format must be csv or parquet");
        }

        public static Options of(Path out, int days, int accounts, long seed, String format) {
            return new Options(out, days, accounts, seed, format, LocalDate.of(2026, 10, 31));
        }
    }

    /** What was written. */
    public record Result(List<Path> usageFiles, Path engagements, Path groundTruth, long rows) {}

    enum Role { BULK_COMMS, REGION, UNDECLARED_SERVICE, GROWTH, ENFORCEMENT, LEGIT_COMMS, DIRECTIVE_OBEYED, BENIGN }

    /** A billable service: FOCUS service fields, meter, unit and unit price (EUR). */
    record Service(String name, String category, String subcategory, String meter, String unit, double price,
                   String resourceType, boolean weekly) {}

    static final Service VM = new Service("Virtual Machines", "Compute", "Virtual Machines", "D4s v5", "Hours", 0.192,
            "Microsoft.Compute/virtualMachines", true);
    static final Service BLOB = new Service("Storage", "Storage", "Object Storage", "Hot LRS Data Stored", "GB-Months",
            0.0184, "Microsoft.Storage/storageAccounts", false);
    static final Service ARCHIVE = new Service("Storage", "Storage", "Object Storage", "Cool LRS Data Stored", "GB-Months",
            0.01, "Microsoft.Storage/storageAccounts", false);
    static final Service EGRESS = new Service("Bandwidth", "Networking", "Network Connectivity", "Standard Data Transfer Out",
            "GB", 0.087, "Microsoft.Network/publicIPAddresses", true);
    static final Service KEYVAULT = new Service("Key Vault", "Security", "Secret Management", "Standard Operations",
            "10K Operations", 0.03, "Microsoft.KeyVault/vaults", true);
    static final Service MONITOR = new Service("Azure Monitor", "Management and Governance", "Observability",
            "Analytics Logs Data Ingestion", "GB", 2.3, "Microsoft.OperationalInsights/workspaces", true);
    static final Service SQL = new Service("SQL Database", "Databases", "Relational Databases", "vCore", "Hours", 0.5,
            "Microsoft.Sql/servers/databases", true);
    static final Service SYNAPSE = new Service("Azure Synapse Analytics", "Analytics", "Data Processing",
            "Serverless SQL Data Processed", "TB", 5.0, "Microsoft.Synapse/workspaces", true);
    static final Service WEB = new Service("App Service", "Web", "Application Platforms", "P1 v3", "Hours", 0.2,
            "Microsoft.Web/sites", true);
    static final Service IOT = new Service("IoT Hub", "Internet of Things", "IoT Platforms", "S1 Unit", "Units", 0.83,
            "Microsoft.Devices/IotHubs", true);
    static final Service EVENTS = new Service("Event Grid", "Integration", "Messaging", "Standard Operations",
            "1M Operations", 0.6, "Microsoft.EventGrid/topics", true);
    static final Service DYNAMICS = new Service("Dynamics 365", "Business Applications", "Productivity and Collaboration",
            "User Licence", "Users", 2.1, "Microsoft.Dynamics/environments", false);
    static final Service OPENAI = new Service("Azure OpenAI", "AI and Machine Learning", "Generative AI",
            "gpt-4o Input Tokens", "1K Tokens", 0.0025, "Microsoft.CognitiveServices/accounts", true);
    static final Service SPEECH = new Service("Azure AI Speech", "AI and Machine Learning", "Natural Language Processing",
            "S1 Speech To Text Audio Hours", "Hours", 1.0, "Microsoft.CognitiveServices/accounts", true);
    static final Service TRANSLATOR = new Service("Azure AI Translator", "AI and Machine Learning",
            "Natural Language Processing", "S1 Text Translation Characters", "1M Characters", 10.0,
            "Microsoft.CognitiveServices/accounts", true);
    static final Service MEDIA = new Service("Media Services", "Media", "Content Creation", "Standard Encoder Output Minutes",
            "Minutes", 0.015, "Microsoft.Media/mediaservices", true);

    static final Map<String, List<Service>> BY_PURPOSE = new LinkedHashMap<>();
    static {
        BY_PURPOSE.put("cyber-defence", List.of(SYNAPSE, SQL, OPENAI));
        BY_PURPOSE.put("office-productivity", List.of(DYNAMICS, WEB, SQL));
        BY_PURPOSE.put("logistics", List.of(SQL, IOT, EVENTS, WEB));
        BY_PURPOSE.put("health-records", List.of(SQL, EVENTS, WEB));
        BY_PURPOSE.put("tax-administration", List.of(SQL, SYNAPSE, DYNAMICS));
        BY_PURPOSE.put("weather-and-climate", List.of(SYNAPSE, IOT));
        BY_PURPOSE.put("research", List.of(SYNAPSE, OPENAI));
        BY_PURPOSE.put("public-website", List.of(WEB, SQL));
        BY_PURPOSE.put("emergency-services", List.of(SQL, IOT, EVENTS, SPEECH));
        BY_PURPOSE.put("communications-processing", List.of(MEDIA, SPEECH, TRANSLATOR, SYNAPSE));
    }

    static final List<String> REGIONS = List.of("westeurope", "northeurope", "francecentral", "germanywestcentral",
            "swedencentral", "uksouth");
    static final Map<String, String> REGION_NAMES = Map.of("westeurope", "West Europe", "northeurope", "North Europe",
            "francecentral", "France Central", "germanywestcentral", "Germany West Central", "swedencentral",
            "Sweden Central", "uksouth", "UK South", "eastus", "East US");
    static final List<String> MINISTRIES = List.of("Ministry of Defence", "Ministry of Finance", "Ministry of Health",
            "Ministry of Transport", "Ministry of the Interior", "National Weather Service", "National Research Council",
            "Tax Agency", "Emergency Management Agency", "Statistics Office", "Ministry of Foreign Affairs");

    /** One account's plan: who it is and what it will show. */
    record Account(int index, String sub, String billing, String engagement, String customer, Role role,
                   List<String> purposes, List<String> regions, double size, double growth) {}

    private final Options options;
    private final Random random;

    public FocusGenerator(Options options) {
        this.options = options;
        this.random = new Random(options.seed());
    }

    public Result generate() throws IOException, SQLException {
        Files.createDirectories(options.out());
        List<Account> accounts = plan();
        LocalDate first = options.end().minusDays(options.days() - 1);
        List<Map<String, Object>> directives = new ArrayList<>();
        List<Map<String, Object>> truth = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
                s.execute(createTable());
            }
            long rows = 0;
            try (DuckDBAppender a = ((DuckDBConnection) c).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "gen")) {
                for (Account acc : accounts) {
                    for (int d = 0; d < options.days(); d++) rows += day(a, acc, first.plusDays(d), d);
                    roleTruthAndDirectives(acc, first, directives, truth);
                }
            }
            List<Path> files = write(c, first);
            Path engagements = options.out().resolve("engagements.json");
            writeEngagements(engagements, accounts, directives);
            Path gt = options.out().resolve("ground-truth.json");
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("seed", options.seed());
            g.put("days", options.days());
            g.put("accounts", accounts.stream().map(Account::sub).toList());
            g.put("expected", truth);
            mapper().writeValue(gt.toFile(), g);
            return new Result(files, engagements, gt, rows);
        }
    }

    private List<Account> plan() {
        List<Role> roles = new ArrayList<>(List.of(Role.BULK_COMMS, Role.REGION, Role.UNDECLARED_SERVICE, Role.GROWTH,
                Role.ENFORCEMENT, Role.LEGIT_COMMS, Role.DIRECTIVE_OBEYED));
        if (options.days() < 21) roles.remove(Role.GROWTH);
        if (options.days() < 14) {
            roles.remove(Role.ENFORCEMENT);
            roles.remove(Role.DIRECTIVE_OBEYED);
        }
        List<String> benignPurposes = new ArrayList<>(BY_PURPOSE.keySet());
        benignPurposes.remove("communications-processing");
        // Roles go to random positions so that no rule can lean on account order.
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < options.accounts(); i++) positions.add(i);
        java.util.Collections.shuffle(positions, random);
        Role[] roleAt = new Role[options.accounts()];
        java.util.Arrays.fill(roleAt, Role.BENIGN);
        for (int k = 0; k < Math.min(roles.size(), options.accounts()); k++) roleAt[positions.get(k)] = roles.get(k);

        List<Account> out = new ArrayList<>();
        for (int i = 0; i < options.accounts(); i++) {
            Role role = roleAt[i];
            List<String> purposes;
            List<String> regions;
            switch (role) {
                case BULK_COMMS -> { purposes = List.of("cyber-defence"); regions = List.of("westeurope"); }
                case REGION -> { purposes = List.of("health-records"); regions = List.of("northeurope"); }
                case UNDECLARED_SERVICE -> { purposes = List.of("logistics"); regions = List.of("francecentral"); }
                case ENFORCEMENT -> { purposes = List.of("emergency-services"); regions = List.of("swedencentral"); }
                case LEGIT_COMMS -> { purposes = List.of("communications-processing"); regions = List.of("germanywestcentral"); }
                case DIRECTIVE_OBEYED -> { purposes = List.of("research"); regions = List.of("westeurope", "northeurope"); }
                default -> {
                    String p = benignPurposes.get(random.nextInt(benignPurposes.size()));
                    String p2 = random.nextDouble() < 0.25 ? benignPurposes.get(random.nextInt(benignPurposes.size())) : p;
                    purposes = p.equals(p2) ? List.of(p) : List.of(p, p2);
                    String r1 = REGIONS.get(random.nextInt(REGIONS.size()));
                    String r2 = REGIONS.get(random.nextInt(REGIONS.size()));
                    regions = r1.equals(r2) ? List.of(r1) : List.of(r1, r2);
                }
            }
            String sub = String.format(Locale.ROOT, "sub-%04d", i + 1);
            String billing = String.format(Locale.ROOT, "ba-%02d", i / 5 + 1);
            double size = Math.exp(random.nextGaussian() * 0.6);
            double growth = 0.0005 + random.nextDouble() * 0.003;
            out.add(new Account(i, sub, billing, String.format(Locale.ROOT, "eng-%04d", i + 1),
                    MINISTRIES.get(random.nextInt(MINISTRIES.size())), role, purposes, regions, size, growth));
        }
        return out;
    }

    private void roleTruthAndDirectives(Account acc, LocalDate first, List<Map<String, Object>> directives,
                                        List<Map<String, Object>> truth) {
        switch (acc.role()) {
            case BULK_COMMS -> {
                truth.add(expect("bulk-communications-processing", acc));
                truth.add(expect("service-outside-declared-purposes", acc));
            }
            case REGION -> truth.add(expect("region-outside-declared-regions", acc));
            case UNDECLARED_SERVICE -> truth.add(expect("service-outside-declared-purposes", acc));
            case GROWTH -> truth.add(expect("sudden-growth", acc));
            case ENFORCEMENT -> {
                truth.add(expect("enforcement-not-effective", acc));
                directives.add(directive("dir-" + acc.sub(), acc, SPEECH.name(), enforcementDay().atTime(12, 0)));
            }
            case DIRECTIVE_OBEYED -> directives.add(directive("dir-" + acc.sub(), acc, OPENAI.name(), enforcementDay().atStartOfDay()));
            default -> {}
        }
    }

    private LocalDate enforcementDay() {
        return options.end().minusDays(9);
    }

    private static Map<String, Object> expect(String rule, Account acc) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", rule);
        m.put("account", acc.sub());
        m.put("role", acc.role().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return m;
    }

    private static Map<String, Object> directive(String id, Account acc, String service, java.time.LocalDateTime at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("account", acc.sub());
        m.put("services", List.of(service));
        m.put("effective", at.toInstant(ZoneOffset.UTC).toString());
        return m;
    }

    /** Appends one account's rows for one day; returns how many. */
    private int day(DuckDBAppender a, Account acc, LocalDate date, int d) throws SQLException {
        boolean weekend = date.getDayOfWeek().getValue() >= 6;
        double trend = Math.pow(1 + acc.growth(), d);
        String home = acc.regions().getFirst();
        int n = 0;
        // Every workload: a few VMs, object storage, egress, secrets, monitoring.
        double vmHours = 24 * Math.max(1, Math.round(4 * acc.size())) * trend;
        n += row(a, acc, date, VM, home, vmHours * cycle(weekend, VM));
        double storedGb = 800 * acc.size() * (1 + 0.004 * d) * trend;
        n += row(a, acc, date, BLOB, home, storedGb * gbMonthsPerDay(date));
        n += row(a, acc, date, EGRESS, home, 40 * acc.size() * trend * cycle(weekend, EGRESS));
        n += row(a, acc, date, KEYVAULT, home, 30 * acc.size() * cycle(weekend, KEYVAULT));
        n += row(a, acc, date, MONITOR, home, 5 * acc.size() * cycle(weekend, MONITOR));
        if (acc.regions().size() > 1) n += row(a, acc, date, BLOB, acc.regions().get(1), storedGb * 0.3 * gbMonthsPerDay(date));
        for (String p : acc.purposes()) {
            for (Service s : BY_PURPOSE.get(p)) {
                if (acc.role() == Role.BULK_COMMS || acc.role() == Role.LEGIT_COMMS) continue;
                if (acc.role() == Role.DIRECTIVE_OBEYED && s == OPENAI && !date.isBefore(enforcementDay())) continue;
                n += row(a, acc, date, s, home, baseQuantity(s) * acc.size() * trend * cycle(weekend, s));
            }
        }
        switch (acc.role()) {
            case BULK_COMMS -> {
                // ~1M calls/hour of ~3 min: ~780,000 audio-hours a day; at 16 kbit/s that is ~5.9 TB a day kept.
                double audioHours = 780_000 * noise(0.04);
                double heldGb = 2_000_000 + 5_900 * (d + 1);
                n += row(a, acc, date, ARCHIVE, "westeurope", heldGb * gbMonthsPerDay(date));
                n += row(a, acc, date, SPEECH, "westeurope", audioHours);
                n += row(a, acc, date, TRANSLATOR, "westeurope", 2_400 * noise(0.05));
                n += row(a, acc, date, SYNAPSE, "westeurope", 3 * noise(0.1));
            }
            case LEGIT_COMMS -> {
                double heldGb = 400_000 + 2_000 * (d + 1);
                n += row(a, acc, date, ARCHIVE, home, heldGb * gbMonthsPerDay(date));
                n += row(a, acc, date, SPEECH, home, 120_000 * noise(0.05) * cycle(weekend, SPEECH));
                n += row(a, acc, date, TRANSLATOR, home, 300 * noise(0.05));
                n += row(a, acc, date, MEDIA, home, 20_000 * noise(0.05));
            }
            case REGION -> n += row(a, acc, date, VM, "eastus", 48 * cycle(weekend, VM));
            // A new fleet in the last week: about 1,000 VMs per unit of account size, many times the usual spend.
            case GROWTH -> {
                if (d >= options.days() - 7) n += row(a, acc, date, VM, home, 24 * 1000 * acc.size() * cycle(weekend, VM));
            }
            case UNDECLARED_SERVICE -> n += row(a, acc, date, MEDIA, home, 6_000 * noise(0.1) * cycle(weekend, MEDIA));
            // Benign accounts near, but not over, the rules' thresholds: what a rule must not flag.
            case BENIGN -> {
                switch (acc.index() % 4) {
                    // A busy last week: compute doubles (the growth rule wants 3x the highest earlier week).
                    case 1 -> {
                        if (d >= options.days() - 7) n += row(a, acc, date, VM, home, vmHours * cycle(weekend, VM));
                    }
                    // Archive growing 0.4 TB a day with no transcription (rule 1 wants 1 TB/day and speech).
                    case 2 -> n += row(a, acc, date, ARCHIVE, home, 400.0 * (d + 1) * gbMonthsPerDay(date));
                    // A trickle of Media (under 1.00 over 30 days: below the undeclared-service threshold).
                    case 3 -> n += row(a, acc, date, MEDIA, home, 1);
                    default -> {}
                }
            }
            default -> {}
        }
        return n;
    }

    private static double baseQuantity(Service s) {
        return switch (s.unit()) {
            case "Hours" -> 48;
            case "TB" -> 0.4;
            case "Units" -> 2;
            case "1M Operations" -> 3;
            case "Users" -> 40;
            case "1K Tokens" -> 20_000;
            case "1M Characters" -> 2;
            default -> 10;
        } * (s == SPEECH ? 0.5 : 1);
    }

    private double cycle(boolean weekend, Service s) {
        return (s.weekly() && weekend ? 0.6 : 1.0) * noise(0.08);
    }

    /**
     * GB-Months written for 10^9 bytes held for one day, as Microsoft bills storage: a calendar month's share
     * (focus-units.md 5.2, S16) of GB that Plumbline reads as 2^30 bytes (unit-conventions.tsv). The
     * generator plans in 10^9 bytes, so the planted archive's growth stays what the tests name.
     */
    private static double gbMonthsPerDay(LocalDate date) {
        return 1e9 / (1L << 30) / date.lengthOfMonth();
    }

    private double noise(double sd) {
        return Math.max(0.5, 1 + random.nextGaussian() * sd);
    }

    private int row(DuckDBAppender a, Account acc, LocalDate date, Service s, String region, double quantity)
            throws SQLException {
        BigDecimal qty = BigDecimal.valueOf(quantity).setScale(6, RoundingMode.HALF_UP);
        BigDecimal price = BigDecimal.valueOf(s.price());
        BigDecimal cost = qty.multiply(price).setScale(10, RoundingMode.HALF_UP);
        LocalDate periodStart = date.withDayOfMonth(1);
        String resourceName = s.resourceType().substring(s.resourceType().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT)
                + "-" + acc.sub() + "-" + region;
        String resourceId = "/subscriptions/" + acc.sub() + "/resourceGroups/rg-" + acc.engagement() + "/providers/"
                + s.resourceType() + "/" + resourceName;
        String sku = Integer.toHexString((s.name() + s.meter()).hashCode()).toUpperCase(Locale.ROOT);
        Object[] v = {
            "Microsoft", "Microsoft", "Microsoft", "Microsoft", "Microsoft",
            "INV-" + periodStart.toString().substring(0, 7) + "-" + acc.billing(),
            acc.billing(), "Government billing " + acc.billing(), "Billing Profile",
            acc.sub(), acc.customer() + " (" + acc.sub() + ")", "Subscription",
            ts(periodStart), ts(periodStart.plusMonths(1)), ts(date), ts(date.plusDays(1)),
            "Usage", null, s.meter() + " - " + s.name(), "Usage-Based",
            cost, cost, cost, cost, price, price, "Standard", qty, s.unit(), "EUR", price, cost, price, "EUR",
            qty, s.unit(), s.name(), s.category(), s.subcategory(), sku, s.meter(), sku + "-" + s.unit().replace(' ', '_'),
            null, resourceId, resourceName, s.resourceType(), region, REGION_NAMES.get(region), null,
            null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null,
            "{\"environment\":\"prod\",\"engagement\":\"" + acc.engagement() + "\"}"
        };
        a.beginRow();
        for (int i = 0; i < v.length; i++) {
            Object x = v[i];
            if (x == null) a.appendNull();
            else if (x instanceof BigDecimal b) a.append(b.setScale(10, RoundingMode.HALF_UP));
            else a.append(x.toString());
        }
        a.endRow();
        return 1;
    }

    private static String ts(LocalDate d) {
        return d + "T00:00:00Z";
    }

    private static final List<String> DECIMAL_COLUMNS = List.of("BilledCost", "EffectiveCost", "ListCost",
            "ContractedCost", "ListUnitPrice", "ContractedUnitPrice", "PricingQuantity",
            "PricingCurrencyContractedUnitPrice", "PricingCurrencyEffectiveCost", "PricingCurrencyListUnitPrice",
            "ConsumedQuantity", "CommitmentDiscountQuantity");

    static String createTable() {
        StringBuilder b = new StringBuilder("CREATE TABLE gen (");
        for (int i = 0; i < FocusSchema.V1_3_ORDER.size(); i++) {
            String col = FocusSchema.V1_3_ORDER.get(i);
            if (i > 0) b.append(", ");
            b.append('"').append(col).append("\" ").append(DECIMAL_COLUMNS.contains(col) ? "DECIMAL(38,10)" : "VARCHAR");
        }
        return b.append(")").toString();
    }

    /** The SELECT that turns the generation table into FOCUS columns for the chosen format. */
    static String select(String format, String table) {
        List<String> cols = new ArrayList<>();
        for (String col : FocusSchema.V1_3_ORDER) {
            boolean ts = col.endsWith("PeriodStart") || col.endsWith("PeriodEnd");
            cols.add(ts && format.equals("parquet") ? "CAST(\"" + col + "\" AS TIMESTAMPTZ) AS \"" + col + "\"" : "\"" + col + "\"");
        }
        return "SELECT " + String.join(", ", cols) + " FROM " + table;
    }

    private List<Path> write(Connection c, LocalDate first) throws SQLException {
        List<Path> files = new ArrayList<>();
        String ext = options.format().equals("csv") ? ".csv" : ".parquet";
        String fmt = options.format().equals("csv") ? "(HEADER, DELIMITER ',')" : "(FORMAT parquet)";
        // One file per billing month, as providers export.
        for (LocalDate m = first.withDayOfMonth(1); !m.isAfter(options.end()); m = m.plusMonths(1)) {
            Path f = options.out().resolve("focus-usage-" + m.toString().substring(0, 7) + ext);
            String where = " WHERE \"BillingPeriodStart\" = '" + ts(m) + "' ORDER BY \"ChargePeriodStart\", \"SubAccountId\", \"ServiceName\"";
            try (Statement s = c.createStatement()) {
                s.execute("COPY (" + select(options.format(), "gen") + where + ") TO " + FocusIngester.literal(f.toString()) + " " + fmt);
            }
            files.add(f);
        }
        return files;
    }

    private void writeEngagements(Path file, List<Account> accounts, List<Map<String, Object>> directives) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Account acc : accounts) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", acc.engagement());
            e.put("name", acc.customer() + " - " + String.join(", ", acc.purposes()));
            e.put("customer", acc.customer());
            e.put("purposes", acc.purposes());
            e.put("accounts", List.of(Map.of("subAccountId", acc.sub(), "billingAccountId", acc.billing())));
            e.put("regions", acc.regions());
            e.put("attestedBy", "account.manager@provider.example");
            list.add(e);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("engagements", list);
        root.put("directives", directives);
        mapper().writeValue(file.toFile(), root);
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
