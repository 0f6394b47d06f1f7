package org.plumbline.signals;

import java.time.LocalDate;
import java.util.List;

/**
 * Microsoft Cost Management's FOCUS export (focus-units.md 3.3, 4.2, 5.2; focus-meters.md):
 * <ul>
 *   <li>ProviderName, publisher and invoice issuer {@code Microsoft} (S4); daily charge periods;</li>
 *   <li>{@code SkuMeter} and {@code x_SkuMeterName} the Azure MeterName, {@code x_SkuMeterCategory} and
 *       {@code x_SkuMeterSubcategory} its category and subcategory, {@code ChargeDescription} the ProductName
 *       ("Tiered Block Blob - Hot LRS - Data Stored - EU West"), ServiceName from the resource type
 *       ("Storage Accounts", "Azure AI Services"; S5 Services.csv, S6 mapping);</li>
 *   <li>{@code ConsumedUnit} = {@code PricingUnit} = the distinct unit ({@code Units}, {@code Hours},
 *       {@code GB/Month}) while the block stays in {@code x_PricingUnitDescription} ({@code 1M}, {@code 10K},
 *       {@code 1 GB/Month}) and {@code x_PricingBlockSize} (S5);</li>
 *   <li>both quantity conventions across meters (4.2, S7): some meters count blocks (ConsumedQuantity 0.0001
 *       of a 10K block is one operation; PricingQuantity = ConsumedQuantity), others single units (then
 *       PricingQuantity = ConsumedQuantity / block). The unit price is per block either way, so ListCost /
 *       (ConsumedQuantity x ListUnitPrice) is 1 or 1/block;</li>
 *   <li>storage "Data Stored" in {@code GB/Month}: a daily row holds the GB held that day / days in the month
 *       (S16); GB taken as 2^30 bytes (5.3, an assumption);</li>
 *   <li>egress under meter category "Bandwidth" with the consuming resource's ServiceName (S4, S10).</li>
 * </ul>
 */
final class AzureExport extends ExportStyle {
    private static final String[] IDS = {"westeurope", "northeurope", "francecentral", "germanywestcentral", "swedencentral",
        "uksouth", "eastus"};
    private static final String[] NAMES = {"West Europe", "North Europe", "France Central", "Germany West Central",
        "Sweden Central", "UK South", "East US"};
    /** How ProductNames name the region. */
    private static final String[] PRODUCT_REGION = {"EU West", "EU North", "FR Central", "DE West Central", "SE Central",
        "UK South", "US East"};

    @Override String providerName() { return "Microsoft"; }
    @Override String publisherName() { return "Microsoft"; }
    @Override String invoiceIssuerName() { return "Microsoft"; }

    @Override
    List<String> xColumns() {
        return List.of("x_SkuMeterName", "x_SkuMeterCategory", "x_SkuMeterSubcategory", "x_PricingUnitDescription",
                "x_PricingBlockSize");
    }

    @Override String regionId(int region) { return IDS[region]; }
    @Override String regionName(int region) { return NAMES[region]; }

    /** Whether a meter's ConsumedQuantity counts blocks or single units (4.2: exports have done both). */
    private enum Quantity { IN_BLOCKS, IN_UNITS }

    private record AzureMeter(Meter meter, double block, Quantity quantity) {}

    private static AzureMeter meter(String service, String category, String subcategory, String meterName, String meterCategory,
            String meterSubcategory, String product, String unitOfMeasure, String distinctUnit, double block, Quantity q,
            double pricePerBlock, String resourceType) {
        Meter m = new Meter(service, category, subcategory, sku(product + meterName, 9).replaceAll("[^0-9]", "7"), meterName,
                product, distinctUnit, distinctUnit, pricePerBlock, resourceType,
                List.of(meterName, meterCategory, meterSubcategory, unitOfMeasure, Long.toString((long) block)));
        return new AzureMeter(m, block, q);
    }

    @Override
    void write(Use use, int region, int variant, LocalDate day, double amount, Rows out) {
        String where = PRODUCT_REGION[region];
        AzureMeter m = switch (use) {
            case COMPUTE -> meter("Virtual Machines", "Compute", "Virtual Machines", "D4s v5", "Virtual Machines",
                    "Dsv5 Series", "Virtual Machines Dsv5 Series - D4s v5 - " + where, "1 Hour", "Hours", 1, Quantity.IN_BLOCKS,
                    0.192, "Virtual machine");
            // Storage held: GB held that day / days in the month (S16), in GB/Month.
            case OBJECT_STORAGE -> meter("Storage Accounts", "Storage", "Object Storage", "Hot LRS Data Stored", "Storage",
                    "Tiered Block Blob", "Tiered Block Blob - Hot LRS - Data Stored - " + where, "1 GB/Month", "GB/Month", 1,
                    Quantity.IN_BLOCKS, 0.0184, "Storage account");
            case ARCHIVE_STORAGE -> meter("Storage Accounts", "Storage", "Object Storage", "Cool LRS Data Stored", "Storage",
                    "Tiered Block Blob", "Tiered Block Blob - Cool LRS - Data Stored - " + where, "1 GB/Month", "GB/Month", 1,
                    Quantity.IN_BLOCKS, 0.01, "Storage account");
            case EGRESS -> meter("Virtual Machines", "Compute", "Virtual Machines", "Standard Data Transfer Out", "Bandwidth",
                    "Rtn Preference: MGN", "Rtn Preference: MGN - Standard Data Transfer Out", "1 GB", "GB", 1,
                    Quantity.IN_BLOCKS, 0.087, "Virtual machine");
            // focus-meters.md 1: batch transcription for the accounts of one variant, real-time for the others.
            case SPEECH_TO_TEXT -> variant % 2 == 0
                    ? meter("Azure AI Services", "AI and Machine Learning", "Natural Language Processing", "S1 Speech To Text",
                            "Cognitive Services", "Speech", "Azure Speech - S1 Speech To Text", "1 Hour", "Hours", 1,
                            Quantity.IN_BLOCKS, 1.0, "Cognitive Services account")
                    : meter("Azure AI Services", "AI and Machine Learning", "Natural Language Processing",
                            "S1 Speech to Text Batch", "Cognitive Services", "Speech", "Azure Speech - S1 Speech to Text Batch",
                            "1 Hour", "Hours", 1, Quantity.IN_BLOCKS, 0.18, "Cognitive Services account");
            // Translator's 1M block, quantity in blocks (focus-meters.md 2).
            case TRANSLATION -> meter("Azure AI Services", "AI and Machine Learning", "Natural Language Processing",
                    "S1 Characters", "Cognitive Services", "Translator Text", "Translator Text - S1 Characters", "1M", "Units",
                    1_000_000, Quantity.IN_BLOCKS, 10.0, "Cognitive Services account");
            // OpenAI's 1K block, quantity in tokens (the Microsoft blog's cost per token = cost / quantity).
            case MODEL_TOKENS -> meter("Azure AI Services", "AI and Machine Learning", "Generative AI",
                    "gpt 4o 0513 Input global Tokens", "Azure OpenAI", "gpt 4o 0513 Input global Tokens",
                    "Azure OpenAI - gpt 4o 0513 Input global Tokens", "1K", "Units", 1000, Quantity.IN_UNITS, 0.0025,
                    "Cognitive Services account");
            case DATABASE -> meter("SQL Database", "Databases", "Relational Databases", "vCore", "SQL Database",
                    "General Purpose - Compute Gen5", "SQL Database Single/Elastic Pool General Purpose - Compute Gen5 - " + where,
                    "1 Hour", "Hours", 1, Quantity.IN_BLOCKS, 0.5, "SQL database");
            case ANALYTICS -> meter("Azure Synapse Analytics", "Analytics", "Data Processing", "Serverless SQL Data Processed",
                    "Azure Synapse Analytics", "Serverless SQL Pool", "Azure Synapse Analytics Serverless SQL Pool - " + where,
                    "1 TB", "TB", 1, Quantity.IN_BLOCKS, 5.0, "Synapse workspace");
            case WEB -> meter("App Service", "Web", "Application Platforms", "P1 v3 App", "Azure App Service",
                    "Premium v3 Plan", "Azure App Service Premium v3 Plan - " + where, "1 Hour", "Hours", 1, Quantity.IN_BLOCKS,
                    0.2, "App Service plan");
            // A unit-day (4.2: "1/Day" quantities are units x days, not a rate).
            case IOT -> meter("IoT Hub", "Internet of Things", "IoT Platforms", "S1 Unit", "IoT Hub", "Standard",
                    "IoT Hub - S1 Unit", "1/Day", "Units/Day", 1, Quantity.IN_BLOCKS, 0.83, "IoT hub");
            case MESSAGING -> meter("Event Grid", "Integration", "Messaging", "Standard Operations", "Event Grid", "Basic",
                    "Event Grid - Standard Operations", "1M", "Units", 1_000_000, Quantity.IN_BLOCKS, 0.6, "Event Grid topic");
            // Key Vault's 10K block, quantity in single operations.
            case SECRETS -> meter("Key Vault", "Security", "Secret Management", "Operations", "Key Vault", "Standard",
                    "Key Vault - Standard - Operations", "10K", "Units", 10_000, Quantity.IN_UNITS, 0.03, "Key vault");
            case MONITORING -> meter("Log Analytics", "Management and Governance", "Observability",
                    "Analytics Logs Data Ingestion", "Log Analytics", "Analytics Logs", "Log Analytics - Analytics Logs Data Ingestion",
                    "1 GB", "GB", 1, Quantity.IN_BLOCKS, 2.3, "Log Analytics workspace");
            case VIDEO_TRANSCODING -> meter("Media Services", "Media", "Content Creation", "Standard Encoder Output Minutes",
                    "Media Services", "Standard Encoder", "Media Services - Standard Encoder Output Minutes", "1 Minute", "Minutes", 1,
                    Quantity.IN_BLOCKS, 0.015, "Media service");
        };
        double units = switch (use) {
            case OBJECT_STORAGE, ARCHIVE_STORAGE -> amount / GIB / day.lengthOfMonth();
            case EGRESS, MONITORING -> amount / GIB;
            case ANALYTICS -> amount / GIB / 1024;
            case COMPUTE, DATABASE, WEB -> amount;
            case SPEECH_TO_TEXT -> amount;
            case IOT -> amount / 400_000.0;   // an S1 unit takes 400,000 messages a day
            default -> amount;                // characters, tokens, operations, minutes
        };
        double blocks = units / m.block();
        double consumed = m.quantity() == Quantity.IN_BLOCKS ? blocks : units;
        out.add(m.meter(), day.atStartOfDay(), day.plusDays(1).atStartOfDay(), consumed, blocks);
    }
}
