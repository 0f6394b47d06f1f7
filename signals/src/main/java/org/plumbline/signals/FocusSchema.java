package org.plumbline.signals;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The FOCUS cost-and-usage columns Plumbline knows, by the version that introduced them, and what it
 * needs of them. The version of a file is the newest version whose added columns appear in it: exports
 * carry the columns of their version even when empty, so presence is the signal FOCUS itself gives.
 */
public final class FocusSchema {
    private FocusSchema() {}

    static final List<String> V1_0 = List.of(
            "AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency",
            "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory", "ChargeClass", "ChargeDescription",
            "ChargeFrequency", "ChargePeriodEnd", "ChargePeriodStart", "CommitmentDiscountCategory",
            "CommitmentDiscountId", "CommitmentDiscountName", "CommitmentDiscountStatus", "CommitmentDiscountType",
            "ConsumedQuantity", "ConsumedUnit", "ContractedCost", "ContractedUnitPrice", "EffectiveCost",
            "InvoiceIssuerName", "ListCost", "ListUnitPrice", "PricingCategory", "PricingQuantity", "PricingUnit",
            "ProviderName", "PublisherName", "RegionId", "RegionName", "ResourceId", "ResourceName", "ResourceType",
            "ServiceCategory", "ServiceName", "SkuId", "SkuPriceId", "SubAccountId", "SubAccountName", "Tags");
    static final List<String> ADDED_1_1 = List.of(
            "CapacityReservationId", "CapacityReservationStatus", "CommitmentDiscountQuantity",
            "CommitmentDiscountUnit", "ServiceSubcategory", "SkuMeter", "SkuPriceDetails");
    static final List<String> ADDED_1_2 = List.of(
            "BillingAccountType", "SubAccountType", "InvoiceId", "PricingCurrency",
            "PricingCurrencyContractedUnitPrice", "PricingCurrencyEffectiveCost", "PricingCurrencyListUnitPrice");
    static final List<String> ADDED_1_3 = List.of(
            "ServiceProviderName", "HostProviderName", "ContractApplied", "AllocatedMethodId",
            "AllocatedMethodDetails", "AllocatedResourceId", "AllocatedResourceName", "AllocatedTags");

    /** FOCUS 1.3 column order, as exported (the order of /work/shared/testdata/README.md). */
    static final List<String> V1_3_ORDER = List.of(
            "ProviderName", "PublisherName", "ServiceProviderName", "HostProviderName", "InvoiceIssuerName",
            "InvoiceId", "BillingAccountId", "BillingAccountName", "BillingAccountType", "SubAccountId",
            "SubAccountName", "SubAccountType", "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart",
            "ChargePeriodEnd", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency", "BilledCost",
            "EffectiveCost", "ListCost", "ContractedCost", "ListUnitPrice", "ContractedUnitPrice", "PricingCategory",
            "PricingQuantity", "PricingUnit", "PricingCurrency", "PricingCurrencyContractedUnitPrice",
            "PricingCurrencyEffectiveCost", "PricingCurrencyListUnitPrice", "BillingCurrency", "ConsumedQuantity",
            "ConsumedUnit", "ServiceName", "ServiceCategory", "ServiceSubcategory", "SkuId", "SkuMeter", "SkuPriceId",
            "SkuPriceDetails", "ResourceId", "ResourceName", "ResourceType", "RegionId", "RegionName",
            "AvailabilityZone", "CommitmentDiscountId", "CommitmentDiscountName", "CommitmentDiscountCategory",
            "CommitmentDiscountType", "CommitmentDiscountStatus", "CommitmentDiscountQuantity",
            "CommitmentDiscountUnit", "ContractApplied", "CapacityReservationId", "CapacityReservationStatus",
            "AllocatedMethodId", "AllocatedMethodDetails", "AllocatedResourceId", "AllocatedResourceName",
            "AllocatedTags", "Tags");

    /** Columns without which a file cannot be profiled: the charge's time, account, service and cost. */
    public static final List<String> REQUIRED = List.of(
            "BillingAccountId", "BillingCurrency", "ChargeCategory", "ChargePeriodStart", "ChargePeriodEnd",
            "BilledCost", "EffectiveCost", "ServiceName", "ServiceCategory");

    /** Money and quantities: parsed as DECIMAL, never as floating point. */
    public static final List<String> DECIMALS = List.of(
            "BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "ConsumedQuantity", "PricingQuantity",
            "ListUnitPrice", "ContractedUnitPrice", "PricingCurrencyEffectiveCost");
    public static final List<String> TIMESTAMPS = List.of(
            "ChargePeriodStart", "ChargePeriodEnd", "BillingPeriodStart", "BillingPeriodEnd");

    /**
     * Metering columns the profile reads (beyond {@link #REQUIRED}) when present. Nothing here can carry
     * customer content: they describe what was billed, where and how much. Tags and resource names are
     * deliberately not read.
     */
    public static final List<String> OPTIONAL_READ = List.of(
            "SubAccountId", "ConsumedQuantity", "ConsumedUnit", "ServiceSubcategory", "SkuMeter",
            "ChargeDescription", "RegionId", "RegionName");

    /**
     * Columns whose value every row must have (an empty cell or the literal NULL is an error): a charge
     * without its time, account, category or cost cannot be placed in the profile.
     */
    public static final List<String> REQUIRED_VALUES = List.of(
            "ChargePeriodStart", "ChargePeriodEnd", "BillingAccountId", "ChargeCategory", "BilledCost", "EffectiveCost");

    /** Deviation labels of {@link FileReport#deviations()}: the same words whichever engine counted them. */
    public static final String DEVIATION_NULL_LITERAL = "null written as the string NULL (cells)";
    public static final String DEVIATION_TIMESTAMP_FORM = "timestamp not in ISO 8601 UTC form YYYY-MM-DDTHH:MM:SSZ (cells)";

    public static String deviationTimestampWithoutZone(String column) {
        return "Parquet column " + column + " has no time zone; read as UTC (rows)";
    }

    static Set<String> known() {
        Set<String> all = new LinkedHashSet<>(V1_0);
        all.addAll(ADDED_1_1);
        all.addAll(ADDED_1_2);
        all.addAll(ADDED_1_3);
        return all;
    }

    /** The detected version and the columns that decided it. */
    public record Detection(String version, List<String> evidence) {
        public Detection {
            evidence = List.copyOf(evidence);
        }

        public String describe() {
            return evidence.isEmpty() ? "FOCUS " + version + " (no column of a later version present)"
                    : "FOCUS " + version + " (from " + String.join(", ", evidence) + ")";
        }
    }

    public static Detection detect(Collection<String> columns) {
        for (var step : List.of(new Object[] {"1.3", ADDED_1_3}, new Object[] {"1.2", ADDED_1_2},
                new Object[] {"1.1", ADDED_1_1})) {
            @SuppressWarnings("unchecked")
            List<String> added = (List<String>) step[1];
            List<String> found = new ArrayList<>();
            for (String c : added) if (columns.contains(c)) found.add(c);
            if (!found.isEmpty()) return new Detection((String) step[0], found);
        }
        return new Detection("1.0", List.of());
    }

    /** Columns that are neither FOCUS columns nor custom ({@code x_}) columns: reported, not read. */
    public static List<String> unrecognised(Collection<String> columns) {
        Set<String> known = known();
        List<String> out = new ArrayList<>();
        for (String c : columns) {
            if (!known.contains(c) && !c.toLowerCase(Locale.ROOT).startsWith("x_")) out.add(c);
        }
        return out;
    }
}
