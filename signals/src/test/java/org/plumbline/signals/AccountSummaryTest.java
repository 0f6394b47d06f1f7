package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

/** The metering summary of accounts a scan found in no engagement: days, cost, storage held at the end, AI use. */
class AccountSummaryTest {
    @TempDir Path dir;

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(FocusGenerator.Style.class)
    void anUndeclaredBulkAccountIsSummarisedFromItsMeteringAlone(FocusGenerator.Style style) throws Exception {
        // One account over 10 days: the generator makes it the bulk-communications pattern at the reported scale
        // (~780,000 audio-hours transcribed a day, the archive growing 7.2 MB an audio-hour from 2 PB), written in
        // the style's units (GB-Months, GB/Month, byte-seconds, GB Months).
        FocusGenerator.Result g = new FocusGenerator(FocusGenerator.Options.of(dir, 10, 1, 7400, "csv", style)).generate();
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            engine.ingest(List.of(dir.toString()), Progress.NONE);
            ScanResult r = engine.scan(new Declarations(List.of(), List.of()), f -> {});
            assertThat(r.unmapped()).extracting(ScanResult.AccountUsage::account).containsExactly("sub-0001");
            ScanResult.AccountUsage usage = r.unmapped().getFirst();

            List<AccountSummary> summaries = engine.summaries(List.of("sub-0001", "no-such-account"));
            assertThat(summaries).hasSize(1);
            AccountSummary s = summaries.getFirst();
            assertThat(s.account()).isEqualTo("sub-0001");
            assertThat(s.billingAccount()).isEqualTo(usage.billingAccount());
            assertThat(s.daysSeen()).isEqualTo(10);
            assertThat(s.firstDay()).isEqualTo(usage.firstDay());
            assertThat(s.lastDay()).isEqualTo(usage.lastDay());
            assertThat(s.rows()).isEqualTo(usage.rows()).isEqualTo(g.rows());
            assertThat(s.cost()).isEqualByComparingTo(usage.cost());
            // On the last day the archive alone holds 2 PB + about 5.6 TB x 10; other storage adds a little.
            assertThat(s.storageDay()).isEqualTo(usage.lastDay());
            assertThat(s.storageBytesAtEnd()).isBetween(2_050_000e9, 2_200_000e9);
            // Transcription and translation, and the model tokens its declared cyber-defence work uses.
            assertThat(s.aiUse()).containsOnlyKeys("speech_to_text_hours", "translation_characters", "model_tokens");
            assertThat(s.aiUse().get("speech_to_text_hours")).isCloseTo(7_800_000, within(7_800_000 * 0.05));
        }
    }

    @Test
    void noAccountsAskedNoneReturned() throws Exception {
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            assertThat(engine.summaries(List.of())).isEmpty();
            assertThat(engine.summaries(List.of("absent"))).isEmpty();
        }
    }
}
