package org.plumbline.signals;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * What one account's metering adds up to over everything ingested: how many days it was seen, its cost,
 * the storage it held on the last day it was metered for storage, and its AI consumption by meter.
 * Aggregates of metering only (no resource names, no tags, nothing a customer wrote), so that a reviewer
 * can judge an account no engagement declares without seeing anything of its content.
 *
 * @param daysSeen           distinct UTC days with at least one usage row
 * @param storageBytesAtEnd  average bytes held on {@code storageDay} (summed over regions and services); 0 if none
 * @param storageDay         the last day with storage metering, or null if the account never held storage
 * @param aiUse              total amount per AI metric (see {@link #AI_METRICS}) over all days, only those used
 */
public record AccountSummary(String account, String billingAccount, long daysSeen, String firstDay, String lastDay,
                             long rows, BigDecimal cost, double storageBytesAtEnd, String storageDay,
                             Map<String, Double> aiUse) {
    /** The profile metrics that are AI services (meters.tsv): audio-hours transcribed, characters translated, tokens. */
    public static final Set<String> AI_METRICS = Set.of("speech_to_text_hours", "translation_characters", "model_tokens");

    public AccountSummary {
        aiUse = Map.copyOf(aiUse);
    }
}
