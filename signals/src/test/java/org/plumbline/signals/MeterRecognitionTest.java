package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeterRecognitionTest {
    final MeterRecognition m = MeterRecognition.shipped();

    private MeterRecognition.Classification c(String category, String unit, String... texts) {
        return m.classify(category, unit, Arrays.asList(texts));
    }

    @Test
    void storageHeldIsNormalisedToAverageBytesPerDay() {
        // 1 TB held for a day of a 30-day month, billed in GB-Months of calendar days (no provider: the spec's
        // decimal GB, and a calendar month, focus-units.md 5.2): 1000 GB / 30 GB-Months.
        MeterRecognition.Classification gbMonths = c("Storage", "GB-Months", "Hot LRS Data Stored");
        assertThat(gbMonths.metric()).isEqualTo("storage_bytes");
        assertThat(1000 / 30.0 * (gbMonths.factor() + gbMonths.perDayOfMonth() * 30)).isCloseTo(1e12, within(1.0));
        MeterRecognition.Classification gibHours = c("Storage", "GiB-Hours", "Snapshot");
        assertThat(24 * gibHours.factor()).isCloseTo(1073741824.0, within(1e-3));
        // Microsoft's "GB/Month" is held over the month, not a rate (focus-units.md 4.2), and its GB binary.
        MeterRecognition.Classification azure = m.classify("Microsoft", "Storage", "GB/Month", null, Arrays.asList("x"));
        assertThat(azure.metric()).isEqualTo("storage_bytes");
        assertThat(azure.perDayOfMonth()).isEqualTo(1073741824.0);
        // Memory held over time is not storage (Oracle's memory GB Hours, AWS Lambda, Google RAM).
        assertThat(m.classify("Oracle", "Compute", "GB Hours", null, Arrays.asList("Standard - E3 - Memory")).metric()).isEqualTo("other");
        assertThat(m.classify("AWS", "Compute", "Lambda-GB-Seconds", null, Arrays.asList("AWS Lambda")).metric()).isEqualTo("other");
        assertThat(m.classify("Google Cloud", "Compute", "byte-seconds", null, Arrays.asList("E2 Instance Ram running in Americas"))
                .metric()).isEqualTo("other");
        assertThat(m.classify("Oracle", "Storage", "GB Months", null, Arrays.asList("Block Volume - Performance Units")).metric())
                .isEqualTo("storage_bytes");
        // In the specification "/" is a rate: not storage held.
        assertThat(c("Storage", "GB/Month", "x").metric()).isEqualTo("other");
    }

    @Test
    void aiMetersAreRecognisedFromMeterTextsAndUnits() {
        assertThat(c("AI and Machine Learning", "Hours", "S1 Speech To Text Audio Hours")).isEqualTo(
                new MeterRecognition.Classification("speech_to_text_hours", 1.0));
        assertThat(c("AI and Machine Learning", "Seconds", null, "Amazon Transcribe streaming").metric())
                .isEqualTo("speech_to_text_hours");
        assertThat(c("AI and Machine Learning", "1M Characters", "S1 Text Translation Characters").factor()).isEqualTo(1e6);
        assertThat(c("AI and Machine Learning", "1K Tokens", "gpt-4o Input Tokens").metric()).isEqualTo("model_tokens");
        // Hours of a VM are compute, not audio, even in the same unit.
        assertThat(c("Compute", "Hours", "D4s v5").metric()).isEqualTo("compute_hours");
        assertThat(c("Networking", "GB", "Standard Data Transfer Out").metric()).isEqualTo("egress_bytes");
        assertThat(c("Networking", "GB", "Data Transfer In").metric()).isEqualTo("other");
        assertThat(c("Security", "10K Operations", "Operations").metric()).isEqualTo("other");
    }

    private String as(String provider, String category, String unit, String providerUnit, String... texts) {
        return m.classify(provider, category, unit, providerUnit, Arrays.asList(texts)).metric();
    }

    @Test
    void eachProvidersMetersAreReadWhereItsExportPutsThem() {
        // focus-meters.md 1: AWS Transcribe by service and usage type, in seconds of audio.
        assertThat(as("AWS", "AI and Machine Learning", "Seconds", null, "USE1-TranscribeAudio", null, "Amazon Transcribe"))
                .isEqualTo("speech_to_text_hours");
        // Azure names the meter in x_SkuMeterName; speech translation is audio-hours too; "1 Hour" in the unit column.
        assertThat(as("Microsoft", "AI and Machine Learning", "Units", "1 Hour", null, "Azure AI Services", "S1 Speech Translation"))
                .isEqualTo("speech_to_text_hours");
        // Google: the service is "Cloud Speech API", whatever the SKU description says; seconds.
        assertThat(as("Google Cloud", "AI and Machine Learning", "seconds", null, null, "Standard model, data logging", "Cloud Speech API"))
                .isEqualTo("speech_to_text_hours");
        // Google Video Intelligence bills minutes of video "recognition": not speech.
        assertThat(as("Google Cloud", "AI and Machine Learning", "minutes", null, null, "Celebrity Recognition", "Cloud Video Intelligence API"))
                .isEqualTo("other");
        // Azure OpenAI tokens in "1K" blocks of "Units"; Azure Translator characters in "1M".
        assertThat(as("Microsoft", "AI and Machine Learning", "Units", "1K", null, "Azure OpenAI", "gpt 4o 0513 Input global Tokens"))
                .isEqualTo("model_tokens");
        assertThat(as("Microsoft", "AI and Machine Learning", "Units", "1M", null, "Translator Text", "S1 Characters"))
                .isEqualTo("translation_characters");
        // AWS egress by usage type; the ServiceName is the service that sent it (focus-meters.md 5).
        assertThat(as("AWS", "Networking", "GB", null, "EUW2-DataTransfer-Out-Bytes", null, "Amazon Elastic Compute Cloud"))
                .isEqualTo("egress_bytes");
        assertThat(as("AWS", "Compute", "Hours", null, "EUW2-BoxUsage:t3.micro", null, "Amazon Elastic Compute Cloud"))
                .isEqualTo("compute_hours");
        assertThat(as("Oracle", "Networking", "GB", null, null, "Outbound Data Transfer Zone 1", "NETWORK")).isEqualTo("egress_bytes");
        assertThat(as("Google Cloud", "Networking", "bytes", null, null, "Network Internet Egress from Americas to EMEA", "Compute Engine"))
                .isEqualTo("egress_bytes");
    }

    @Test
    void whatIsNotAMetricWhateverItIsCalledIsNotCounted() {
        // S3 early deletion is a prorated charge for data no longer held (focus-meters.md 4).
        assertThat(as("AWS", "Storage", "GB-Months", null, "EarlyDelete-ByteHrs", null, "Amazon Simple Storage Service"))
                .isEqualTo("other");
        // Text-to-speech is characters or hours of synthesis, not speech transcribed or text translated.
        assertThat(as("Microsoft", "AI and Machine Learning", "Units", "1M", null, "Azure AI Services", "S1 Neural Text To Speech Characters"))
                .isEqualTo("other");
        assertThat(as("Microsoft", "AI and Machine Learning", "Units", "1 Hour", null, "Azure AI Services", "Custom Neural Voice Training"))
                .isEqualTo("other");
        // Oracle writes its outbound transfer in "GB Months": not storage held (focus-meters.md 5).
        assertThat(as("Oracle", "Networking", "GB Months", null, null, "Outbound Data Transfer Zone 1", "NETWORK")).isEqualTo("other");
        // Transfer in, inside a region or across zones is not egress.
        assertThat(as("AWS", "Networking", "GB", null, "EUW2-DataTransfer-Regional-Bytes", null, "Amazon Elastic Compute Cloud"))
                .isEqualTo("other");
        assertThat(as("Google Cloud", "Networking", "bytes", null, null, "Network Inter Zone Ingress", "Compute Engine")).isEqualTo("other");
    }

    @Test
    void aCatalogueLineForAProviderNobodyKnowsIsRefused(@TempDir Path dir) throws Exception {
        Path meters = dir.resolve("meters.tsv");
        Files.writeString(meters, "speech_to_text_hours\tamazon\t*\thours\t(?i)voice\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MeterRecognition.withExtra(null, meters))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1").hasMessageContaining("\"amazon\"");
    }

    @Test
    void extraTablesExtendAndOverrideTheShippedOnes(@TempDir Path dir) throws Exception {
        Path units = dir.resolve("unit-conventions.tsv");
        Files.writeString(units, "alias\t*\t1 分钟\tMinutes\n");
        Path meters = dir.resolve("meters.tsv");
        Files.writeString(meters, "x-columns\tx_CallMeter\nspeech_to_text_hours\t*\t*\thours\t(?i)voice analytics\n");
        MeterRecognition extended = MeterRecognition.withExtra(units, meters);
        assertThat(extended.classify("Media", "1 分钟", Arrays.asList("Voice Analytics Standard")).metric())
                .isEqualTo("speech_to_text_hours");
        assertThat(m.classify("Media", "1 分钟", Arrays.asList("Voice Analytics Standard")).unplaced())
                .contains("1 分钟");
        assertThat(extended.customColumns()).contains("x_CallMeter", "x_SkuMeterName");
        assertThat(m.classify("Media", "Call Minutes", Arrays.asList("Voice Analytics Standard")).metric()).isEqualTo("other");
    }

    @Test
    void vocabularyHasEveryDeclaredPurpose() {
        PurposeVocabulary v = PurposeVocabulary.shipped();
        assertThat(v.purposes()).containsExactly("cyber-defence", "office-productivity", "logistics", "health-records",
                "tax-administration", "weather-and-climate", "research", "public-website", "emergency-services",
                "communications-processing");
        assertThat(v.expectedMetrics().get("cyber-defence")).doesNotContain("speech_to_text_hours");
        assertThat(v.expectedMetrics().get("communications-processing")).contains("speech_to_text_hours");
        assertThat(v.expectedCategories().get("logistics")).contains("Compute", "Storage", "Internet of Things")
                .doesNotContain("Media");
    }
}
