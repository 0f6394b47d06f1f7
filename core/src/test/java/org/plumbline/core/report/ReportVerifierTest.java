package org.plumbline.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.core.record.LogRecord;
import org.plumbline.log.CheckpointSigner;
import org.plumbline.log.Integrator;
import org.plumbline.log.LogReader;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.NoteSignature;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.policy.Policy;
import org.plumbline.log.storage.DirectoryStorage;

/**
 * The report file and its verifier on a log of known records spanning three quarters: a report built by the
 * file format's rule verifies under a 2-of-3 witness policy and its figures are the hand-counted ones; and
 * each way of lying — an altered record, an altered figure, a dropped record, a boundary moved, a
 * cosignature removed — fails with one line naming what is wrong.
 */
class ReportVerifierTest {
    private static final Quarter Q4 = Quarter.parse("2026-Q4");
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;
    private final List<byte[]> entries = new ArrayList<>();
    private final List<LogRecord> records = new ArrayList<>();
    private final SigningKey logKey = SigningKey.generate("example.org/log", KeyType.ED25519);
    private final List<SigningKey> witnesses = List.of(SigningKey.generate("w1.example", KeyType.COSIGNATURE_V1),
            SigningKey.generate("w2.example", KeyType.COSIGNATURE_V1), SigningKey.generate("w3.example", KeyType.COSIGNATURE_V1));
    private Policy policy;
    private LogReader reader;
    private byte[] checkpoint;

    @BeforeEach
    void log() throws Exception {
        add("customer.registered", "customer/1", "2026-08-01T10:00:00Z", Map.of("country", "NL", "kind", "ministry"));
        add("customer.registered", "customer/2", "2026-08-02T10:00:00Z", Map.of("country", "DE", "kind", "military"));
        add("engagement.declared", "engagement/0", "2026-09-15T10:00:00Z", Map.of("customer", "customer/1", "purposes", List.of("logistics")));
        add("engagement.declared", "engagement/1", "2026-10-01T00:00:00Z",
                Map.of("customer", "customer/1", "purposes", List.of("cyber-defence", "logistics")));
        // A transaction that took its time before the quarter and committed after a record of the quarter.
        add("case.opened", "case/0", "2026-09-30T23:59:59Z", Map.of("origin", "manual"));
        add("engagement.declared", "engagement/2", "2026-10-03T10:00:00Z", Map.of("customer", "customer/2", "purposes", List.of("cyber-defence")));
        add("case.opened", "case/1", "2026-10-04T10:00:00Z", Map.of("origin", "usage-signal"));
        add("finding.raised", "engagement/2", "2026-10-04T10:00:00Z", Map.of("rule", "bulk-communications-processing", "severity", "high"));
        add("finding.raised", "engagement/2", "2026-11-04T10:00:00Z",
                Map.of("rule", "enforcement-not-effective", "severity", "critical", "about", "directive/1"));
        add("decision.made", "case/1", "2026-10-20T10:00:00Z", Map.of("kind", "suspend"));
        add("directive.issued", "directive/1", "2026-10-20T10:00:01Z", Map.of());
        add("directive.acknowledged", "directive/1", "2026-10-21T10:00:00Z", Map.of("outcome", "applied"));
        add("case.read", "case/1", "2027-01-02T10:00:00Z", Map.of());

        DirectoryStorage storage = DirectoryStorage.open(dir);
        Integrator integrator = Integrator.create(storage, CheckpointSigner.of(logKey));
        integrator.integrate(entries);
        reader = new LogReader(storage);
        String text = SignedNote.parse(integrator.checkpoint()).text();
        List<NoteSignature> cosignatures = witnesses.stream().map(w -> w.sign(text)).toList();
        checkpoint = SignedNote.parse(integrator.checkpoint()).withSignatures(cosignatures).toBytes();
        StringBuilder p = new StringBuilder("log " + logKey.verifierKey().text() + "\n");
        for (int i = 0; i < 3; i++) {
            p.append("witness W").append(i).append(' ').append(witnesses.get(i).verifierKey().text()).append('\n');
        }
        policy = Policy.parse(p.append("group g 2 W0 W1 W2\nquorum g\n").toString());
    }

    private void add(String type, String subject, String time, Map<String, Object> fields) {
        LogRecord.Builder b = LogRecord.builder(type, subject, "user/1", Instant.parse(time));
        fields.forEach(b::field);
        LogRecord r = b.seal(RANDOM).record();
        records.add(r);
        entries.add(r.bytes());
    }

    /** The log above as a report source: what the server does with its tiles and database. */
    private ReportSource source() {
        return new ReportSource() {
            public long size() {
                return entries.size();
            }

            public byte[] entry(long index) throws IOException {
                return reader.entry(index, entries.size());
            }

            public List<byte[]> inclusionProof(long index) throws IOException {
                return reader.inclusionProof(index, entries.size());
            }

            public long firstLoggedAtOrAfter(Instant t) {
                for (int i = 0; i < records.size(); i++) {
                    if (!records.get(i).time().isBefore(t)) return i;
                }
                return records.size();
            }

            public long lastLoggedBefore(Instant t) {
                for (int i = records.size() - 1; i >= 0; i--) {
                    if (records.get(i).time().isBefore(t)) return i;
                }
                return -1;
            }

            public OptionalLong indexOf(String type, String subject) {
                for (int i = 0; i < records.size(); i++) {
                    if (records.get(i).type().equals(type) && records.get(i).subject().equals(subject)) return OptionalLong.of(i);
                }
                return OptionalLong.empty();
            }
        };
    }

    private String report(Quarter q) throws Exception {
        return new String(source().assemble(q, checkpoint, 1000).toJson(), StandardCharsets.UTF_8);
    }

    private ReportVerifier.Verified verify(String json) throws ReportException {
        return ReportVerifier.verify(json.getBytes(StandardCharsets.UTF_8), policy);
    }

    @Test
    void aReportVerifiesAndItsFiguresAreTheHandCountedOnes() throws Exception {
        TransparencyReport r = source().assemble(Q4, checkpoint, 1000);
        assertThat(r.start()).isEqualTo(3);
        assertThat(r.end()).as("up to the last record logged in the quarter").isEqualTo(12);
        assertThat(r.partial()).isFalse();
        assertThat(r.lines()).extracting(ReportLine::index).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(r.count("engagements-declared", null).indices()).containsExactly(3L, 5L);
        assertThat(r.count("engagements-declared-by-purpose", "cyber-defence").indices()).containsExactly(3L, 5L);
        assertThat(r.count("engagements-declared-by-purpose", "logistics").indices()).as("engagement/0 is of Q3").containsExactly(3L);
        assertThat(r.count("engagements-declared-by-country", "NL").indices()).containsExactly(3L);
        assertThat(r.count("engagements-declared-by-country", "DE").indices()).containsExactly(5L);
        assertThat(r.count("cases-opened", null).indices()).as("case/0's time is in Q3").containsExactly(6L);
        assertThat(r.count("findings-raised-by-rule", "bulk-communications-processing").count()).isEqualTo(1);
        assertThat(r.count("findings-raised-by-severity", "critical").indices()).containsExactly(8L);
        assertThat(r.count("cases-decided-by-outcome", "suspend").indices()).containsExactly(9L);
        assertThat(r.count("directives-issued", null).indices()).containsExactly(10L);
        assertThat(r.count("directives-acknowledged-by-outcome", "applied").indices()).containsExactly(11L);
        assertThat(r.count("directives-found-not-effective", null).indices()).containsExactly(8L);

        ReportVerifier.Verified v = verify(new String(r.toJson(), StandardCharsets.UTF_8));
        assertThat(v.quarter()).isEqualTo(Q4);
        assertThat(v.records()).isEqualTo(13);
        // The late record of Q3 is in Q3's report too, which runs up to it.
        TransparencyReport q3 = source().assemble(Q4.previous(), checkpoint, 1000);
        assertThat(q3.end()).isEqualTo(5);
        assertThat(q3.count("cases-opened", null).indices()).containsExactly(4L);
        verify(new String(q3.toJson(), StandardCharsets.UTF_8));
        // The quarter under way reaches the checkpoint: partial.
        TransparencyReport q1 = source().assemble(Quarter.parse("2027-Q1"), checkpoint, 1000);
        assertThat(q1.partial()).isTrue();
        assertThat(verify(new String(q1.toJson(), StandardCharsets.UTF_8)).partial()).isTrue();
    }

    @Test
    void anAlteredRecordFailsNamingItsLine() throws Exception {
        String json = report(Q4);
        String altered = json.replace("\\\"purposes\\\":[\\\"cyber-defence\\\"]", "\\\"purposes\\\":[\\\"logistics\\\"]");
        assertThat(altered).isNotEqualTo(json);
        int line = lineOf(altered, "\"index\":5,");
        assertThat(line).isGreaterThan(10);
        assertThatThrownBy(() -> verify(altered)).isInstanceOf(ReportException.class)
                .hasMessageStartingWith("line " + line + " (log index 5): the record is not the log's entry at index 5 (its inclusion proof fails: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anAlteredFigureFailsNamingTheFigure() throws Exception {
        String json = report(Q4);
        String altered = json.replace("{\"figure\":\"engagements-declared\",\"group\":null,\"count\":2,\"indices\":[3,5]}",
                "{\"figure\":\"engagements-declared\",\"group\":null,\"count\":1,\"indices\":[3]}");
        assertThat(altered).isNotEqualTo(json);
        assertThatThrownBy(() -> verify(altered)).hasMessage("figure engagements-declared: the file says 1, the records give 2");

        String moved = json.replace("{\"figure\":\"engagements-declared-by-country\",\"group\":\"DE\",\"count\":1,\"indices\":[5]}",
                "{\"figure\":\"engagements-declared-by-country\",\"group\":\"FR\",\"count\":1,\"indices\":[5]}");
        assertThat(moved).isNotEqualTo(json);
        assertThatThrownBy(() -> verify(moved)).hasMessage("figure engagements-declared-by-country[FR]: the file says 1, the records give 0");

        String inconsistent = json.replace("\"count\":2,\"indices\":[3,5]", "\"count\":3,\"indices\":[3,5]");
        assertThatThrownBy(() -> verify(inconsistent)).hasMessageContaining("says count 3 but lists 2 records");
    }

    @Test
    void aMissingRecordOrBoundaryFails() throws Exception {
        String json = report(Q4);
        String dropped = dropLine(json, "\"index\":7,");
        assertThatThrownBy(() -> verify(dropped)).hasMessage("log index 7 is in the covered range [3, 12) but not in the file: a record is missing");

        // Narrowing the range to leave a record of the quarter out: the record "before" the range is of the quarter.
        String narrowed = json.replace("\"start\":3,", "\"start\":4,")
                .replace("\"index\":2,\"role\":\"before\"", "\"index\":2,\"role\":\"reference\"")
                .replace("\"index\":3,\"role\":\"range\"", "\"index\":3,\"role\":\"before\"");
        assertThatThrownBy(() -> verify(narrowed)).hasMessage("line " + lineOf(json, "\"index\":3,")
                + " (log index 3): the record before the range was logged in or after 2026-Q4, so the range does not start at the quarter");
        String withoutBefore = dropLine(json, "\"index\":2,");
        assertThatThrownBy(() -> verify(withoutBefore)).hasMessageStartingWith("the record just before the range (log index 2) is not in the file");

        String noAfter = dropLine(json, "\"index\":12,");
        assertThatThrownBy(() -> verify(noAfter)).hasMessageContaining("the record just after the range (log index 12) is not in the file");

        String claimsPartial = json.replace("\"partial\":false", "\"partial\":true");
        assertThatThrownBy(() -> verify(claimsPartial)).hasMessage("partial: the file says true, but the range ends before the checkpoint's last record");

        String noReference = dropLine(json, "\"index\":1,");
        assertThatThrownBy(() -> verify(noReference)).hasMessageContaining("(log index 5): counted in engagements-declared-by-country, but the customer.registered record about customer/2");
    }

    @Test
    void removingACosignatureBelowTheQuorumFails() throws Exception {
        String json = report(Q4);
        String note = new String(checkpoint, StandardCharsets.UTF_8);
        String[] lines = note.split("\n");
        String w1 = java.util.Arrays.stream(lines).filter(l -> l.startsWith("\u2014 w1.example ")).findFirst().orElseThrow();
        String w2 = java.util.Arrays.stream(lines).filter(l -> l.startsWith("\u2014 w2.example ")).findFirst().orElseThrow();
        String one = json.replace(jsonString(w1 + "\n"), "");
        assertThat(verify(one).checkpoint().size()).as("two of three still meet 2-of-3").isEqualTo(13);
        String none = one.replace(jsonString(w2 + "\n"), "");
        assertThat(none).isNotEqualTo(one);
        assertThatThrownBy(() -> verify(none)).hasMessageStartingWith("checkpoint: not trusted by the policy: witness quorum not met");
    }

    @Test
    void malformedFilesAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> verify("{\"format\":\"plumbline.org/transparency-report/v1\",\n\"surprise\":1}"))
                .hasMessage("line 2: unknown member \"surprise\"");
        assertThatThrownBy(() -> verify("[]")).hasMessage("line 1: not a JSON object");
        assertThatThrownBy(() -> verify("{\"format\":\"other\"}")).hasMessageContaining("format: expected");
    }

    @Test
    void theJsonFileReadsBackAsWrittenAndTheCsvCarriesTheSameRecords() throws Exception {
        TransparencyReport r = source().assemble(Q4, checkpoint, 1000);
        TransparencyReport back = TransparencyReport.parse(r.toJson());
        assertThat(back.toJson()).isEqualTo(r.toJson());
        String csv = new String(r.toCsv(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("kind,name,value,index,record,proof\r\n").contains("figure,engagements-declared,2,,3 5,\r\n");
        assertThat(csv.split("\r\nrecord,", -1)).hasSize(r.lines().size() + 1);
        assertThatThrownBy(() -> source().assemble(Q4, checkpoint, 5)).hasMessage("2026-Q4 has 9 records, more than a report holds (5)");
    }

    private static int lineOf(String json, String marker) {
        String[] lines = json.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("{" + marker)) return i + 1;
        }
        throw new AssertionError(marker);
    }

    /** The file without the array element on the line starting with {@code marker}, still valid JSON. */
    private static String dropLine(String json, String marker) {
        List<String> lines = new ArrayList<>(List.of(json.split("\n", -1)));
        int at = lineOf(json, marker) - 1;
        String gone = lines.remove(at);
        if (!gone.endsWith("},")) {  // the array's last element: its closing moves to the element before
            String previous = lines.get(at - 1);
            lines.set(at - 1, previous.substring(0, previous.length() - 1) + gone.substring(gone.lastIndexOf("}]") + 1));
        }
        return String.join("\n", lines);
    }

    private static String jsonString(String s) throws Exception {
        String q = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        return q.substring(1, q.length() - 1);
    }
}
