package org.plumbline.server.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plumbline.core.Core;
import org.plumbline.core.domain.AssessmentInput;
import org.plumbline.core.domain.Attestation;
import org.plumbline.core.domain.BodyKind;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.domain.CaseOrigin;
import org.plumbline.core.domain.CaseState;
import org.plumbline.core.domain.Customer;
import org.plumbline.core.domain.Declaration;
import org.plumbline.core.domain.DecisionInput;
import org.plumbline.core.domain.DecisionKind;
import org.plumbline.core.domain.Engagement;
import org.plumbline.core.domain.Finding;
import org.plumbline.core.domain.EscalationLevel;
import org.plumbline.core.domain.Leverage;
import org.plumbline.core.domain.NewCase;
import org.plumbline.core.domain.NewCustomer;
import org.plumbline.core.domain.ProhibitedUse;
import org.plumbline.core.domain.RaisedFinding;
import org.plumbline.core.domain.Relation;

/**
 * A realistic demonstration: twelve fictional government bodies of three fictional countries
 * (ISO 3166 user-assigned codes XA, XB, XC, so no real state is implied), each with an
 * engagement; one engagement — a signals unit declared for cyber defence whose metering shows bulk
 * audio storage and transcription — has the case its metering findings opened, reviewed with evidence,
 * an assessment, a suspension decision and its directive (its text quotes the findings' figures); two
 * more cases are open.
 *
 * <p>{@link #load} is idempotent: everything is looked up by its natural key (customer name,
 * engagement reference, an engagement's cases) and only what is missing is created, so a second run
 * on the same database keeps what the first wrote and duplicates nothing (and a run interrupted
 * half-way is completed by the next).
 */
public final class DemoScenario {
    /** The engagement under review. */
    public static final String REVIEWED_ENGAGEMENT = "ENG-XA-7400";

    /**
     * Who does what in the scenario (account identifiers, as records name actors).
     *
     * @param reviewerAccount the reviewer's account name, which a case is assigned to (assignment names accounts)
     * @param leadership the account deciding at leadership level
     */
    public record Actors(String accountManager, String reviewer, String reviewerAccount, String approver, String leadership,
            String investigator) {
        /** The usernames of the server's demo people. */
        public static Actors standard() {
            return new Actors("amara.okafor", "rasmus.lindqvist", "rasmus.lindqvist", "helena.vargas", "helena.vargas",
                    "jules.moreau");
        }
    }

    /**
     * Brings in the demo's metering, whose scan raises the signals unit's findings and opens the case the
     * scenario then works (the server uploads {@link DemoUsage}'s file). Called before that case is worked,
     * on every run that still has to work it; the upload itself is idempotent.
     */
    @FunctionalInterface
    public interface Metering {
        void load();
    }

    /** What a run created (zero everywhere on a second run). */
    public record Result(int customersCreated, int engagementsCreated, int casesCreated, int customersTotal,
            int engagementsTotal) {}

    private record Body(String name, BodyKind kind, String country, String parent) {}

    private record Plan(String reference, String body, List<String> accounts, List<String> services,
            List<String> regions, List<String> purposes, List<String> dataCategories, String contract, String manager) {}

    private static final List<Body> BODIES = List.of(
            new Body("Aldovia Ministry of Defence", BodyKind.MINISTRY, "XA", null),
            new Body("Aldovia Defence Cyber Command", BodyKind.AGENCY, "XA", "Aldovia Ministry of Defence"),
            new Body("Aldovia Signals Unit 7400", BodyKind.UNIT, "XA", "Aldovia Ministry of Defence"),
            new Body("Aldovia Ministry of Health", BodyKind.MINISTRY, "XA", null),
            new Body("Aldovia Tax and Customs Administration", BodyKind.AGENCY, "XA", null),
            new Body("Aldovia Meteorological Institute", BodyKind.AGENCY, "XA", null),
            new Body("Borvania Ministry of the Interior", BodyKind.MINISTRY, "XB", null),
            new Body("Borvania Emergency Management Agency", BodyKind.AGENCY, "XB", "Borvania Ministry of the Interior"),
            new Body("Borvania National Logistics Agency", BodyKind.AGENCY, "XB", null),
            new Body("Borvania Research Council", BodyKind.AGENCY, "XB", null),
            new Body("Corrland Ministry of Foreign Affairs", BodyKind.MINISTRY, "XC", null),
            new Body("Corrland Police Contact Centre", BodyKind.UNIT, "XC", null));

    private static final List<Plan> PLANS = List.of(
            new Plan("ENG-XA-0001", "Aldovia Ministry of Defence", List.of("xa-mod-hq-01", "xa-mod-hq-02"),
                    List.of("Microsoft 365", "Exchange Online", "Entra ID"), List.of("westeurope"),
                    List.of("office-productivity"), List.of("staff-personal-data", "classified"), "XA-MOD-2024-011",
                    "Dana Whitfield"),
            new Plan("ENG-XA-0120", "Aldovia Defence Cyber Command", List.of("xa-dcc-soc-01"),
                    List.of("Microsoft Sentinel", "Log Analytics", "Virtual Machines", "Blob Storage"),
                    List.of("westeurope", "northeurope"), List.of("cyber-defence"), List.of("operational-telemetry"),
                    "XA-DCC-2025-003", "Dana Whitfield"),
            new Plan(REVIEWED_ENGAGEMENT, "Aldovia Signals Unit 7400", List.of("xa-u7400-ops-01", "xa-u7400-ops-02"),
                    List.of("Blob Storage", "Speech to Text", "Translator", "Virtual Machines", "Microsoft Sentinel"),
                    List.of("westeurope", "northeurope"), List.of("cyber-defence"),
                    List.of("operational-telemetry", "staff-personal-data"), "XA-U7400-2023-027", "Dana Whitfield"),
            new Plan("ENG-XA-0300", "Aldovia Ministry of Health", List.of("xa-moh-ehr-01"),
                    List.of("Azure SQL Database", "Blob Storage", "Key Vault", "App Service"), List.of("westeurope"),
                    List.of("health-records"), List.of("health-data", "citizen-personal-data", "special-category-data"),
                    "XA-MOH-2022-140", "Priya Raman"),
            new Plan("ENG-XA-0410", "Aldovia Tax and Customs Administration", List.of("xa-tca-filing-01", "xa-tca-bi-01"),
                    List.of("Azure SQL Database", "Synapse Analytics", "App Service", "Document Intelligence"),
                    List.of("westeurope"), List.of("tax-administration"), List.of("financial-data", "citizen-personal-data"),
                    "XA-TCA-2024-002", "Priya Raman"),
            new Plan("ENG-XA-0520", "Aldovia Meteorological Institute", List.of("xa-met-hpc-01"),
                    List.of("Virtual Machines", "Azure Batch", "Blob Storage", "Data Lake Storage"),
                    List.of("westeurope", "swedencentral"), List.of("weather-and-climate", "research"),
                    List.of("scientific-data"), "XA-MET-2021-019", "Priya Raman"),
            new Plan("ENG-XB-0001", "Borvania Ministry of the Interior", List.of("xb-moi-web-01", "xb-moi-office-01"),
                    List.of("App Service", "Front Door", "Microsoft 365"), List.of("germanywestcentral"),
                    List.of("public-website", "office-productivity"), List.of("public", "staff-personal-data"),
                    "XB-MOI-2025-044", "Luca Bernardi"),
            new Plan("ENG-XB-0112", "Borvania Emergency Management Agency", List.of("xb-ema-dispatch-01"),
                    List.of("Azure Communication Services", "Speech to Text", "Azure Maps", "Cosmos DB"),
                    List.of("germanywestcentral"), List.of("emergency-services"),
                    List.of("citizen-personal-data", "location-data", "communications-content"), "XB-EMA-2024-007",
                    "Luca Bernardi"),
            new Plan("ENG-XB-0230", "Borvania National Logistics Agency", List.of("xb-nla-scm-01"),
                    List.of("Azure SQL Database", "IoT Hub", "Azure Functions", "Power BI Embedded"),
                    List.of("germanywestcentral"), List.of("logistics"), List.of("operational-telemetry"), "XB-NLA-2023-031",
                    "Luca Bernardi"),
            new Plan("ENG-XB-0340", "Borvania Research Council", List.of("xb-rc-lab-01", "xb-rc-lab-02"),
                    List.of("Azure Machine Learning", "Virtual Machines", "Blob Storage"), List.of("germanywestcentral"),
                    List.of("research"), List.of("scientific-data"), "XB-RC-2025-012", "Luca Bernardi"),
            new Plan("ENG-XC-0001", "Corrland Ministry of Foreign Affairs", List.of("xc-mfa-office-01"),
                    List.of("Microsoft 365", "Teams", "Entra ID"), List.of("francecentral"), List.of("office-productivity"),
                    List.of("staff-personal-data", "classified"), "XC-MFA-2024-005", "Sofia Almeida"),
            new Plan("ENG-XC-0150", "Corrland Police Contact Centre", List.of("xc-pcc-voice-01"),
                    List.of("Azure Communication Services", "Speech to Text", "Blob Storage"), List.of("francecentral"),
                    List.of("communications-processing"), List.of("communications-content", "citizen-personal-data"),
                    "XC-PCC-2025-001", "Sofia Almeida"));

    private final Core core;
    private final Actors actors;
    private final Metering metering;

    public DemoScenario(Core core, Actors actors, Metering metering) {
        this.core = core;
        this.actors = actors;
        this.metering = metering;
    }

    /** Creates whatever of the scenario is missing. */
    public Result load() {
        int customers = 0;
        int engagements = 0;
        int cases = 0;
        Map<String, Customer> byName = new LinkedHashMap<>();
        for (Body b : BODIES) {
            Customer existing = core.customers().byName(b.name()).orElse(null);
            if (existing == null) {
                Long parent = b.parent() == null ? null : byName.get(b.parent()).id();
                existing = core.customers().register(new NewCustomer(b.name(), b.kind(), b.country(), parent), "admin");
                customers++;
            }
            byName.put(b.name(), existing);
        }
        List<String> clauses = core.config().vocabulary().prohibitedUses().stream().map(ProhibitedUse::id).toList();
        for (Plan p : PLANS) {
            if (core.engagements().byReference(p.reference()).isPresent()) continue;
            core.engagements().declare(byName.get(p.body()).id(), p.reference(), new Declaration(p.accounts(),
                    "billing-" + p.reference().toLowerCase(java.util.Locale.ROOT), p.services(), p.regions(), p.contract(),
                    p.purposes(), p.dataCategories(), clauses, new Attestation(p.manager(),
                            "I reviewed the purposes, accounts and regions with the customer's responsible officer and "
                                    + "confirm the customer acknowledged each acceptable-use clause.")),
                    actors.accountManager());
            engagements++;
        }
        cases += reviewedCase();
        cases += openCases();
        return new Result(customers, engagements, cases, core.customers().list().size(), core.engagements().list().size());
    }

    /**
     * The signals unit: the demo's metering raises its findings (through the same scan as any upload), they
     * open a case, and the reviewer and the approvers work it: review → evidence → assessment → escalation
     * → suspension → directive. Every figure the case's text quotes is read from the findings, so the case
     * and the metering tell one story.
     */
    private int reviewedCase() {
        Engagement e = core.engagements().byReference(REVIEWED_ENGAGEMENT).orElseThrow();
        boolean worked = core.cases().forEngagement(e.id()).stream()
                .anyMatch(c -> c.state() != CaseState.OPEN || c.assignee() != null);
        if (worked) return 0;
        metering.load();
        CaseFile c = core.cases().forEngagement(e.id()).stream()
                .filter(x -> x.origin() == CaseOrigin.FINDING && x.state() == CaseState.OPEN).findFirst()
                .orElseThrow(() -> new IllegalStateException("the demo's metering raised no finding on " + REVIEWED_ENGAGEMENT));
        Finding bulk = core.findings().forCase(c.id()).stream().map(RaisedFinding::finding)
                .filter(f -> f.rule().equals(BULK_RULE)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the demo's metering raised no " + BULK_RULE + " finding"));
        Figures figures = Figures.of(bulk);
        c = core.cases().assign(c.id(), c.version(), actors.reviewerAccount(), actors.reviewer());
        c = core.cases().move(c.id(), c.version(), CaseState.IN_REVIEW, "Taking the case; requesting the account "
                + "team's explanation and the customer's statement.", actors.reviewer());
        core.cases().attachEvidence(c.id(), PRESS_SUMMARY.getBytes(StandardCharsets.UTF_8), "text/plain",
                "press-report-summary.txt", "Summary of the published press investigation into the unit's use of cloud "
                        + "storage for intercepted calls", actors.reviewer());
        core.cases().attachEvidence(c.id(), figures.csv().getBytes(StandardCharsets.UTF_8), "text/csv",
                "metering-summary.csv", "The figures of the metering finding for " + bulk.account() + " ("
                        + bulk.windowStart() + " to " + bulk.windowEnd() + "; aggregates, no customer content)",
                actors.reviewer());
        core.cases().comment(c.id(), "Metering for " + bulk.account() + " shows " + figures.sentence() + ". The account "
                + "team confirms they were told the workload was 'security log analysis'. The customer's statement did "
                + "not explain the audio volumes.", actors.reviewer());
        core.cases().assess(c.id(), c.version(), new AssessmentInput(5, 5, 5, 4, Leverage.HIGH, Relation.CONTRIBUTE,
                "Storing and transcribing intercepted civilian calls at this scale (" + figures.sentence() + ") would "
                        + "enable mass surveillance (scale 5), of a whole population (scope 5), with harms that cannot be "
                        + "undone once people are targeted (irremediable 5). Our services make the processing possible: we "
                        + "contribute. Our leverage is high: we can disable the services."), actors.reviewer());
        c = core.cases().get(c.id());
        c = core.cases().escalate(c.id(), c.version(), "Severity 5: needs a decision at approver level or above.",
                actors.reviewer());
        c = core.cases().escalate(c.id(), c.version(), "Severity 5: policy requires leadership.", actors.approver());
        core.cases().decide(c.id(), c.version(), new DecisionInput(DecisionKind.SUSPEND,
                List.of("xa-u7400-ops-01", "xa-u7400-ops-02"), List.of("Speech to Text", "Blob Storage"), null,
                "Observed usage (" + figures.sentence() + ") contradicts the declared purpose and breaches the "
                        + "no-mass-surveillance and no-unlawful-interception clauses the customer acknowledged. Suspend "
                        + "transcription and storage on both accounts; other services continue while the customer responds.",
                EscalationLevel.LEADERSHIP), actors.leadership());
        return 1;
    }

    /** The rule whose finding the case's text quotes. */
    static final String BULK_RULE = "bulk-communications-processing";

    /**
     * The bulk-communications finding's figures, as the case's evidence, comment, assessment and decision quote
     * them: one source, so that the case cannot say other numbers than the finding it was opened for.
     */
    record Figures(String region, double storageTb, double growthTbPerDay, double audioHoursPerDay,
            double translationMillionCharsPerDay, long days) {
        static Figures of(Finding f) {
            Map<String, Object> m = f.figures();
            return new Figures(String.valueOf(m.get("region")), number(m, "storage_tb"), number(m, "storage_growth_gb_per_day") / 1000,
                    number(m, "audio_hours_per_day"), number(m, "translation_mchars_per_day"), (long) number(m, "days"));
        }

        private static double number(Map<String, Object> m, String name) {
            if (!(m.get(name) instanceof Number n)) {
                throw new IllegalStateException("the bulk-communications finding has no figure " + name);
            }
            return n.doubleValue();
        }

        /** "about 778,048 audio-hours of speech-to-text a day and 2,266 TB of storage in westeurope, growing 41.2 TB a day". */
        String sentence() {
            return String.format(java.util.Locale.ROOT, "about %,.0f audio-hours of speech-to-text a day and %,.0f TB of storage "
                    + "in %s, growing %,.1f TB a day", audioHoursPerDay, storageTb, region, growthTbPerDay);
        }

        String csv() {
            return String.format(java.util.Locale.ROOT, """
                    figure,value,unit
                    region,%s,
                    days in the window,%d,days
                    storage held at the end,%.1f,TB
                    storage growth,%.2f,TB/day
                    speech transcribed,%.0f,audio-hours/day
                    text translated,%.1f,million characters/day
                    """, region, days, storageTb, growthTbPerDay, audioHoursPerDay, translationMillionCharsPerDay);
        }
    }

    /** Two more cases so the dashboard has work in progress. */
    private int openCases() {
        int created = 0;
        Engagement police = core.engagements().byReference("ENG-XC-0150").orElseThrow();
        if (core.cases().forEngagement(police.id()).isEmpty()) {
            CaseFile c = core.cases().open(new NewCase(police.id(), CaseOrigin.MANUAL, null,
                    "Independent review of the contact centre's transcription scope",
                    "Communications processing is always reviewed before approval: confirm the legal authority and that "
                            + "transcription volumes match the contact centre's own call volumes.", true, actors.investigator()),
                    actors.reviewer());
            core.cases().move(c.id(), c.version(), CaseState.IN_REVIEW, "Assigned to the outside counsel.",
                    actors.reviewer());
            created++;
        }
        Engagement emergency = core.engagements().byReference("ENG-XB-0112").orElseThrow();
        if (core.cases().forEngagement(emergency.id()).isEmpty()) {
            core.cases().open(new NewCase(emergency.id(), CaseOrigin.CONCERN, "concern/demo-1",
                    "Employee concern about recording retention",
                    "An engineer reports that call recordings may be kept beyond the statutory 90 days.", true, null),
                    actors.reviewer());
            created++;
        }
        return created;
    }

    /** Fictional press coverage, summarised by the reviewer. */
    private static final String PRESS_SUMMARY = """
            Summary (prepared by the reviewer) of a fictional press investigation, for the demo only.

            - Reporters allege that Aldovia's Signals Unit 7400 stores recordings of intercepted civilian phone
              calls in our westeurope region, "up to a million calls an hour".
            - Sources describe a system that transcribes and translates the calls and makes them searchable.
            - The unit's engagement (ENG-XA-7400) was declared for cyber defence.
            """;

    /** The scenario's customer names (for tests and the server's demo banner). */
    public static List<String> customerNames() {
        List<String> names = new ArrayList<>();
        BODIES.forEach(b -> names.add(b.name()));
        return names;
    }
}
