package org.plumbline.signals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * AWS Data Exports, "FOCUS 1.2 with AWS columns" (focus-meters.md, header table; focus-units.md 3.1, 3.2, 4.1,
 * 5.2):
 * <ul>
 *   <li>ProviderName {@code AWS}, publisher and invoice issuer {@code Amazon Web Services, Inc.} (S4 rows);</li>
 *   <li>{@code SkuMeter} and {@code x_UsageType} are the CUR usage type, region-prefixed
 *       ({@code EUW3-BoxUsage:m5.xlarge}); {@code x_ServiceCode} the product code, {@code x_Operation} the
 *       operation; {@code ChargeDescription} the line-item description with its price ("$0.192 per On Demand
 *       Linux m5.xlarge Instance Hour");</li>
 *   <li>hourly charge periods, except S3 storage: one row a day holding the day's GB-Months, booked into the
 *       day's last hour (S4 snapshot rows at 23:00-00:00, S8 "Daily" granularity);</li>
 *   <li>{@code GB-Months} with GB = 2^30 bytes and the calendar month (S8 worked example: byte-hours / 2^30 / 24 /
 *       days in the month); transfer in {@code GB}; request counts raw, never in blocks (4.1);</li>
 *   <li>egress rows carry the service that produced the traffic (EC2, category Compute), not a "data transfer"
 *       service (S4);</li>
 *   <li>CloudWatch's ServiceName is its product code {@code AmazonCloudWatch} (S4, gotcha 7).</li>
 * </ul>
 * Unverified in the reference, written as the most likely form: Transcribe's unit ({@code Seconds}, it bills per
 * second), Translate's ({@code Characters}), Bedrock's ({@code 1K tokens}, the CUR pricing unit, amount in
 * thousands).
 */
final class AwsExport extends ExportStyle {
    private static final String[] IDS = {"eu-west-1", "eu-central-1", "eu-west-3", "eu-north-1", "eu-south-1", "eu-west-2",
        "us-east-1"};
    private static final String[] NAMES = {"Europe (Ireland)", "Europe (Frankfurt)", "Europe (Paris)", "Europe (Stockholm)",
        "Europe (Milan)", "Europe (London)", "US East (N. Virginia)"};
    /** Usage-type prefixes (CUR): EU for Ireland, USE1 for N. Virginia. */
    private static final String[] PREFIX = {"EU", "EUC1", "EUW3", "EUN1", "EUS1", "EUW2", "USE1"};

    @Override String providerName() { return "AWS"; }
    @Override String publisherName() { return "Amazon Web Services, Inc."; }
    @Override String invoiceIssuerName() { return "Amazon Web Services, Inc."; }
    @Override List<String> xColumns() { return List.of("x_ServiceCode", "x_Operation", "x_UsageType"); }
    @Override String regionId(int region) { return IDS[region]; }
    @Override String regionName(int region) { return NAMES[region]; }

    private static Meter meter(int region, String service, String category, String subcategory, String code, String operation,
            String usageType, String description, String unit, double price, String resourceType) {
        String ut = PREFIX[region] + "-" + usageType;
        return new Meter(service, category, subcategory, sku(ut + service, 16), ut, description, unit, unit, price, resourceType,
                List.of(code, operation, ut));
    }

    @Override
    void write(Use use, int region, int variant, LocalDate day, double amount, Rows out) {
        switch (use) {
            case COMPUTE -> perHour(use, day, amount, out, meter(region, "Amazon Elastic Compute Cloud", "Compute",
                    "Virtual Machines", "AmazonEC2", "RunInstances", "BoxUsage:m5.xlarge",
                    "$0.214 per On Demand Linux m5.xlarge Instance Hour", "Hours", 0.214, "Instance"), 1);
            // S3: a day's GB-Months in one row, booked into the day's last hour.
            case OBJECT_STORAGE, ARCHIVE_STORAGE -> {
                boolean ia = use == Use.ARCHIVE_STORAGE;
                Meter m = meter(region, "Amazon Simple Storage Service", "Storage", "Object Storage", "AmazonS3",
                        ia ? "StandardIAStorage" : "StandardStorage", ia ? "TimedStorage-SIA-ByteHrs" : "TimedStorage-ByteHrs",
                        ia ? "$0.0125 per GB-Month of storage used in Standard-Infrequent Access"
                                : "$0.023 per GB - first 50 TB / month of storage used", "GB-Months", ia ? 0.0125 : 0.023, "Bucket");
                double gbMonths = amount / GIB / day.lengthOfMonth();
                LocalDateTime last = day.atTime(23, 0);
                out.add(m, last, last.plusHours(1), gbMonths, gbMonths);
            }
            case EGRESS -> perHour(use, day, amount, out, meter(region, "Amazon Elastic Compute Cloud", "Compute",
                    "Virtual Machines", "AWSDataTransfer", "RunInstances", "DataTransfer-Out-Bytes",
                    "$0.09 per GB - first 10 TB / month data transfer out beyond the global free tier", "GB", 0.09,
                    "Instance"), 1 / GIB);
            case SPEECH_TO_TEXT -> perHour(use, day, amount, out, meter(region, "Amazon Transcribe",
                    "AI and Machine Learning", "Natural Language Processing", "transcribe", "Transcription",
                    "TranscribeAudio", "$0.0004 per second for Transcribe audio (tier 1)", "Seconds", 0.0004, "Transcription Job"),
                    3600);
            case TRANSLATION -> perHour(use, day, amount, out, meter(region, "Amazon Translate", "AI and Machine Learning",
                    "Natural Language Processing", "translate", "TranslateText", "TranslateText",
                    "$15.00 per million characters for text translation", "Characters", 0.000015, "Translation"), 1);
            case MODEL_TOKENS -> perHour(use, day, amount, out, meter(region, "Amazon Bedrock", "AI and Machine Learning",
                    "Generative AI", "AmazonBedrock", "InvokeModelInference", "Claude3Haiku-input-tokens",
                    "$0.00025 per 1K input tokens for Claude 3 Haiku", "1K tokens", 0.00025, "Model"), 1 / 1000.0);
            case DATABASE -> perHour(use, day, amount, out, meter(region, "Amazon Relational Database Service", "Databases",
                    "Relational Databases", "AmazonRDS", "CreateDBInstance:0014", "InstanceUsage:db.m5.large",
                    "$0.198 per RDS db.m5.large instance hour (or partial hour) running PostgreSQL", "Hours", 0.198, "DB Instance"), 1);
            case ANALYTICS -> perHour(use, day, amount, out, meter(region, "Amazon Athena", "Analytics", "Data Processing",
                    "AmazonAthena", "RunQuery", "DataScannedInTB", "$5.00 per TB of data scanned", "Terabytes", 5.0,
                    "Workgroup"), 1 / 1099511627776.0);
            case WEB -> perHour(use, day, amount, out, meter(region, "AWS Amplify", "Web", "Application Platforms",
                    "AWSAmplify", "Hosting", "BuildDuration", "$0.01 per build minute", "Minutes", 0.01, "App"), 60);
            case IOT -> perHour(use, day, amount, out, meter(region, "AWS IoT", "Internet of Things", "IoT Platforms",
                    "AWSIoT", "Publish", "Messaging-Units", "$1.00 per million messages", "Messages", 0.000001, "Thing"), 1);
            case MESSAGING -> perHour(use, day, amount, out, meter(region, "Amazon Simple Queue Service", "Integration",
                    "Messaging", "AWSQueueService", "SendMessage", "Requests-Tier1",
                    "$0.40 per million Amazon SQS standard requests in Tier1", "Requests", 0.0000004, "Queue"), 1);
            case SECRETS -> perHour(use, day, amount, out, meter(region, "AWS Key Management Service", "Security",
                    "Secret Management", "awskms", "Decrypt", "KMS-Requests", "$0.03 per 10,000 requests", "Requests",
                    0.000003, "Key"), 1);
            case MONITORING -> perHour(use, day, amount, out, meter(region, "AmazonCloudWatch", "Management and Governance",
                    "Observability", "AmazonCloudWatch", "PutLogEvents", "DataProcessing-Bytes",
                    "$0.57 per GB custom log data ingested", "GB", 0.57, "Log Group"), 1 / GIB);
            case VIDEO_TRANSCODING -> perHour(use, day, amount, out, meter(region, "AWS Elemental MediaConvert", "Media",
                    "Content Creation", "AWSElementalMediaConvert", "Transcode", "Transcode:Basic:SD:30fps",
                    "$0.0075 per minute for Basic tier SD output", "Minutes", 0.0075, "Queue"), 1);
        }
    }

    /** Hourly rows of a flow; {@code perUnit} turns the physical unit into the meter's. */
    private static void perHour(Use use, LocalDate day, double amount, Rows out, Meter m, double perUnit) {
        hourly(use, day, amount, (s, e, a) -> out.add(m, s, e, a * perUnit, a * perUnit));
    }
}
