package org.plumbline.signals;

import java.time.LocalDate;
import java.util.List;

/**
 * Oracle Cloud Infrastructure's FOCUS reports (focus-units.md 3.5, 5.2; focus-meters.md; S4 rows):
 * <ul>
 *   <li>ProviderName, publisher and invoice issuer {@code Oracle}; hourly charge periods; RegionId empty and the
 *       region's identifier in RegionName ({@code eu-frankfurt-1});</li>
 *   <li>ServiceName an upper-case code ({@code COMPUTE}, {@code BLOCK_STORAGE}, {@code NETWORK}), SkuId a part
 *       number ({@code B97384}), ChargeDescription the SKU's name ("Standard - E5"); no {@code x_} columns;</li>
 *   <li>units with a space or "Per" where FOCUS has a hyphen: {@code OCPU Hours}, {@code GB Hours} (memory),
 *       {@code OCPU Per Hour} and {@code Gigabyte Per Hour} (A1 shapes: OCPU-hours and GB-hours, not rates),
 *       {@code GB Months} for storage, each hourly row holding GB / 744 (a fixed 744-hour month, inferred from
 *       S4), GB = 2^30 bytes (S15);</li>
 *   <li>egress ("Outbound Data Transfer Zone 1") carries {@code GB Months}, as the one S4 row does (its quantity
 *       was 0, so what it means is unverified; written here as GB transferred).</li>
 * </ul>
 * Unverified in the reference (no Oracle row or mapping found): the names and units of OCI Speech, Language,
 * Generative AI, IoT, Queue, Vault, Monitoring and Media Flow, written as OCI's price list names them.
 */
final class OracleExport extends ExportStyle {
    private static final String[] NAMES = {"eu-frankfurt-1", "eu-amsterdam-1", "eu-paris-1", "eu-stockholm-1", "eu-milan-1",
        "uk-london-1", "us-ashburn-1"};

    @Override String providerName() { return "Oracle"; }
    @Override String publisherName() { return "Oracle"; }
    @Override String invoiceIssuerName() { return "Oracle"; }
    @Override List<String> xColumns() { return List.of(); }
    @Override String regionId(int region) { return null; }
    @Override String regionName(int region) { return NAMES[region]; }

    private static Meter meter(String service, String category, String subcategory, String skuId, String description,
            String unit, double price, String resourceType) {
        return new Meter(service, category, subcategory, skuId, null, description, unit, unit, price, resourceType, List.of());
    }

    @Override
    void write(Use use, int region, int variant, LocalDate day, double amount, Rows out) {
        switch (use) {
            case COMPUTE -> {
                // 4 vCPUs = 2 OCPUs with 16 GB: an E5 shape (OCPU Hours, GB Hours) or, for odd variants, an Ampere A1
                // shape (OCPU Per Hour, Gigabyte Per Hour), as S4's rows show both.
                boolean a1 = variant % 2 == 1;
                Meter ocpu = a1 ? meter("COMPUTE", "Compute", "Virtual Machines", "B93113", "Standard - A1", "OCPU Per Hour", 0.01, "instance")
                        : meter("COMPUTE", "Compute", "Virtual Machines", "B97384", "Standard - E5", "OCPU Hours", 0.03, "instance");
                Meter memory = a1 ? meter("COMPUTE", "Compute", "Virtual Machines", "B93114", "Standard - A1 - Memory",
                        "Gigabyte Per Hour", 0.0015, "instance")
                        : meter("COMPUTE", "Compute", "Virtual Machines", "B97385", "Standard - E5 - Memory", "GB Hours", 0.002,
                                "instance");
                hourly(use, day, amount, (s, e, a) -> {
                    out.add(ocpu, s, e, a * 2, a * 2);
                    out.add(memory, s, e, a * 16, a * 16);
                });
            }
            case OBJECT_STORAGE, ARCHIVE_STORAGE -> {
                boolean archive = use == Use.ARCHIVE_STORAGE;
                Meter m = archive ? meter("OBJECT_STORAGE", "Storage", "Object Storage", "B91633", "Archive Storage", "GB Months",
                        0.0026, "bucket")
                        : meter("OBJECT_STORAGE", "Storage", "Object Storage", "B91628", "Object Storage - Storage", "GB Months",
                                0.0255, "bucket");
                hourly(use, day, amount, (s, e, bytes) -> out.add(m, s, e, bytes / GIB / 744, bytes / GIB / 744));
            }
            case EGRESS -> per(use, day, amount, out, meter("NETWORK", "Networking", "Network Connectivity", "B88327",
                    "Outbound Data Transfer Zone 1", "GB Months", 0.0085, "vnic"), 1 / GIB);
            case SPEECH_TO_TEXT -> per(use, day, amount, out, meter("SPEECH", "AI and Machine Learning",
                    "Natural Language Processing", "B94896", "OCI Speech - Transcription", "Transcription Hours", 0.016 * 60,
                    "speechtranscriptionjob"), 1);
            case TRANSLATION -> per(use, day, amount, out, meter("AI_LANGUAGE", "AI and Machine Learning",
                    "Natural Language Processing", "B94974", "OCI Language - Text Translation", "Characters", 0.00001,
                    "ailanguageproject"), 1);
            case MODEL_TOKENS -> per(use, day, amount, out, meter("GENERATIVE_AI", "AI and Machine Learning", "Generative AI",
                    "B108077", "OCI Generative AI - Meta Llama 3.3 70B - Tokens", "Tokens", 0.00000072, "generativeaiendpoint"), 1);
            case DATABASE -> per(use, day, amount, out, meter("DATABASE", "Databases", "Relational Databases", "B95702",
                    "Oracle Autonomous Transaction Processing - ECPU", "ECPU Per Hour", 0.336, "autonomousdatabase"), 2);
            case ANALYTICS -> per(use, day, amount, out, meter("DATA_FLOW", "Analytics", "Data Processing", "B94287",
                    "OCI Data Flow - Standard - E4 - OCPU", "OCPU Per Hour", 0.025, "dataflowrun"), 1 / (64 * GIB));
            case WEB -> per(use, day, amount, out, meter("API_GATEWAY", "Web", "Application Platforms", "B92072",
                    "API Gateway - 1,000,000 API Calls", "API Calls", 0.000003, "apigateway"), 3600);
            case IOT -> per(use, day, amount, out, meter("IOT", "Internet of Things", "IoT Platforms", "B99301",
                    "OCI IoT Platform - Messages", "Messages", 0.000001, "iotdomain"), 1);
            case MESSAGING -> per(use, day, amount, out, meter("QUEUE", "Integration", "Messaging", "B95696",
                    "Queue - Requests", "Requests", 0.0000004, "queue"), 1);
            case SECRETS -> per(use, day, amount, out, meter("VAULT", "Security", "Secret Management", "B90328",
                    "Key Management - Key Versions Operations", "Requests", 0.000003, "vault"), 1);
            case MONITORING -> per(use, day, amount, out, meter("MONITORING", "Management and Governance", "Observability",
                    "B90925", "Monitoring - Ingestion", "Datapoints", 0.0000000025, "metric"), 1 / 256.0);
            case VIDEO_TRANSCODING -> per(use, day, amount, out, meter("MEDIA_SERVICES", "Media", "Content Creation", "B95263",
                    "OCI Media Flow - Standard - H264 - Below 30fps - SD", "Minutes", 0.0045, "mediaworkflowjob"), 1);
        }
    }

    private static void per(Use use, LocalDate day, double amount, Rows out, Meter m, double perUnit) {
        hourly(use, day, amount, (s, e, a) -> out.add(m, s, e, a * perUnit, a * perUnit));
    }
}
