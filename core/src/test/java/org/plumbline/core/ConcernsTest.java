package org.plumbline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.domain.CaseOrigin;
import org.plumbline.core.domain.ConflictException;
import org.plumbline.core.domain.ValidationException;
import java.util.List;
import org.plumbline.core.intake.Argon2id;
import org.plumbline.core.intake.Attachment;
import org.plumbline.core.intake.NewAttachment;
import org.plumbline.core.intake.ConcernMessage;
import org.plumbline.core.intake.ConcernStatus;
import org.plumbline.core.intake.CryptoFailure;
import org.plumbline.core.intake.Receipt;
import org.plumbline.core.intake.ReceiptKeys;
import org.plumbline.core.intake.RecipientKey;
import org.plumbline.core.record.LogRecord;

class ConcernsTest {
    @AutoClose
    private static final Fixture f = new Fixture();
    /** A cheap cost for tests of the bookkeeping; the real one is Argon2id.RECEIPT (checked in Argon2idTest). */
    private static final Argon2id CHEAP = new Argon2id(64, 1, 1);
    private final SecureRandom random = new SecureRandom();

    private ReceiptKeys keys(Receipt r) {
        return ReceiptKeys.derive(r, f.core.concerns().receiptSalt(), CHEAP);
    }

    private RecipientKey recipient(String account, String password) {
        RecipientKey k = RecipientKey.create(account, password, random);
        f.core.concerns().enrolRecipient(k);
        return k;
    }

    @Test
    void aReportIsLoggedAsACommitmentAndTheDayAndOpensWithItsReceiptOnly() {
        Receipt receipt = Receipt.generate(random);
        long before = f.logCount();
        f.clock.set(java.time.Instant.parse("2026-03-04T13:37:21.123Z"));
        Concerns.Submitted s = f.core.concerns().submit("Audio of calls is archived in westeurope", "ENG-7", keys(receipt));
        assertThat(f.logCount()).isEqualTo(before + 1);
        LogRecord record = LogRecord.parse(f.core.records().record(s.logIndex()).orElseThrow());
        assertThat(record.type()).isEqualTo("concern.received");
        assertThat(record.actor()).isEqualTo("reporter");
        assertThat(record.time()).isEqualTo("2026-03-04T00:00:00Z"); // the day, never the time of day
        assertThat(new String(record.bytes())).doesNotContain("Audio").doesNotContain("ENG-7").doesNotContain("13:37");
        assertThat(record.fields().get("day").asText()).isEqualTo("2026-03-04");

        Concerns.ReporterAccess access = f.core.concerns().open(keys(receipt)).orElseThrow();
        Concerns.Conversation view = f.core.concerns().reporterView(access);
        assertThat(view.concern().status()).isEqualTo(ConcernStatus.RECEIVED);
        assertThat(view.messages()).extracting(ConcernMessage::text)
                .containsExactly("Topic: ENG-7\n\nAudio of calls is archived in westeurope");
        // The opening the reporter can show an auditor opens the logged commitment, and nothing else does.
        assertThat(view.opening().opens(record.fields().get("commitment").asText())).isTrue();
        assertThat(new String(view.opening().canonical()))
                .isEqualTo("{\"message\":\"Audio of calls is archived in westeurope\",\"topic\":\"ENG-7\"}");

        assertThat(f.core.concerns().open(keys(Receipt.generate(random)))).isEmpty();
        // Nothing in the database holds the report in the clear.
        String dump = f.db.withHandle(h -> h.createQuery("SELECT string_agg(encode(receipt_wrapped, 'escape') || encode(opening, 'escape'), '') FROM concern")
                .mapTo(String.class).one());
        assertThat(dump).doesNotContain("westeurope");
    }

    @Test
    void recipientsReadReplyAndTheReporterSeesIt() {
        RecipientKey anna = recipient("user/anna-" + random.nextInt(1_000_000), "anna's password");
        Receipt receipt = Receipt.generate(random);
        Concerns.Submitted s = f.core.concerns().submit("The unit stores intercepted calls", null, keys(receipt));

        byte[] annaKey = anna.unlock("anna's password");
        long before = f.logCount();
        Concerns.Conversation read = f.core.concerns().read(s.id(), anna.account(), annaKey);
        assertThat(read.messages()).extracting(ConcernMessage::text).containsExactly("The unit stores intercepted calls");
        assertThat(f.logCount()).isEqualTo(before + 1); // concern.read
        f.core.concerns().read(s.id(), anna.account(), annaKey);
        assertThat(f.logCount()).isEqualTo(before + 1); // within the hour: no second record

        f.core.concerns().reply(s.id(), anna.account(), "Thank you. Which region?", null);
        Concerns.ReporterAccess access = f.core.concerns().open(keys(receipt)).orElseThrow();
        Concerns.Conversation view = f.core.concerns().reporterView(access);
        assertThat(view.concern().status()).isEqualTo(ConcernStatus.ACKNOWLEDGED);
        assertThat(view.messages()).extracting(ConcernMessage::from).containsExactly("reporter", "recipient");
        f.core.concerns().reporterMessage(access, "westeurope");
        assertThat(f.core.concerns().read(s.id(), anna.account(), annaKey).messages()).hasSize(3);

        assertThatThrownBy(() -> f.core.concerns().reply(s.id(), anna.account(), null, ConcernStatus.RECEIVED))
                .isInstanceOf(ValidationException.class);
        f.core.concerns().reply(s.id(), anna.account(), "We have closed this with feedback.", ConcernStatus.CLOSED);
        assertThat(f.core.concerns().get(s.id()).status()).isEqualTo(ConcernStatus.CLOSED);
    }

    @Test
    void aLaterRecipientGetsEarlierReportsOnlyWhenARecipientSharesThemOnTheRecord() {
        RecipientKey first = recipient("user/first-" + random.nextInt(1_000_000), "pw one");
        Concerns.Submitted s = f.core.concerns().submit("before the second recipient", null, keys(Receipt.generate(random)));
        RecipientKey second = recipient("user/second-" + random.nextInt(1_000_000), "pw two");
        assertThatThrownBy(() -> f.core.concerns().read(s.id(), second.account(), second.unlock("pw two")))
                .isInstanceOf(ConflictException.class);
        f.core.concerns().read(s.id(), first.account(), first.unlock("pw one"));
        assertThatThrownBy(() -> f.core.concerns().read(s.id(), second.account(), second.unlock("pw two")))
                .as("reading does not share").isInstanceOf(ConflictException.class);
        assertThat(f.core.concerns().recipientsWithout(s.id())).contains(second.account());
        // The one without the key cannot share it; the one with it can, once, and it is on the record.
        assertThatThrownBy(() -> f.core.concerns().share(s.id(), second.account(), second.unlock("pw two"), first.account()))
                .isInstanceOf(ConflictException.class);
        f.core.concerns().share(s.id(), first.account(), first.unlock("pw one"), second.account());
        assertThat(f.core.concerns().read(s.id(), second.account(), second.unlock("pw two")).messages()).hasSize(1);
        assertThat(f.core.records().forSubject("concern/" + s.id())).extracting(r -> r.type()).contains("concern.shared");
        assertThatThrownBy(() -> f.core.concerns().share(s.id(), first.account(), first.unlock("pw one"), second.account()))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> f.core.concerns().share(s.id(), first.account(), first.unlock("pw one"), "user/nobody"))
                .isInstanceOf(org.plumbline.core.domain.NotFoundException.class);
    }

    @Test
    void aPasswordChangeRewrapsTheSameKeyPair() {
        RecipientKey k = recipient("user/rewrap-" + random.nextInt(1_000_000), "old password");
        Concerns.Submitted s = f.core.concerns().submit("rewrap", null, keys(Receipt.generate(random)));
        RecipientKey rewrapped = k.rewrap("old password", "new password", random);
        f.core.concerns().rewrapRecipient(rewrapped);
        RecipientKey stored = f.core.concerns().recipientKey(k.account()).orElseThrow();
        assertThatThrownBy(() -> stored.unlock("old password")).isInstanceOf(CryptoFailure.class);
        assertThat(f.core.concerns().read(s.id(), k.account(), stored.unlock("new password")).messages()).hasSize(1);
        assertThatThrownBy(() -> k.rewrap("wrong", "x", random)).isInstanceOf(CryptoFailure.class);
    }

    @Test
    void openingACaseLinksItAndMovesTheReportUnderReview() {
        RecipientKey k = recipient("user/case-" + random.nextInt(1_000_000), "pw");
        Concerns.Submitted s = f.core.concerns().submit("case please", null, keys(Receipt.generate(random)));
        CaseFile c = f.core.concerns().openCase(s.id(), null, "Concern about storage", "See concern " + s.id(), k.account());
        assertThat(c.origin()).isEqualTo(CaseOrigin.CONCERN);
        assertThat(c.originRef()).isEqualTo("concern/" + s.id());
        assertThat(f.core.concerns().get(s.id()).caseId()).isEqualTo(c.id());
        assertThat(f.core.concerns().get(s.id()).status()).isEqualTo(ConcernStatus.UNDER_REVIEW);
        assertThatThrownBy(() -> f.core.concerns().openCase(s.id(), null, "again", "again", k.account()))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void closedReportsLoseTheirCiphertextAfterTheRetentionTimeAndTheLogKeepsTheCommitment() {
        RecipientKey k = recipient("user/retention-" + random.nextInt(1_000_000), "pw");
        Receipt receipt = Receipt.generate(random);
        Concerns.Submitted s = f.core.concerns().submit("to be forgotten", null, keys(receipt));
        f.core.concerns().reply(s.id(), k.account(), "Closed with feedback.", ConcernStatus.CLOSED);
        assertThat(f.core.concerns().purgeClosed(java.time.Period.ofMonths(12))).isZero(); // not yet
        f.clock.advance(Duration.ofDays(366 + 31));
        long log = f.logCount();
        assertThat(f.core.concerns().purgeClosed(java.time.Period.ofMonths(12))).isGreaterThanOrEqualTo(1);
        assertThat(f.logCount()).isGreaterThan(log);
        assertThat(f.core.records().forSubject("concern/" + s.id())).extracting(r -> r.type())
                .contains("concern.received", "concern.purged");
        long messages = f.db.withHandle(h -> h.createQuery("SELECT count(*) FROM concern_message WHERE concern_id = :id")
                .bind("id", s.id()).mapTo(Long.class).one());
        assertThat(messages).isZero();
        assertThat(f.core.concerns().open(keys(receipt))).isEmpty();
        assertThatThrownBy(() -> f.core.concerns().read(s.id(), k.account(), k.unlock("pw")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("deleted");
        assertThat(f.core.concerns().get(s.id()).status()).isEqualTo(ConcernStatus.CLOSED);
        assertThat(f.core.concerns().purgeClosed(java.time.Period.ofMonths(12))).isZero(); // once
    }

    private static NewAttachment file(String name, String type, String content) {
        return new NewAttachment(name, type, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void attachmentsAreSealedToTheReportReadByBothSidesAndARecipientsDownloadIsLogged() {
        RecipientKey k = recipient("user/files-" + random.nextInt(1_000_000), "pw");
        Receipt receipt = Receipt.generate(random);
        String secret = "FILE-SECRET-" + random.nextInt(1_000_000);
        Concerns.Submitted s = f.core.concerns().submit("see the file", null, keys(receipt),
                List.of(file(secret + ".txt", "text/plain; charset=utf-8", secret + " inside")));
        Concerns.ReporterAccess access = f.core.concerns().open(keys(receipt)).orElseThrow();
        List<Attachment> all = f.core.concerns().addAttachments(access, List.of(file("second.html", "text/html", "<script>x</script>")));
        assertThat(all).extracting(Attachment::number, Attachment::name, Attachment::mediaType, Attachment::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, secret + ".txt", "text/plain", (long) (secret + " inside").length()),
                        org.assertj.core.groups.Tuple.tuple(2, "second.html", "text/html", 18L));
        assertThat(f.core.concerns().reporterView(access).attachments()).isEqualTo(all);
        assertThat(new String(f.core.concerns().reporterAttachment(access, 1).content())).isEqualTo(secret + " inside");

        long log = f.logCount();
        Attachment.File got = f.core.concerns().attachment(s.id(), 2, k.account(), k.unlock("pw"));
        assertThat(new String(got.content())).isEqualTo("<script>x</script>");
        assertThat(f.logCount()).isEqualTo(log + 1);
        LogRecord read = LogRecord.parse(f.core.records().record(log).orElseThrow());
        assertThat(read.type()).isEqualTo("concern.attachment-read");
        assertThat(read.actor()).isEqualTo(k.account());
        assertThat(read.fields().get("attachment").asInt()).isEqualTo(2);
        assertThat(new String(read.bytes())).doesNotContain("second.html");
        assertThatThrownBy(() -> f.core.concerns().attachment(s.id(), 3, k.account(), k.unlock("pw")))
                .isInstanceOf(org.plumbline.core.domain.NotFoundException.class);
        assertThat(f.logCount()).isEqualTo(log + 1);

        // Neither the bytes nor the name are anywhere in the clear.
        String dump = f.db.withHandle(h -> h.createQuery("SELECT string_agg(encode(sealed, 'escape') || encode(sealed_about, 'escape'), '') "
                + "FROM concern_attachment").mapTo(String.class).one());
        assertThat(dump).doesNotContain(secret).doesNotContain("second.html");

        // Retention deletes them with the report.
        f.core.concerns().reply(s.id(), k.account(), "Closed.", ConcernStatus.CLOSED);
        f.clock.advance(Duration.ofDays(366 + 31));
        f.core.concerns().purgeClosed(java.time.Period.ofMonths(12));
        long left = f.db.withHandle(h -> h.createQuery("SELECT count(*) FROM concern_attachment WHERE concern_id = :id")
                .bind("id", s.id()).mapTo(Long.class).one());
        assertThat(left).isZero();
    }

    @Test
    void attachmentLimitsAndBadNamesAreRefusedAndChangeNothing() {
        Receipt receipt = Receipt.generate(random);
        Concerns.Submitted s = f.core.concerns().submit("files to come", null, keys(receipt));
        Concerns.ReporterAccess access = f.core.concerns().open(keys(receipt)).orElseThrow();
        long log = f.logCount();
        long rows = f.rows("concern");
        ReceiptKeys k = keys(Receipt.generate(random));
        List<List<NewAttachment>> bad = List.of(
                List.of(file("", "text/plain", "x")),
                List.of(file("a\u0000b.txt", "text/plain", "x")),
                List.of(file("line\nbreak.txt", "text/plain", "x")),
                List.of(file("gpj\u202Eexe.txt", "text/plain", "x")),
                List.of(file("n".repeat(Concerns.MAX_FILE_NAME_CHARS + 1), "text/plain", "x")),
                List.of(file("empty.txt", "text/plain", "")),
                List.of(file("type.txt", "text/<html>", "x")),
                List.of(new NewAttachment("big.bin", null, new byte[(int) Concerns.MAX_ATTACHMENT_BYTES + 1])),
                java.util.Collections.nCopies(Concerns.MAX_ATTACHMENTS + 1, file("many.txt", null, "x")));
        for (List<NewAttachment> files : bad) {
            assertThatThrownBy(() -> f.core.concerns().submit("with a bad file", null, k, files))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("files");
            assertThatThrownBy(() -> f.core.concerns().addAttachments(access, files)).isInstanceOf(ValidationException.class);
        }
        assertThat(f.logCount()).isEqualTo(log);
        assertThat(f.rows("concern")).isEqualTo(rows);
        // The count and the total are over what the report holds already.
        f.core.concerns().addAttachments(access, java.util.Collections.nCopies(Concerns.MAX_ATTACHMENTS - 1, file("one.txt", null, "x")));
        assertThatThrownBy(() -> f.core.concerns().addAttachments(access, List.of(file("a", null, "x"), file("b", null, "y"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("holds 9");
        f.core.concerns().addAttachments(access, List.of(file("tenth.txt", null, "x")));
        assertThat(f.core.concerns().reporterView(access).attachments()).hasSize(Concerns.MAX_ATTACHMENTS);
        Receipt other = Receipt.generate(random);
        f.core.concerns().submit("a big one", null, keys(other));
        Concerns.ReporterAccess big = f.core.concerns().open(keys(other)).orElseThrow();
        byte[] twentyFour = new byte[24 * 1024 * 1024];
        for (int i = 0; i < 4; i++) f.core.concerns().addAttachments(big, List.of(new NewAttachment("part" + i, null, twentyFour)));
        assertThatThrownBy(() -> f.core.concerns().addAttachments(big, List.of(new NewAttachment("over", null, new byte[5 * 1024 * 1024]))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("100 MiB together");
        assertThat(f.core.concerns().reporterView(big).attachments()).hasSize(4);
        assertThat(s.id()).isPositive();
    }

    @Test
    void aReportLinksToAnExistingCaseOnTheRecord() {
        RecipientKey k = recipient("user/link-" + random.nextInt(1_000_000), "pw");
        Concerns.Submitted s = f.core.concerns().submit("about a case already open", null, keys(Receipt.generate(random)));
        CaseFile existing = f.core.cases().open(new org.plumbline.core.domain.NewCase(null, CaseOrigin.MANUAL, null,
                "Existing", "An existing case", true, null), k.account());
        assertThatThrownBy(() -> f.core.concerns().linkCase(s.id(), 99_999_999L, k.account()))
                .isInstanceOf(org.plumbline.core.domain.NotFoundException.class);
        var linked = f.core.concerns().linkCase(s.id(), existing.id(), k.account());
        assertThat(linked.caseId()).isEqualTo(existing.id());
        assertThat(linked.status()).isEqualTo(ConcernStatus.UNDER_REVIEW);
        assertThat(f.core.records().forSubject("concern/" + s.id())).extracting(r -> r.type()).contains("concern.linked");
        assertThatThrownBy(() -> f.core.concerns().linkCase(s.id(), existing.id(), k.account()))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void badInputChangesNothing() {
        long log = f.logCount();
        long rows = f.rows("concern");
        ReceiptKeys k = keys(Receipt.generate(random));
        assertThatThrownBy(() -> f.core.concerns().submit(" ", null, k)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.core.concerns().submit("x".repeat(Concerns.MAX_MESSAGE_CHARS + 1), null, k))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.core.concerns().submit("nul\u0000", null, k)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.core.concerns().submit("ok", "line\nbreak", k)).isInstanceOf(ValidationException.class);
        assertThat(f.logCount()).isEqualTo(log);
        assertThat(f.rows("concern")).isEqualTo(rows);
    }

    @Test
    void deadlinesAreCountedFromTheDayOfReceipt() {
        f.clock.set(java.time.Instant.parse("2026-05-10T23:59:00Z"));
        Concerns.Submitted s = f.core.concerns().submit("deadline", null, keys(Receipt.generate(random)));
        var c = f.core.concerns().get(s.id());
        assertThat(c.receivedOn()).isEqualTo(LocalDate.parse("2026-05-10"));
        assertThat(c.deadlines().acknowledgeBy()).isEqualTo(LocalDate.parse("2026-05-17"));
        f.clock.advance(Duration.ofDays(8));
        assertThat(c.deadlines().acknowledgementOverdue(c.status(), LocalDate.parse("2026-05-18"))).isTrue();
    }
}
