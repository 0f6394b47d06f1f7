package org.plumbline.signals;

import java.time.LocalDate;
import java.util.List;

/**
 * Google Cloud's FOCUS view of the billing export (focus-units.md 3.4, 4.3; focus-meters.md; S13 template):
 * <ul>
 *   <li>ProviderName, publisher and invoice issuer {@code Google Cloud}; hourly charge periods (the billing
 *       export's usage_start_time / usage_end_time);</li>
 *   <li>ServiceName = service.description ("Cloud Storage", "Compute Engine"), {@code x_ServiceId} = service.id,
 *       SkuId = sku.id, ChargeDescription = sku.description ("Standard Storage Belgium"); no SkuMeter;</li>
 *   <li>ConsumedUnit = usage.unit in base units, lower case: {@code byte-seconds} (storage and RAM held:
 *       bytes x the row's seconds), {@code seconds}, {@code bytes}, {@code requests}, {@code count};
 *       PricingUnit = price.unit ({@code gibibyte month}, {@code hour}, {@code gibibyte}, {@code tebibyte}) with
 *       PricingQuantity in it; a gibibyte month is the invoice month's seconds (S14);</li>
 *   <li>a VM is billed as core-seconds and RAM byte-seconds, both in category Compute (S11, S14).</li>
 * </ul>
 * Unverified in the reference: the SKU descriptions of Speech-to-Text, Translation and Vertex AI tokens and the
 * usage units of the last two ({@code count} written here), and every service id (invented, in Google's
 * format).
 */
final class GoogleExport extends ExportStyle {
    private static final String[] IDS = {"europe-west1", "europe-west4", "europe-west9", "europe-north1", "europe-west3",
        "europe-west2", "us-central1"};
    private static final String[] NAMES = {"Belgium", "Netherlands", "Paris", "Finland", "Frankfurt", "London", "Iowa"};

    @Override String providerName() { return "Google Cloud"; }
    @Override String publisherName() { return "Google Cloud"; }
    @Override String invoiceIssuerName() { return "Google Cloud"; }
    @Override List<String> xColumns() { return List.of("x_ServiceId"); }
    @Override String regionId(int region) { return IDS[region]; }
    @Override String regionName(int region) { return NAMES[region]; }

    private static Meter meter(String service, String serviceId, String category, String subcategory, String description,
            String usageUnit, String pricingUnit, double price, String resourceType) {
        String skuId = sku(description, 12).replaceAll("(.{4})(.{4})(.{4})", "$1-$2-$3");
        return new Meter(service, category, subcategory, skuId, null, description, usageUnit, pricingUnit, price, resourceType,
                List.of(serviceId));
    }

    @Override
    void write(Use use, int region, int variant, LocalDate day, double amount, Rows out) {
        String in = NAMES[region];
        double monthSeconds = day.lengthOfMonth() * 86400.0;
        switch (use) {
            case COMPUTE -> {
                // A 4-vCPU, 16 GiB N2 machine: core-seconds priced per hour, RAM byte-seconds per gibibyte hour.
                Meter core = meter("Compute Engine", "6F81-5844-456A", "Compute", "Virtual Machines",
                        "N2 Instance Core running in " + in, "seconds", "hour", 0.0356, "compute.googleapis.com/Instance");
                Meter ram = meter("Compute Engine", "6F81-5844-456A", "Compute", "Virtual Machines",
                        "N2 Instance Ram running in " + in, "byte-seconds", "gibibyte hour", 0.0048,
                        "compute.googleapis.com/Instance");
                hourly(use, day, amount, (s, e, a) -> {
                    out.add(core, s, e, a * 4 * 3600, a * 4);
                    out.add(ram, s, e, a * 16 * GIB * 3600, a * 16);
                });
            }
            case OBJECT_STORAGE, ARCHIVE_STORAGE -> {
                boolean archive = use == Use.ARCHIVE_STORAGE;
                Meter m = meter("Cloud Storage", "95FF-2EF5-5EA1", "Storage", "Object Storage",
                        (archive ? "Nearline Storage " : "Standard Storage ") + in, "byte-seconds", "gibibyte month",
                        archive ? 0.01 : 0.02, "storage.googleapis.com/Bucket");
                hourly(use, day, amount, (s, e, bytes) -> out.add(m, s, e, bytes * 3600, bytes * 3600 / GIB / monthSeconds));
            }
            case EGRESS -> bytes(use, day, amount, out, meter("Networking", "E505-1604-58F8", "Networking",
                    "Network Connectivity", "Network Internet Data Transfer Out from " + in + " to Europe", "bytes", "gibibyte",
                    0.085, "compute.googleapis.com/Instance"), GIB);
            case SPEECH_TO_TEXT -> per(use, day, amount, out, meter("Cloud Speech API", "9D01-5995-B545",
                    "AI and Machine Learning", "Natural Language Processing", "Speech-to-Text V2 Standard Recognition",
                    "seconds", "minute", 0.016, "speech.googleapis.com/Recognizer"), 3600, 60);
            case TRANSLATION -> per(use, day, amount, out, meter("Cloud Translation", "5F3A-5E8D-1C4A", "AI and Machine Learning",
                    "Natural Language Processing", "Cloud Translation Text Translation", "count", "count", 0.00002,
                    "translate.googleapis.com/Project"), 1, 1);
            case MODEL_TOKENS -> per(use, day, amount, out, meter("Vertex AI", "C7E2-9256-1C43", "AI and Machine Learning",
                    "Generative AI", "Gemini 2.0 Flash Input Text Tokens", "count", "count", 0.00000015,
                    "aiplatform.googleapis.com/Endpoint"), 1, 1);
            case DATABASE -> per(use, day, amount, out, meter("Cloud SQL", "9662-B51E-5089", "Databases", "Relational Databases",
                    "Cloud SQL for PostgreSQL: Zonal - vCPU in " + in, "seconds", "hour", 0.0413,
                    "sqladmin.googleapis.com/Instance"), 2 * 3600, 2);
            case ANALYTICS -> bytes(use, day, amount, out, meter("BigQuery", "24E6-581D-38E5", "Analytics", "Data Processing",
                    "Analysis (" + IDS[region] + ")", "bytes", "tebibyte", 6.25, "bigquery.googleapis.com/Dataset"),
                    1099511627776.0);
            case WEB -> per(use, day, amount, out, meter("App Engine", "F17B-412E-CB64", "Web", "Application Platforms",
                    "Flex Instance Core Hours " + in, "seconds", "hour", 0.0526, "appengine.googleapis.com/Application"), 3600, 1);
            case IOT -> per(use, day, amount, out, meter("Cloud IoT Core", "A1E8-BE35-7EBC", "Internet of Things", "IoT Platforms",
                    "IoT Core data volume", "bytes", "mebibyte", 0.0045, "cloudiot.googleapis.com/Registry"), 512, 512 / 1048576.0);
            // Pub/Sub bills the bytes delivered (1 KiB per message here).
            case MESSAGING -> per(use, day, amount, out, meter("Cloud Pub/Sub", "A5C3-34D0-2A7F", "Integration", "Messaging",
                    "Message Delivery Basic", "bytes", "tebibyte", 40.0, "pubsub.googleapis.com/Topic"), 1024,
                    1024 / 1099511627776.0);
            case SECRETS -> per(use, day, amount, out, meter("Secret Manager", "EE82-5DE8-F6C0", "Security", "Secret Management",
                    "Secret access operations", "count", "count", 0.000003, "secretmanager.googleapis.com/Secret"), 1, 1);
            case MONITORING -> bytes(use, day, amount, out, meter("Cloud Logging", "5490-F7B7-8DF6", "Management and Governance",
                    "Observability", "Log Volume", "bytes", "gibibyte", 0.5, "logging.googleapis.com/Bucket"), GIB);
            case VIDEO_TRANSCODING -> per(use, day, amount, out, meter("Transcoder API", "3A3E-7C6A-2B1F", "Media",
                    "Content Creation", "SD video output", "seconds", "minute", 0.015, "transcoder.googleapis.com/Job"), 60, 1);
        }
    }

    /** A flow in bytes, priced per {@code pricingBytes}. */
    private static void bytes(Use use, LocalDate day, double amount, Rows out, Meter m, double pricingBytes) {
        hourly(use, day, amount, (s, e, a) -> out.add(m, s, e, a, a / pricingBytes));
    }

    /** A flow: {@code usagePerUnit} usage units and {@code pricingPerUnit} pricing units per physical unit. */
    private static void per(Use use, LocalDate day, double amount, Rows out, Meter m, double usagePerUnit, double pricingPerUnit) {
        hourly(use, day, amount, (s, e, a) -> out.add(m, s, e, a * usagePerUnit, a * pricingPerUnit));
    }
}
