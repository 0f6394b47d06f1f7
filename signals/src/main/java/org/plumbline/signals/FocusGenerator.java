package org.plumbline.signals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.plumbline.signals.ExportStyle.Use;

/**
 * Writes FOCUS 1.3 usage for fictional government accounts as the large providers' exports write it, the
 * {@code engagements.json} that declares them, and {@code ground-truth.json} saying what each account is by
 * construction and which rule should flag it. Deterministic for a seed.
 *
 * <p>The plan is provider-neutral: each account uses services in physical terms ({@link ExportStyle.Use}:
 * instance-hours, bytes held, audio-hours ...), and its provider's {@link ExportStyle} writes them as that
 * provider's export does (columns, {@code x_} columns, units, meters, hourly or daily charge periods). A
 * {@link Style} picks one provider for every account, or deals the four out ({@code mixed}: one file per
 * provider and month, as each provider exports its own).
 *
 * <p>Roles, dealt to random positions (the rest are benign: only the services their purposes imply, in their
 * declared regions, weekly cycles, slow growth, noise):
 * <ul>
 *   <li>bulk communications processing at interception scale: telephone audio archived (16 kbit/s, 7.2 MB per
 *       audio-hour) and transcribed, from 3,200 audio-hours a day (about 100,000 calls of 2 minutes) to the
 *       reported case's 780,000, declared for something else, in any region, the archive sometimes in another
 *       region than the transcription; and one that starts 7 to 9 days before the last day;</li>
 *   <li>an undeclared region, an undeclared service category, a sudden step in compute, a directive that did not
 *       take effect;</li>
 *   <li>look-alikes the bulk rule must not flag: a declared communications-processing engagement at bulk scale,
 *       an emergency call centre, a broadcaster's captioning and a research archive at their normal scale
 *       (hundreds of audio-hours a day, with storage), a storage-only archive growing tens of TB a day, a video
 *       transcoding service with large storage, and a directive that did take effect;</li>
 *   <li>benign accounts near other rules' thresholds: compute doubling in the last week, an archive growing
 *       0.4 TB a day without speech, a trickle of an undeclared category;</li>
 *   <li>corrections: for some accounts a day's largest storage is over-reported and corrected by a negative row
 *       (ChargeClass "Correction") billed three days later, in the next month's file when that is later.</li>
 * </ul>
 */
public final class FocusGenerator {
    /** Which provider's conventions the files follow: one for every account, or {@code MIXED}. */
    public enum Style {
        AWS, AZURE, GCP, OCI, MIXED;

        /** {@code aws}, {@code azure}, {@code gcp}, {@code oci} or {@code mixed}. */
        public static Style parse(String name) {
            for (Style s : values()) if (s.name().equalsIgnoreCase(name)) return s;
            throw new IllegalArgumentException("--style must be aws, azure, gcp, oci or mixed");
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        ExportStyle export(int account) {
            return switch (this) {
                case AZURE -> ExportStyle.ALL.get(0);
                case AWS -> ExportStyle.ALL.get(1);
                case GCP -> ExportStyle.ALL.get(2);
                case OCI -> ExportStyle.ALL.get(3);
                case MIXED -> ExportStyle.ALL.get(account % ExportStyle.ALL.size());
            };
        }
    }

    /** @param end the last day of usage (UTC) */
    public record Options(Path out, int days, int accounts, long seed, String format, LocalDate end, Style style) {
        public Options {
            if (days < 1) throw new IllegalArgumentException("--days must be at least 1");
            if (accounts < 1) throw new IllegalArgumentException("--accounts must be at least 1");
            if (!format.equals("csv") && !format.equals("parquet")) throw new IllegalArgumentException("--format must be csv or parquet");
            if (style == null) throw new IllegalArgumentException("a style is required");
        }

        public Options(Path out, int days, int accounts, long seed, String format, LocalDate end) {
            this(out, days, accounts, seed, format, end, Style.MIXED);
        }

        /** Mixed providers, usage ending 2026-10-31. */
        public static Options of(Path out, int days, int accounts, long seed, String format) {
            return of(out, days, accounts, seed, format, Style.MIXED);
        }

        public static Options of(Path out, int days, int accounts, long seed, String format, Style style) {
            return new Options(out, days, accounts, seed, format, LocalDate.of(2026, 10, 31), style);
        }
    }

    /** What was written. */
    public record Result(List<Path> usageFiles, Path engagements, Path groundTruth, long rows) {}

    enum Role {
        BULK_COMMS, BULK_LATE, REGION, UNDECLARED_SERVICE, GROWTH, ENFORCEMENT, LEGIT_COMMS, DIRECTIVE_OBEYED,
        EMERGENCY_CENTRE, BROADCAST_CAPTIONING, RESEARCH_ARCHIVE, STORAGE_ARCHIVE, MEDIA_TRANSCODING, BENIGN
    }

    /** What each purpose uses beyond the plumbing every account has: only categories the purpose implies. */
    static final Map<String, List<Use>> BY_PURPOSE = new LinkedHashMap<>();
    static {
        BY_PURPOSE.put("cyber-defence", List.of(Use.ANALYTICS, Use.DATABASE, Use.MODEL_TOKENS));
        BY_PURPOSE.put("office-productivity", List.of(Use.WEB, Use.DATABASE, Use.MODEL_TOKENS));
        BY_PURPOSE.put("logistics", List.of(Use.DATABASE, Use.IOT, Use.MESSAGING, Use.WEB));
        BY_PURPOSE.put("health-records", List.of(Use.DATABASE, Use.MESSAGING, Use.WEB));
        BY_PURPOSE.put("tax-administration", List.of(Use.DATABASE, Use.ANALYTICS));
        BY_PURPOSE.put("weather-and-climate", List.of(Use.ANALYTICS, Use.IOT));
        BY_PURPOSE.put("research", List.of(Use.ANALYTICS, Use.MODEL_TOKENS));
        BY_PURPOSE.put("public-website", List.of(Use.WEB, Use.DATABASE));
        BY_PURPOSE.put("emergency-services", List.of(Use.DATABASE, Use.IOT, Use.MESSAGING, Use.SPEECH_TO_TEXT));
        BY_PURPOSE.put("communications-processing", List.of(Use.VIDEO_TRANSCODING, Use.SPEECH_TO_TEXT, Use.TRANSLATION,
                Use.ANALYTICS));
    }

    /** A purpose's daily amount of a use, per unit of account size, in the use's physical unit. */
    private static double base(Use u) {
        return switch (u) {
            case DATABASE, WEB -> 48;                    // instance-hours
            case ANALYTICS -> 0.4 * 1099511627776.0;     // bytes scanned
            case MODEL_TOKENS -> 20_000_000;
            case IOT -> 800_000;                         // messages
            case MESSAGING -> 3_000_000;                 // operations
            case SPEECH_TO_TEXT -> 10;                   // audio-hours (a dispatch centre's few calls)
            case TRANSLATION -> 2_000_000;               // characters
            case VIDEO_TRANSCODING -> 200;               // minutes
            default -> 0;
        };
    }

    /** Telephone audio at 16 kbit/s (a wideband codec such as Opus or AMR-WB): 7.2 MB per audio-hour. */
    static final double AUDIO_BYTES_PER_HOUR = 16_000 / 8.0 * 3600;

    static final List<String> MINISTRIES = List.of("Ministry of Defence", "Ministry of Finance", "Ministry of Health",
            "Ministry of Transport", "Ministry of the Interior", "National Weather Service", "National Research Council",
            "Tax Agency", "Emergency Management Agency", "Statistics Office", "Ministry of Foreign Affairs");

    /**
     * One account's plan: who it is and what it will show. Regions are indexes into the provider's regions
     * ({@link ExportStyle#OUTSIDE} is outside every declaration).
     *
     * @param audioHours   audio-hours a day transcribed by the role (0 if none)
     * @param heldGrowth   bytes a day the role's archive grows by (0 if none)
     * @param heldBase     bytes the role's archive holds on the first day
     * @param onset        first day (index) of the role's pattern
     * @param archiveRegions where the archive is: one region, or two sharing it
     * @param correctedDay day (index) whose largest storage is over-reported and corrected, or -1
     */
    record Account(int index, String sub, String billing, String engagement, String customer, Role role,
                   List<String> purposes, List<Integer> regions, ExportStyle export, double size, double growth,
                   double audioHours, double heldGrowth, double heldBase, int onset, List<Integer> archiveRegions,
                   boolean translates, int correctedDay) {}

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
        List<Map<String, Object>> profiles = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            long rows = 0;
            // Rows go to a plain CSV file first, which DuckDB then loads in one parallel read: appending value by
            // value through JDBC cost about 40 microseconds a row (71 native calls), most of the generator's time.
            Path staging = options.out().resolve(".generating.csv");
            try (java.io.Writer out = Files.newBufferedWriter(staging, java.nio.charset.StandardCharsets.UTF_8)) {
                for (Account acc : accounts) {
                    RowWriter w = new RowWriter(out, acc);
                    for (int d = 0; d < options.days(); d++) day(w, acc, first.plusDays(d), d);
                    rows += w.rows;
                    roleTruthAndDirectives(acc, directives, truth);
                    profiles.add(profile(acc, first));
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
                s.execute(createTable(staging));
            } finally {
                Files.deleteIfExists(staging);
            }
            List<Path> files = write(c, first);
            Path engagements = options.out().resolve("engagements.json");
            writeEngagements(engagements, accounts, directives);
            Path gt = options.out().resolve("ground-truth.json");
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("seed", options.seed());
            g.put("days", options.days());
            g.put("style", options.style().label());
            g.put("audioBytesPerHour", AUDIO_BYTES_PER_HOUR);
            g.put("accounts", accounts.stream().map(Account::sub).toList());
            g.put("expected", truth);
            g.put("profiles", profiles);
            mapper().writeValue(gt.toFile(), g);
            return new Result(files, engagements, gt, rows);
        }
    }

    private List<Account> plan() {
        // The first role is the reported case, so that a one-account file is the bulk account at its reported scale.
        List<Role> roles = new ArrayList<>(List.of(Role.BULK_COMMS, Role.REGION, Role.UNDECLARED_SERVICE, Role.GROWTH,
                Role.ENFORCEMENT, Role.LEGIT_COMMS, Role.DIRECTIVE_OBEYED, Role.BULK_LATE, Role.BULK_COMMS,
                Role.EMERGENCY_CENTRE, Role.BROADCAST_CAPTIONING, Role.BULK_COMMS, Role.RESEARCH_ARCHIVE,
                Role.STORAGE_ARCHIVE, Role.MEDIA_TRANSCODING, Role.BULK_COMMS));
        if (options.days() < 21) roles.remove(Role.GROWTH);
        if (options.days() < 14) {
            roles.remove(Role.ENFORCEMENT);
            roles.remove(Role.DIRECTIVE_OBEYED);
        }
        // A pattern that starts 7 to 9 days before the last day needs weeks of ordinary use before it.
        if (options.days() < 21) roles.remove(Role.BULK_LATE);
        List<String> benignPurposes = new ArrayList<>(BY_PURPOSE.keySet());
        benignPurposes.remove("communications-processing");
        // Roles go to random positions so that no rule can lean on account order.
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < options.accounts(); i++) positions.add(i);
        java.util.Collections.shuffle(positions, random);
        Role[] roleAt = new Role[options.accounts()];
        int[] bulkRank = new int[options.accounts()];
        java.util.Arrays.fill(roleAt, Role.BENIGN);
        int bulkSeen = 0;
        for (int k = 0; k < Math.min(roles.size(), options.accounts()); k++) {
            roleAt[positions.get(k)] = roles.get(k);
            if (roles.get(k) == Role.BULK_COMMS) bulkRank[positions.get(k)] = bulkSeen++;
        }
        // Bulk scales (audio-hours a day): the reported case, then a thirtieth... down to about 100,000 calls a day.
        double[] bulkScale = {780_000, 3_200, 15_000, 90_000};
        String[] bulkPurpose = {"cyber-defence", "logistics", "emergency-services", "tax-administration"};

        List<Account> out = new ArrayList<>();
        for (int i = 0; i < options.accounts(); i++) {
            Role role = roleAt[i];
            ExportStyle export = options.style().export(i);
            List<String> purposes;
            int home = random.nextInt(ExportStyle.REGIONS);
            int second = (home + 1 + random.nextInt(ExportStyle.REGIONS - 1)) % ExportStyle.REGIONS;
            List<Integer> regions = List.of(home);
            double audio = 0, heldGrowth = 0, heldBase = 0;
            int onset = 0;
            List<Integer> archive = List.of(home);
            boolean translates = false;
            switch (role) {
                case BULK_COMMS -> {
                    int r = bulkRank[i];
                    purposes = List.of(bulkPurpose[r % bulkPurpose.length]);
                    audio = bulkScale[r % bulkScale.length] * (0.95 + 0.1 * random.nextDouble());
                    heldGrowth = audio * AUDIO_BYTES_PER_HOUR;
                    heldBase = heldGrowth * (90 + random.nextInt(270));
                    if (r == 0) heldBase = 2e15;      // the reported case: about 2 PB already archived
                    // Translation too, except where the declared purpose implies speech-to-text but not translation.
                    translates = r % 2 == 0 && !purposes.contains("emergency-services");
                    // In any region: the archive beside the transcription, in another declared region, or split over two.
                    // The reported case stays where it was reported: the provider's first European region (westeurope).
                    if (r == 0) {
                        home = 0;
                        second = 1;
                    }
                    regions = List.of(home, second);
                    archive = switch (r % 3) {
                        case 0 -> List.of(home);
                        case 1 -> List.of(second);
                        default -> List.of(home, second);
                    };
                }
                case BULK_LATE -> {
                    purposes = List.of("office-productivity");
                    audio = Math.exp(Math.log(3_500) + random.nextDouble() * Math.log(50_000 / 3_500.0));
                    heldGrowth = audio * AUDIO_BYTES_PER_HOUR;
                    onset = options.days() - 7 - random.nextInt(3);       // 7, 8 or 9 days of pattern
                }
                case REGION -> purposes = List.of("health-records");
                case UNDECLARED_SERVICE -> purposes = List.of("logistics");
                case ENFORCEMENT -> purposes = List.of("emergency-services");
                case LEGIT_COMMS -> {
                    purposes = List.of("communications-processing");
                    audio = 120_000 * (0.9 + 0.2 * random.nextDouble());
                    heldGrowth = audio * AUDIO_BYTES_PER_HOUR;
                    heldBase = heldGrowth * 200;
                    translates = true;
                }
                case DIRECTIVE_OBEYED -> {
                    purposes = List.of("research");
                    regions = List.of(home, second);
                }
                case EMERGENCY_CENTRE -> {
                    purposes = List.of("emergency-services");
                    audio = 300 + random.nextInt(400);
                    heldGrowth = audio * AUDIO_BYTES_PER_HOUR;
                    heldBase = heldGrowth * 365 * 3;
                }
                case BROADCAST_CAPTIONING -> {
                    // Live captioning of a broadcaster's channels, with the broadcast video archived (about 1.2 TB a day).
                    purposes = List.of("public-website");
                    audio = 200 + random.nextInt(300);
                    heldGrowth = (1.0 + 0.6 * random.nextDouble()) * 1e12;
                    heldBase = heldGrowth * 500;
                }
                case RESEARCH_ARCHIVE -> {
                    purposes = List.of("research");
                    audio = 100 + random.nextInt(300);
                    heldGrowth = (0.3 + 0.9 * random.nextDouble()) * 1e12;
                    heldBase = heldGrowth * 400;
                }
                case STORAGE_ARCHIVE -> {
                    purposes = List.of("weather-and-climate");
                    heldGrowth = (20 + 60 * random.nextDouble()) * 1e12;
                    heldBase = 5e15;
                }
                case MEDIA_TRANSCODING -> purposes = List.of("public-website");
                default -> {
                    String p = benignPurposes.get(random.nextInt(benignPurposes.size()));
                    String p2 = random.nextDouble() < 0.25 ? benignPurposes.get(random.nextInt(benignPurposes.size())) : p;
                    purposes = p.equals(p2) ? List.of(p) : List.of(p, p2);
                    regions = random.nextBoolean() ? List.of(home) : List.of(home, second);
                }
            }
            if (role == Role.MEDIA_TRANSCODING) {
                heldGrowth = (2 + 4 * random.nextDouble()) * 1e12;
                heldBase = heldGrowth * 300;
            }
            String sub = String.format(Locale.ROOT, "sub-%04d", i + 1);
            String billing = String.format(Locale.ROOT, "ba-%02d", i / 5 + 1);
            double size = Math.exp(random.nextGaussian() * 0.6);
            double growth = 0.0005 + random.nextDouble() * 0.003;
            int corrected = i % 5 == 2 && options.days() >= 14 ? options.days() - 12 : -1;
            out.add(new Account(i, sub, billing, String.format(Locale.ROOT, "eng-%04d", i + 1),
                    MINISTRIES.get(random.nextInt(MINISTRIES.size())), role, purposes, regions, export, size, growth,
                    audio, heldGrowth, heldBase, onset, archive, translates, corrected));
        }
        return out;
    }

    private void roleTruthAndDirectives(Account acc, List<Map<String, Object>> directives, List<Map<String, Object>> truth) {
        switch (acc.role()) {
            case BULK_COMMS, BULK_LATE -> {
                truth.add(expect("bulk-communications-processing", acc));
                // Speech-to-text (and AI services) that no declared purpose implies; emergency services imply both.
                if (!acc.purposes().contains("emergency-services")) truth.add(expect("service-outside-declared-purposes", acc));
                // Transcription at this scale, begun in the last 9 days, is a step in cost against the weeks before.
                if (acc.role() == Role.BULK_LATE) truth.add(expect("sudden-growth", acc));
            }
            case REGION -> truth.add(expect("region-outside-declared-regions", acc));
            case UNDECLARED_SERVICE -> truth.add(expect("service-outside-declared-purposes", acc));
            case GROWTH -> truth.add(expect("sudden-growth", acc));
            case ENFORCEMENT -> {
                truth.add(expect("enforcement-not-effective", acc));
                directives.add(directive("dir-" + acc.sub(), acc, serviceName(acc.export(), Use.SPEECH_TO_TEXT),
                        enforcementDay().atTime(12, 0)));
            }
            case DIRECTIVE_OBEYED -> directives.add(directive("dir-" + acc.sub(), acc, serviceName(acc.export(), Use.MODEL_TOKENS),
                    enforcementDay().atStartOfDay()));
            // Captioning and research use speech-to-text, which neither a public website nor research implies.
            case BROADCAST_CAPTIONING, RESEARCH_ARCHIVE -> truth.add(expect("service-outside-declared-purposes", acc));
            default -> {}
        }
    }

    /** What the account is, by construction, for readers of ground-truth.json. */
    private Map<String, Object> profile(Account acc, LocalDate first) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account", acc.sub());
        m.put("provider", acc.export().providerName());
        m.put("role", roleName(acc.role()));
        m.put("purposes", acc.purposes());
        m.put("regions", acc.regions().stream().map(r -> acc.export().declaredRegion(r)).toList());
        if (acc.audioHours() > 0) m.put("audioHoursPerDay", Math.round(acc.audioHours()));
        if (acc.heldGrowth() > 0) m.put("archiveGrowthBytesPerDay", Math.round(acc.heldGrowth()));
        if (acc.heldGrowth() > 0) m.put("archiveRegions", acc.archiveRegions().stream().map(r -> acc.export().declaredRegion(r)).toList());
        if (acc.role() == Role.BULK_LATE) m.put("patternStarts", first.plusDays(acc.onset()).toString());
        if (acc.correctedDay() >= 0) m.put("correctedDay", first.plusDays(acc.correctedDay()).toString());
        return m;
    }

    private LocalDate enforcementDay() {
        return options.end().minusDays(9);
    }

    private static String roleName(Role r) {
        return r.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Map<String, Object> expect(String rule, Account acc) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", rule);
        m.put("account", acc.sub());
        m.put("role", roleName(acc.role()));
        m.put("provider", acc.export().providerName());
        return m;
    }

    /** The ServiceName a provider writes for a use (what a directive names). */
    static String serviceName(ExportStyle export, Use use) {
        String[] name = new String[1];
        export.write(use, 0, 0, LocalDate.of(2026, 1, 1), 1, (m, s, e, cq, pq) -> name[0] = m.service());
        return name[0];
    }

    private static Map<String, Object> directive(String id, Account acc, String service, java.time.LocalDateTime at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("account", acc.sub());
        m.put("services", List.of(service));
        m.put("effective", at.toInstant(ZoneOffset.UTC).toString());
        return m;
    }

    /** Writes one account's day. */
    private void day(RowWriter w, Account acc, LocalDate date, int d) throws SQLException {
        boolean weekend = date.getDayOfWeek().getValue() >= 6;
        double trend = Math.pow(1 + acc.growth(), d);
        int home = acc.regions().getFirst();
        w.chargeClass = null;
        w.billedOn = date;
        // Every workload: a few VMs, object storage, egress, secrets, monitoring.
        double vmHours = 24 * Math.max(1, Math.round(4 * acc.size())) * trend;
        w.use(Use.COMPUTE, home, vmHours * cycle(weekend, true), date);
        double stored = 800e9 * acc.size() * (1 + 0.004 * d) * trend;
        boolean correctHome = d == acc.correctedDay() && acc.heldGrowth() == 0;
        w.use(Use.OBJECT_STORAGE, home, stored * (correctHome ? 1.25 : 1), date);
        w.use(Use.EGRESS, home, 40e9 * acc.size() * trend * cycle(weekend, true), date);
        w.use(Use.SECRETS, home, 300_000 * acc.size() * cycle(weekend, true), date);
        w.use(Use.MONITORING, home, 5e9 * acc.size() * cycle(weekend, true), date);
        if (acc.regions().size() > 1) w.use(Use.OBJECT_STORAGE, acc.regions().get(1), stored * 0.3, date);
        boolean bulk = acc.role() == Role.BULK_COMMS || acc.role() == Role.LEGIT_COMMS
                || (acc.role() == Role.BULK_LATE && d >= acc.onset());
        for (String p : acc.purposes()) {
            for (Use u : BY_PURPOSE.get(p)) {
                if (bulk && (u == Use.SPEECH_TO_TEXT || u == Use.TRANSLATION)) continue;
                if (acc.role() == Role.DIRECTIVE_OBEYED && u == Use.MODEL_TOKENS && !date.isBefore(enforcementDay())) continue;
                w.use(u, home, base(u) * acc.size() * trend * cycle(weekend, true), date);
            }
        }
        // The role's archive and transcription.
        if (acc.heldGrowth() > 0 && d >= acc.onset()) {
            double held = acc.heldBase() + acc.heldGrowth() * (d - acc.onset() + 1);
            double share = 1.0 / acc.archiveRegions().size();
            for (int r : acc.archiveRegions()) {
                w.use(Use.ARCHIVE_STORAGE, r, held * share * (d == acc.correctedDay() ? 1.25 : 1), date);
            }
        }
        if (acc.audioHours() > 0 && d >= acc.onset()) {
            w.use(Use.SPEECH_TO_TEXT, home, acc.audioHours() * noise(0.04), date);
            // A third of the transcripts translated, at about 9,000 characters an audio-hour.
            if (acc.translates()) w.use(Use.TRANSLATION, home, acc.audioHours() * 3_000 * noise(0.05), date);
        }
        switch (acc.role()) {
            case LEGIT_COMMS -> w.use(Use.VIDEO_TRANSCODING, home, 20_000 * noise(0.05), date);
            case BROADCAST_CAPTIONING -> w.use(Use.VIDEO_TRANSCODING, home, 3_000 * noise(0.05), date);
            case MEDIA_TRANSCODING -> w.use(Use.VIDEO_TRANSCODING, home, 60_000 * noise(0.1) * cycle(weekend, true), date);
            case REGION -> w.use(Use.COMPUTE, ExportStyle.OUTSIDE, 48 * cycle(weekend, true), date);
            // A new fleet in the last week: about 1,000 VMs per unit of account size, many times the usual spend.
            case GROWTH -> {
                if (d >= options.days() - 7) w.use(Use.COMPUTE, home, 24 * 1000 * acc.size() * cycle(weekend, true), date);
            }
            case UNDECLARED_SERVICE -> w.use(Use.VIDEO_TRANSCODING, home, 6_000 * noise(0.1) * cycle(weekend, true), date);
            case ENFORCEMENT -> w.use(Use.SPEECH_TO_TEXT, home, 40 * noise(0.1), date);
            // Benign accounts near, but not over, the rules' thresholds: what a rule must not flag.
            case BENIGN -> {
                switch (acc.index() % 4) {
                    // A busy last week: compute doubles (the growth rule wants 3x the highest earlier week).
                    case 1 -> {
                        if (d >= options.days() - 7) w.use(Use.COMPUTE, home, vmHours * cycle(weekend, true), date);
                    }
                    // Archive growing 0.4 TB a day with no transcription.
                    case 2 -> w.use(Use.ARCHIVE_STORAGE, home, 0.4e12 * (d + 1), date);
                    // A trickle of video transcoding (under 1.00 over 30 days: below the undeclared-service threshold).
                    case 3 -> w.use(Use.VIDEO_TRANSCODING, home, 1, date);
                    default -> {}
                }
            }
            default -> {}
        }
        // The over-reported day is corrected by negative rows, billed three days later (the next month's file when
        // that is later).
        if (d == acc.correctedDay()) {
            w.chargeClass = "Correction";
            w.billedOn = date.plusDays(3);
            if (acc.heldGrowth() > 0) {
                double held = acc.heldBase() + acc.heldGrowth() * (d - acc.onset() + 1);
                for (int r : acc.archiveRegions()) w.use(Use.ARCHIVE_STORAGE, r, -0.25 * held / acc.archiveRegions().size(), date);
            } else {
                w.use(Use.OBJECT_STORAGE, home, -0.25 * stored, date);
            }
        }
    }

    private double cycle(boolean weekend, boolean weekly) {
        return (weekly && weekend ? 0.6 : 1.0) * noise(0.08);
    }

    private double noise(double sd) {
        return Math.max(0.5, 1 + random.nextGaussian() * sd);
    }

    /** Appends the rows an account's provider writes; fills the columns every provider shares. */
    private final class RowWriter implements ExportStyle.Rows {
        private final java.io.Writer out;
        private final StringBuilder line = new StringBuilder(1024);
        private final Account acc;
        private final ExportStyle export;
        private final Object[] v = new Object[COLUMNS.size()];
        private int region;
        String chargeClass;
        LocalDate billedOn;
        long rows;

        RowWriter(java.io.Writer out, Account acc) {
            this.out = out;
            this.acc = acc;
            this.export = acc.export();
        }

        void use(Use use, int region, double amount, LocalDate date) {
            this.region = region;
            export.write(use, region, acc.index(), date, amount, this);
        }

        @Override
        public void add(ExportStyle.Meter m, LocalDateTime start, LocalDateTime end, double consumed, double pricing) {
            java.util.Arrays.fill(v, null);
            LocalDate period = billedOn.withDayOfMonth(1);
            // Doubles here, DECIMAL(38,10) in the files: the COPY casts (a BigDecimal per value made this the slow part).
            Double qty = consumed;
            Double pq = pricing;
            Double price = m.listUnitPrice();
            Double cost = pricing * m.listUnitPrice();
            String provider = export.providerName();
            set("ProviderName", provider);
            set("PublisherName", export.publisherName());
            set("ServiceProviderName", provider);
            set("HostProviderName", provider);
            set("InvoiceIssuerName", export.invoiceIssuerName());
            set("InvoiceId", "INV-" + period.toString().substring(0, 7) + "-" + acc.billing());
            set("BillingAccountId", acc.billing());
            set("BillingAccountName", "Government billing " + acc.billing());
            set("BillingAccountType", "Billing Account");
            set("SubAccountId", acc.sub());
            set("SubAccountName", acc.customer() + " (" + acc.sub() + ")");
            set("SubAccountType", "Sub Account");
            set("BillingPeriodStart", ts(period.atStartOfDay()));
            set("BillingPeriodEnd", ts(period.plusMonths(1).atStartOfDay()));
            set("ChargePeriodStart", ts(start));
            set("ChargePeriodEnd", ts(end));
            set("ChargeCategory", "Usage");
            set("ChargeClass", chargeClass);
            set("ChargeDescription", m.description());
            set("ChargeFrequency", "Usage-Based");
            set("BilledCost", cost);
            set("EffectiveCost", cost);
            set("ListCost", cost);
            set("ContractedCost", cost);
            set("ListUnitPrice", price);
            set("ContractedUnitPrice", price);
            set("PricingCategory", "Standard");
            set("PricingQuantity", pq);
            set("PricingUnit", m.pricingUnit());
            set("PricingCurrency", "EUR");
            set("PricingCurrencyContractedUnitPrice", price);
            set("PricingCurrencyEffectiveCost", cost);
            set("PricingCurrencyListUnitPrice", price);
            set("BillingCurrency", "EUR");
            set("ConsumedQuantity", qty);
            set("ConsumedUnit", m.consumedUnit());
            set("ServiceName", m.service());
            set("ServiceCategory", m.category());
            set("ServiceSubcategory", m.subcategory());
            set("SkuId", m.skuId());
            set("SkuMeter", m.skuMeter());
            set("SkuPriceId", m.skuId() + "-" + m.pricingUnit().replace(' ', '_'));
            String resourceName = m.resourceType().toLowerCase(Locale.ROOT).replace(' ', '-') + "-" + acc.sub() + "-"
                    + export.declaredRegion(region);
            set("ResourceId", provider.toLowerCase(Locale.ROOT).replace(' ', '-') + "/" + acc.sub() + "/" + resourceName);
            set("ResourceName", resourceName);
            set("ResourceType", m.resourceType());
            set("RegionId", export.regionId(region));
            set("RegionName", export.regionName(region));
            set("Tags", "{\"environment\":\"prod\",\"engagement\":\"" + acc.engagement() + "\"}");
            List<String> xs = export.xColumns();
            for (int i = 0; i < xs.size(); i++) set(xs.get(i), m.x().get(i));
            line.setLength(0);
            for (int i = 0; i < v.length; i++) {
                if (i > 0) line.append(',');
                Object x = v[i];
                if (x == null) continue;                       // an empty field: NULL
                if (x instanceof Double d) {
                    line.append(d.doubleValue());
                } else {
                    String t = x.toString();
                    line.append('"');
                    for (int k = 0; k < t.length(); k++) {
                        char ch = t.charAt(k);
                        if (ch == '"') line.append('"');
                        line.append(ch);
                    }
                    line.append('"');
                }
            }
            line.append('\n');
            try {
                out.write(line.toString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            rows++;
        }

        private void set(String column, Object value) {
            v[COLUMN_INDEX.get(column)] = value;
        }
    }

    private final Map<LocalDateTime, String> timestamps = new java.util.HashMap<>();

    /** RFC 3339 UTC text of a whole hour (kept: every account writes the same hours). */
    private String ts(LocalDateTime t) {
        return timestamps.computeIfAbsent(t, k -> k.toLocalDate() + "T" + (k.getHour() < 10 ? "0" : "") + k.getHour() + ":00:00Z");
    }

    private static final List<String> DECIMAL_COLUMNS = List.of("BilledCost", "EffectiveCost", "ListCost",
            "ContractedCost", "ListUnitPrice", "ContractedUnitPrice", "PricingQuantity",
            "PricingCurrencyContractedUnitPrice", "PricingCurrencyEffectiveCost", "PricingCurrencyListUnitPrice",
            "ConsumedQuantity", "CommitmentDiscountQuantity");

    /** The generation table's columns: FOCUS 1.3's 65, then every provider's x_ columns. */
    static final List<String> COLUMNS;
    private static final Map<String, Integer> COLUMN_INDEX = new java.util.HashMap<>();
    static {
        List<String> cols = new ArrayList<>(FocusSchema.V1_3_ORDER);
        for (ExportStyle e : ExportStyle.ALL) for (String x : e.xColumns()) if (!cols.contains(x)) cols.add(x);
        COLUMNS = List.copyOf(cols);
        for (int i = 0; i < COLUMNS.size(); i++) COLUMN_INDEX.put(COLUMNS.get(i), i);
    }

    /** The generation table, loaded from the staging CSV the rows were written to. */
    static String createTable(Path staging) {
        StringBuilder b = new StringBuilder("CREATE TABLE gen AS SELECT * FROM read_csv(" + FocusIngester.literal(staging.toString())
                + ", header = false, delim = ',', quote = '\"', escape = '\"', auto_detect = false, columns = {");
        for (int i = 0; i < COLUMNS.size(); i++) {
            String col = COLUMNS.get(i);
            if (i > 0) b.append(", ");
            b.append('\'').append(col).append("': '").append(DECIMAL_COLUMNS.contains(col) ? "DOUBLE" : "VARCHAR").append('\'');
        }
        return b.append("})").toString();
    }

    /** The SELECT that turns the generation table into a provider's export columns for the chosen format. */
    static String select(String format, String table, ExportStyle export) {
        List<String> cols = new ArrayList<>();
        List<String> all = new ArrayList<>(FocusSchema.V1_3_ORDER);
        all.addAll(export.xColumns());
        for (String col : all) {
            boolean ts = col.endsWith("PeriodStart") || col.endsWith("PeriodEnd");
            String q = "\"" + col + "\"";
            if (ts && format.equals("parquet")) q = "CAST(" + q + " AS TIMESTAMPTZ) AS " + q;
            else if (DECIMAL_COLUMNS.contains(col)) q = "CAST(" + q + " AS DECIMAL(38,10)) AS " + q;
            cols.add(q);
        }
        return "SELECT " + String.join(", ", cols) + " FROM " + table;
    }

    private List<Path> write(Connection c, LocalDate first) throws SQLException {
        List<Path> files = new ArrayList<>();
        String ext = options.format().equals("csv") ? ".csv" : ".parquet";
        String fmt = options.format().equals("csv") ? "(HEADER, DELIMITER ',')" : "(FORMAT parquet)";
        List<ExportStyle> exports = options.style() == Style.MIXED ? ExportStyle.ALL : List.of(options.style().export(0));
        // One file per provider and billing month, as providers export.
        for (ExportStyle export : exports) {
            String provider = export.providerName();
            for (LocalDate m = first.withDayOfMonth(1); !m.isAfter(options.end()); m = m.plusMonths(1)) {
                String where = " WHERE \"BillingPeriodStart\" = '" + ts(m.atStartOfDay()) + "' AND \"ProviderName\" = "
                        + FocusIngester.literal(provider);
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM gen" + where)) {
                    r.next();
                    if (r.getLong(1) == 0 && options.style() == Style.MIXED) continue;
                }
                String name = options.style() == Style.MIXED
                        ? "focus-usage-" + provider.toLowerCase(Locale.ROOT).replace(' ', '-') + "-" + m.toString().substring(0, 7)
                        : "focus-usage-" + m.toString().substring(0, 7);
                Path f = options.out().resolve(name + ext);
                try (Statement s = c.createStatement()) {
                    s.execute("COPY (" + select(options.format(), "gen", export) + where
                            + " ORDER BY \"ChargePeriodStart\", \"SubAccountId\", \"ServiceName\") TO "
                            + FocusIngester.literal(f.toString()) + " " + fmt);
                }
                files.add(f);
            }
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
            e.put("regions", acc.regions().stream().map(r -> acc.export().declaredRegion(r)).toList());
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
