package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plumbline.core.domain.Finding;

/**
 * The bulk-communications rule against the harm it is for, on profiles written directly (what ingestion
 * produces, per day): interception scale from about 100,000 calls a day, found once the pattern has run
 * for 7 days however late in the window it began, and not the look-alikes the issue names (declared
 * communications processing, call centres, captioning and research archives at their normal scale,
 * storage-only archives however large, media transcoding). Units and meters per provider are tested by
 * ingestion tests; this is the rule's arithmetic.
 */
class BulkCommunicationsRuleTest {
    static final String RULE = "bulk-communications-processing";
    static final LocalDate LAST = LocalDate.of(2026, 10, 31);
    static final double GB = 1e9;

    /** One account's days: audio-hours transcribed, characters translated and bytes held, per day. */
    private record Day(LocalDate day, double audioHours, double characters, double bytesHeld) {}

    private final ProfileRows profile = new ProfileRows();

    private void account(String id, String purpose, String region, List<Day> days) {
        profile.engagement(id, purpose);
        for (Day d : days) {
            if (d.audioHours != 0) profile.add(id, d.day, region, "speech_to_text_hours", d.audioHours, 0);
            if (d.characters != 0) profile.add(id, d.day, region, "translation_characters", d.characters, 0);
            if (d.bytesHeld != 0) profile.add(id, d.day, region, "storage_bytes", d.bytesHeld, 0);
        }
    }

    /**
     * Thirty days ending on LAST: audio-hours a day from {@code onset} days before the end (inclusive of
     * LAST), and storage starting at {@code base} bytes, growing by {@code growth} bytes a day from the onset.
     */
    private static List<Day> days(int onset, double audioHours, double base, double growth) {
        List<Day> out = new ArrayList<>();
        for (int back = 29; back >= 0; back--) {
            boolean on = back < onset;
            int sinceOnset = on ? onset - back : 0;
            out.add(new Day(LAST.minusDays(back), on ? audioHours : 0, 0, base + growth * sinceOnset));
        }
        return out;
    }

    private List<Finding> scan() throws Exception {
        return profile.scan(RULE);
    }

    @Test
    void interceptionAtAThirtiethOfTheReportedScaleThatBeganSevenDaysAgoIsFound() throws Exception {
        // 100,000 calls a day of 1.8 minutes, stored as 8 kbit/s telephone audio (3.6 MB an audio-hour).
        account("late", "cyber-defence", "eu-central-1", days(7, 3_000, 40e12, 3_000 * 3.6e6));
        List<Finding> found = scan();
        assertThat(found).extracting(Finding::account).containsExactly("late");
        Finding f = found.getFirst();
        assertThat(f.windowStart()).isEqualTo(LAST.minusDays(6));
        assertThat(f.subject()).isEqualTo("eu-central-1");
        assertThat(f.evidence()).startsWith("3,000 audio-hours/day transcribed and 0.0 million characters/day translated on 7 days;"
                + " object storage in eu-central-1 grew 10.8 GB/day over those days (now 40.1 TB held)");
    }

    @Test
    void sixDaysIsNotYetAPattern() throws Exception {
        account("early", "cyber-defence", "westeurope", days(6, 50_000, 1e12, 500 * GB));
        assertThat(scan()).isEmpty();
    }

    @Test
    void aPartialLastDayDoesNotHideAWeekOfBulkTranscription() throws Exception {
        List<Day> d = new ArrayList<>(days(7, 3_000, 5e12, 20 * GB));
        Day last = d.removeLast();
        d.add(new Day(last.day(), 1_200, 0, last.bytesHeld()));   // the export stopped at 10:00
        account("cut", "logistics", "us-east-1", d);
        assertThat(scan()).extracting(Finding::account).containsExactly("cut");
    }

    @Test
    void normalScaleSpeechUsersAreNotFlaggedHoweverTheirStorageGrows() throws Exception {
        account("emergency-calls", "emergency-services", "westeurope", days(30, 450, 200e12, 2_000 * GB));
        account("captioning", "public-website", "westeurope", days(30, 480, 900e12, 5_000 * GB));
        account("oral-history", "research", "westeurope", days(30, 900, 50e12, 100 * GB));
        assertThat(scan()).isEmpty();
    }

    @Test
    void storageOnlyArchivesAndDeclaredCommunicationsProcessingAreNotFlagged() throws Exception {
        account("archive", "cyber-defence", "westeurope", days(30, 0, 10e15, 50_000 * GB));
        account("declared", "communications-processing", "westeurope", days(30, 500_000, 1e15, 6_000 * GB));
        assertThat(scan()).isEmpty();
    }

    @Test
    void bulkTranscriptionWithStorageThatDoesNotGrowIsNotThisRule() throws Exception {
        account("flat", "cyber-defence", "westeurope", days(30, 20_000, 5e12, 0));
        assertThat(scan()).isEmpty();
    }

    @Test
    void storageGrowingInAnotherRegionThanTheSpeechCounts() throws Exception {
        List<Day> speech = days(10, 8_000, 0, 0);
        account("split", "cyber-defence", "francecentral", speech);
        for (Day d : days(10, 0, 3e12, 100 * GB)) {
            profile.add("split", d.day(), "swedencentral", "storage_bytes", d.bytesHeld(), 0);
        }
        List<Finding> found = scan();
        assertThat(found).extracting(Finding::account, Finding::subject).containsExactly(org.assertj.core.groups.Tuple.tuple("split", "swedencentral"));
    }

    @Test
    void aCorrectedDayDoesNotDecideTheGrowth() throws Exception {
        List<Day> d = new ArrayList<>(days(10, 5_000, 2e12, 30 * GB));
        // A late correction booked on one day: the day's net bytes held drop by half.
        Day mid = d.get(25);
        d.set(25, new Day(mid.day(), mid.audioHours(), 0, mid.bytesHeld() / 2));
        account("corrected", "cyber-defence", "westeurope", d);
        assertThat(scan()).extracting(Finding::account).containsExactly("corrected");
    }

    @Test
    void translationAtBulkScaleCountsLikeTranscription() throws Exception {
        List<Day> d = new ArrayList<>();
        for (Day x : days(8, 0, 1e12, 5 * GB)) d.add(new Day(x.day(), 0, x.day().isAfter(LAST.minusDays(8)) ? 1.5e9 : 0, x.bytesHeld()));
        account("texts", "cyber-defence", "westeurope", d);
        assertThat(scan()).extracting(Finding::account).containsExactly("texts");
    }
}
