package org.plumbline.signals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * How one cloud provider writes usage into its FOCUS export, for {@link FocusGenerator}: its provider names,
 * services, meters, units, {@code x_} columns, regions and charge periods. The generator plans what each account
 * uses in physical terms ({@link Use}: audio-hours, bytes held, characters ...); a style turns that into the rows
 * the provider's export would hold. One subclass per provider, so each provider's conventions live in one place.
 *
 * <p>Everything a style writes is taken from what real exports write ({@code ../shared/reference/focus-units.md}
 * and {@code focus-meters.md}; section or source ids are cited beside each meter), not from what Plumbline's
 * recognition understands: the generated files are how we find out where recognition is wrong. Where the
 * reference marks a fact unverified the style says so.
 */
abstract sealed class ExportStyle permits AwsExport, AzureExport, GoogleExport, OracleExport {
    /** 2^30: AWS, Oracle and Google mean binary gigabytes (focus-units.md 5.3); Azure assumed the same. */
    static final double GIB = 1L << 30;

    /** What an account used, in physical terms, before any provider writes it down. */
    enum Use {
        /** instance-hours of a 4-vCPU, 16 GiB general-purpose machine */
        COMPUTE(false),
        /** bytes held (the day's average), standard object storage */
        OBJECT_STORAGE(true),
        /** bytes held, an infrequent-access / archive tier (where audio and video archives go) */
        ARCHIVE_STORAGE(true),
        /** bytes sent to the internet */
        EGRESS(false),
        /** audio-hours transcribed */
        SPEECH_TO_TEXT(false),
        /** characters translated */
        TRANSLATION(false),
        /** model tokens (input) */
        MODEL_TOKENS(false),
        /** managed relational database instance-hours */
        DATABASE(false),
        /** bytes scanned by an analytics (SQL over files) service */
        ANALYTICS(false),
        /** web application instance-hours */
        WEB(false),
        /** device messages */
        IOT(false),
        /** queue or event operations */
        MESSAGING(false),
        /** key or secret operations */
        SECRETS(false),
        /** bytes of logs ingested */
        MONITORING(false),
        /** minutes of video written by a transcoding service */
        VIDEO_TRANSCODING(false);

        /** true for a stock (bytes held over time), false for a flow (an amount per period) */
        final boolean held;

        Use(boolean held) {
            this.held = held;
        }
    }

    /** One meter as the provider writes it; {@code x} holds the values of {@link #xColumns()}, in order. */
    record Meter(String service, String category, String subcategory, String skuId, String skuMeter, String description,
                 String consumedUnit, String pricingUnit, double listUnitPrice, String resourceType, List<String> x) {}

    /** Where rows go: one call per row. ListCost = PricingQuantity x ListUnitPrice, as FOCUS defines it. */
    interface Rows {
        void add(Meter meter, LocalDateTime start, LocalDateTime end, double consumedQuantity, double pricingQuantity);
    }

    static final int REGIONS = 6;
    /** The region index outside every account's declared regions (a US region). */
    static final int OUTSIDE = 6;

    /** The provider's name as ProviderName / ServiceProviderName / HostProviderName (1.3). */
    abstract String providerName();

    abstract String publisherName();

    abstract String invoiceIssuerName();

    /** The provider's own columns, written after FOCUS's 65. */
    abstract List<String> xColumns();

    /** Region 0..5 in Europe, 6 ({@link #OUTSIDE}) in the US. Null when the provider leaves RegionId empty. */
    abstract String regionId(int region);

    abstract String regionName(int region);

    /** What a declaration names the region by: RegionId, else RegionName (as the profile keeps it). */
    final String declaredRegion(int region) {
        String id = regionId(region);
        return (id != null ? id : regionName(region)).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Writes one day of one use for one account.
     *
     * @param amount  the day's amount in the use's physical unit (for a stock, the bytes held that day; negative
     *                for a correction)
     * @param variant a per-account number, so that accounts of one provider use different shapes or meters
     */
    abstract void write(Use use, int region, int variant, LocalDate day, double amount, Rows out);

    /** A flow's share of the day in hour h: a gentle daily cycle (busier by day) whose 24 shares sum to 1. */
    static double hourShare(int h) {
        return (1 + 0.3 * Math.sin(2 * Math.PI * (h - 8) / 24.0)) / 24.0;
    }

    /** Hourly rows: a flow spread over the hours by {@link #hourShare}, a stock held all day. */
    static void hourly(Use use, LocalDate day, double amount, HourRow row) {
        for (int h = 0; h < 24; h++) {
            LocalDateTime start = day.atTime(h, 0);
            row.write(start, start.plusHours(1), use.held ? amount : amount * hourShare(h));
        }
    }

    interface HourRow {
        /** @param amount the hour's flow, or for a stock the bytes held during the hour */
        void write(LocalDateTime start, LocalDateTime end, double amount);
    }

    /** A SKU-like identifier, stable for a text. */
    static String sku(String text, int length) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        long h = text.hashCode() * 0x9E3779B97F4A7C15L;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt((int) Long.remainderUnsigned(h, alphabet.length())));
            h = h * 6364136223846793005L + 1442695040888963407L;
        }
        return b.toString();
    }

    /** The styles, one per provider, in the order {@code mixed} deals them to accounts. */
    static final List<ExportStyle> ALL = List.of(new AzureExport(), new AwsExport(), new GoogleExport(), new OracleExport());
}
