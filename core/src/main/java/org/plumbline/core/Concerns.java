package org.plumbline.core;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.domain.CaseOrigin;
import org.plumbline.core.domain.ConflictException;
import org.plumbline.core.domain.NewCase;
import org.plumbline.core.domain.NotFoundException;
import org.plumbline.core.domain.ValidationException;
import org.plumbline.core.intake.Attachment;
import org.plumbline.core.intake.Concern;
import org.plumbline.core.intake.ConcernMessage;
import org.plumbline.core.intake.ConcernStatus;
import org.plumbline.core.intake.CryptoFailure;
import org.plumbline.core.intake.Hpke;
import org.plumbline.core.intake.KeyWrap;
import org.plumbline.core.intake.NewAttachment;
import org.plumbline.core.intake.ReceiptKeys;
import org.plumbline.core.intake.RecipientKey;
import org.plumbline.core.intake.ReportCommitment;
import org.plumbline.core.record.LogRecord;

/**
 * Reports of concerns (issue 10): submitted anonymously, kept encrypted, answered by recipients, proved by
 * a {@code concern.received} record that carries only a salted commitment and the day.
 *
 * <p>What is encrypted, and to what: each report has its own HPKE key pair ({@link Hpke}); its first message,
 * every later message and the opening of its commitment are sealed to the report's public key; the report's
 * private key is wrapped under the key its receipt derives ({@link ReceiptKeys}) and sealed to each
 * recipient's public key ({@link RecipientKey}). No method here sees a receipt or a password: the server
 * derives keys from them (the Argon2id work, bounded by its hashing slots) and passes the results in.
 *
 * <p>Times: the intake keeps days, never instants, for what a reporter does ({@code concern.received} is
 * timed at midnight UTC of its day). What recipients do (reads, status changes) is staff work and is logged
 * like the rest of it.
 */
public final class Concerns {
    public static final int MAX_MESSAGE_CHARS = 20_000;
    public static final int MAX_TOPIC_CHARS = 200;
    /** Messages a report's conversation may hold, both sides together: bounds what one receipt can store. */
    public static final int MAX_MESSAGES = 200;
    /** The most one attached file may hold. */
    public static final long MAX_ATTACHMENT_BYTES = 25L * 1024 * 1024;
    /** Files a report may hold, however many times the reporter comes back to add some. */
    public static final int MAX_ATTACHMENTS = 10;
    /** The most a report's files may hold together: bounds what one receipt can store. */
    public static final long MAX_ATTACHMENTS_TOTAL_BYTES = 100L * 1024 * 1024;
    public static final int MAX_FILE_NAME_CHARS = 255;
    /** A media type the browser claimed, kept for display; longer ones are refused. */
    public static final int MAX_MEDIA_TYPE_CHARS = 100;
    /** What a file is called when the browser claimed no media type. */
    public static final String UNKNOWN_MEDIA_TYPE = "application/octet-stream";
    private static final java.util.regex.Pattern MEDIA_TYPE =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*");
    /** The actor of records a reporter causes: no account, no name. */
    public static final String REPORTER_ACTOR = "reporter";

    private final Core core;
    private final SecureRandom random = new SecureRandom();

    Concerns(Core core) {
        this.core = core;
    }

    /** A submitted report: its number and the log index of its {@code concern.received}. */
    public record Submitted(long id, long logIndex) {}

    /** What a correct receipt opens: the report and its private key. Kept in memory only, by the server. */
    public static final class ReporterAccess {
        private final long id;
        private final byte[] privateKey;

        ReporterAccess(long id, byte[] privateKey) {
            this.id = id;
            this.privateKey = privateKey;
        }

        public long id() {
            return id;
        }

        @Override
        public String toString() {
            return "ReporterAccess[concern/" + id + ", key hidden]";
        }
    }

    /**
     * A report decrypted: its status, conversation, the files attached (listed, not their content) and the
     * opening of its logged commitment.
     *
     * @param opening the salt and canonical report that open the commitment in {@code concern.received}
     */
    public record Conversation(Concern concern, List<ConcernMessage> messages, List<Attachment> attachments,
                               ReportCommitment opening) {}

    /** The installation's salt for receipt derivation; made on first use. */
    public byte[] receiptSalt() {
        byte[] candidate = new byte[ReceiptKeys.SALT_BYTES];
        random.nextBytes(candidate);
        return core.db().inTransaction(h -> ConcernStore.receiptSalt(h, candidate));
    }

    /**
     * Stores a new report and appends {@code concern.received} (commitment and day only), in one transaction.
     *
     * @param receipt what the new receipt derives (the server made the receipt and shows it, once)
     */
    public Submitted submit(String message, String topic, ReceiptKeys receipt) {
        return submit(message, topic, receipt, List.of());
    }

    /**
     * Stores a new report with the files sent with it, all sealed to the report's key before the transaction
     * writes anything, and appends {@code concern.received}, in one transaction. The commitment covers the
     * message and topic, not the files (they can be added later, so the record's commitment is to what the
     * report says).
     *
     * @param receipt what the new receipt derives (the server made the receipt and shows it, once)
     * @throws ValidationException naming the field, before anything is stored
     */
    public Submitted submit(String message, String topic, ReceiptKeys receipt, List<NewAttachment> files) {
        validateReport(message, topic);
        validateAttachments(files, 0, 0);
        String normalisedTopic = topic == null || topic.isBlank() ? null : topic.strip();
        Hpke.KeyPair pair = Hpke.generate();
        ReportCommitment commitment = ReportCommitment.of(message, normalisedTopic, random);
        LocalDate today = today();
        return core.db().inTransaction(h -> {
            long id = ConcernStore.nextId(h);
            LogRecord.Sealed record = core.seal(LogRecord.builder("concern.received", "concern/" + id, REPORTER_ACTOR,
                            today.atStartOfDay(ZoneOffset.UTC).toInstant())
                    .field("commitment", commitment.hex())
                    .field("day", today.toString()));
            long idx = LogEntries.append(h, record);
            byte[] opening = Hpke.seal(pair.publicKey(), openingBytes(commitment), info("opening", id, ""));
            byte[] wrapped = KeyWrap.wrap(receipt.wrappingKey(), pair.privateKey(), receiptBinding(id));
            ConcernStore.insert(h, id, receipt.lookup(), pair.publicKey(), wrapped, opening, today, idx);
            String first = normalisedTopic == null ? message : "Topic: " + normalisedTopic + "\n\n" + message;
            addMessage(h, id, pair.publicKey(), ConcernMessage.REPORTER, first, today);
            for (NewAttachment file : files) addAttachment(h, id, pair.publicKey(), file, today);
            for (RecipientKey recipient : ConcernStore.recipients(h)) {
                ConcernStore.insertKey(h, id, recipient.account(),
                        Hpke.seal(recipient.publicKey(), pair.privateKey(), info("key", id, recipient.account())));
            }
            return new Submitted(id, idx);
        });
    }

    /**
     * Checks a report before anything is spent on it (the server calls this before deriving the receipt's keys).
     *
     * @throws ValidationException naming each bad field
     */
    public static void validateReport(String message, String topic) {
        String normalisedTopic = topic == null || topic.isBlank() ? null : topic.strip();
        new ValidationException.Collector()
                .check(message == null || message.isBlank(), "message", "is required")
                .check(message != null && message.length() > MAX_MESSAGE_CHARS, "message",
                        "must be at most " + MAX_MESSAGE_CHARS + " characters")
                .check(normalisedTopic != null && normalisedTopic.length() > MAX_TOPIC_CHARS, "topic",
                        "must be at most " + MAX_TOPIC_CHARS + " characters")
                .text("message", message, true)
                .text("topic", normalisedTopic, false)
                .throwIfAny();
    }

    /**
     * Checks files before anything is spent on them: their number and size together with what the report holds
     * already, and each file's name and media type.
     *
     * @throws ValidationException on the field {@code files}, saying which file and what is wrong
     */
    public static void validateAttachments(List<NewAttachment> files, int heldCount, long heldBytes) {
        List<String> problems = new ArrayList<>();
        if (heldCount + files.size() > MAX_ATTACHMENTS) {
            problems.add("a report holds at most " + MAX_ATTACHMENTS + " files; this one " + (heldCount == 0 ? ""
                    : "holds " + heldCount + " and ") + "would get " + files.size() + " more");
        }
        long total = heldBytes;
        for (int i = 0; i < files.size(); i++) {
            NewAttachment f = files.get(i);
            String which = "file " + (i + 1);
            int size = f.content() == null ? 0 : f.content().length;
            total += size;
            String name = f.name();
            if (name == null || name.isBlank()) {
                problems.add(which + " has no name");
            } else if (name.length() > MAX_FILE_NAME_CHARS) {
                problems.add(which + "'s name is longer than " + MAX_FILE_NAME_CHARS + " characters");
            } else if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
                // Format characters too: a right-to-left override makes "gpj.exe" look like "exe.jpg".
                problems.add(which + "'s name holds control or formatting characters");
            }
            if (size == 0) problems.add(which + " is empty");
            if (size > MAX_ATTACHMENT_BYTES) problems.add(which + " is larger than " + mib(MAX_ATTACHMENT_BYTES) + " MiB");
            if (f.mediaType() != null && !f.mediaType().isBlank()
                    && (f.mediaType().length() > MAX_MEDIA_TYPE_CHARS || !MEDIA_TYPE.matcher(mediaType(f)).matches())) {
                problems.add(which + " has no valid media type");
            }
        }
        if (total > MAX_ATTACHMENTS_TOTAL_BYTES) {
            problems.add("a report's files hold at most " + mib(MAX_ATTACHMENTS_TOTAL_BYTES) + " MiB together");
        }
        if (!problems.isEmpty()) throw ValidationException.of("files", String.join("; ", problems));
    }

    /** The type part of a claimed media type (parameters such as charset dropped), or the unknown type. */
    private static String mediaType(NewAttachment f) {
        if (f.mediaType() == null || f.mediaType().isBlank()) return UNKNOWN_MEDIA_TYPE;
        int semicolon = f.mediaType().indexOf(';');
        return (semicolon < 0 ? f.mediaType() : f.mediaType().substring(0, semicolon)).strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }

    /**
     * The reporter adds files to their report (after its receipt opened it), sealed to the report's key.
     *
     * @return every file the report now holds
     * @throws ValidationException if there would be too many or too large files, or a bad name or type
     */
    public List<Attachment> addAttachments(ReporterAccess access, List<NewAttachment> files) {
        if (files.isEmpty()) throw ValidationException.of("files", "choose at least one file");
        validateAttachments(files, 0, 0);
        return core.db().inTransaction(h -> {
            ConcernStore.lock(h, access.id).orElseThrow(() -> new NotFoundException("concern/" + access.id));
            refusePurged(h, access.id);
            ConcernStore.AttachmentTotals held = ConcernStore.attachmentTotals(h, access.id);
            validateAttachments(files, held.count(), held.sealedBytes() - (long) held.count() * Hpke.OVERHEAD);
            byte[] publicKey = ConcernStore.sealed(h, access.id).orElseThrow().publicKey();
            LocalDate today = today();
            for (NewAttachment file : files) addAttachment(h, access.id, publicKey, file, today);
            return attachments(h, access.id, access.privateKey);
        });
    }

    /** A file of the reporter's own report, for the reporter. */
    public Attachment.File reporterAttachment(ReporterAccess access, int number) {
        return core.db().withHandle(h -> attachment(h, access.id, number, access.privateKey));
    }

    /**
     * A file of a report, for a recipient, and {@code concern.attachment-read} (which file; who and when): a
     * download is a read of the report and is logged as one, every time.
     *
     * @throws NotFoundException if the report has no such file
     * @throws ConflictException if the report's key was never sealed to this recipient, or it was purged
     */
    public Attachment.File attachment(long id, int number, String account, byte[] recipientPrivateKey) {
        return core.db().inTransaction(h -> {
            ConcernStore.lock(h, id).orElseThrow(() -> new NotFoundException("concern/" + id));
            refusePurged(h, id);
            byte[] reportKey = reportKey(h, id, account, recipientPrivateKey);
            Attachment.File file = attachment(h, id, number, reportKey);
            LogEntries.append(h, core.seal(LogRecord.builder("concern.attachment-read", "concern/" + id, account, core.now())
                    .field("attachment", number)));
            return file;
        });
    }

    /** The report a receipt opens, if any: empty for a receipt no report has (nothing is said about why). */
    public Optional<ReporterAccess> open(ReceiptKeys receipt) {
        return core.db().withHandle(h -> ConcernStore.byLookup(h, receipt.lookup())).flatMap(s -> {
            try {
                byte[] privateKey = KeyWrap.unwrap(receipt.wrappingKey(), s.receiptWrapped(), receiptBinding(s.id()));
                return Hpke.matches(s.publicKey(), privateKey) ? Optional.of(new ReporterAccess(s.id(), privateKey)) : Optional.empty();
            } catch (CryptoFailure e) {
                return Optional.empty();
            }
        });
    }

    /** The reporter's view of their report. */
    public Conversation reporterView(ReporterAccess access) {
        return core.db().withHandle(h -> conversation(h, access.id, access.privateKey));
    }

    /** A message from the reporter. */
    public void reporterMessage(ReporterAccess access, String text) {
        validateMessage(text);
        core.db().inTransaction(h -> {
            ConcernStore.lock(h, access.id).orElseThrow(() -> new NotFoundException("concern/" + access.id));
            byte[] publicKey = ConcernStore.sealed(h, access.id).orElseThrow().publicKey();
            addMessage(h, access.id, publicKey, ConcernMessage.REPORTER, text, today());
            return null;
        });
    }

    /** Every report, oldest first: headers and deadlines, no content. */
    public List<Concern> list() {
        return core.db().withHandle(ConcernStore::list);
    }

    public Concern get(long id) {
        return core.db().withHandle(h -> ConcernStore.get(h, id)).orElseThrow(() -> new NotFoundException("concern/" + id));
    }

    /**
     * Reads a report for a recipient with their unlocked private key, and appends {@code concern.read} (who,
     * when, which report; never content) unless the same recipient's read of it is less than an hour old, as
     * for cases.
     *
     * @throws ConflictException if the report's key was never sealed to this recipient (see {@link #share})
     */
    public Conversation read(long id, String account, byte[] recipientPrivateKey) {
        return core.db().inTransaction(h -> {
            ConcernStore.lock(h, id).orElseThrow(() -> new NotFoundException("concern/" + id));
            refusePurged(h, id);
            byte[] reportKey = reportKey(h, id, account, recipientPrivateKey);
            java.time.Instant now = core.now();
            if (!LogEntries.loggedAfter(h, "concern.read", "concern/" + id, account, now.minus(Cases.READ_COALESCED))) {
                LogEntries.append(h, core.seal(LogRecord.builder("concern.read", "concern/" + id, account, now)));
            }
            return conversation(h, id, reportKey);
        });
    }

    /**
     * Seals a report's key to another recipient, by the explicit act of one who holds it, and appends
     * {@code concern.shared} (who shared, with whom). Never automatic: a report reaches the recipients enrolled
     * when it arrived, and anyone else only because a recipient chose so, on the record. This is how a recipient
     * added later, or one whose key pair was replaced (a lost password), gets earlier reports.
     *
     * @throws ConflictException if {@code to} already holds it or the sharer does not
     * @throws NotFoundException if {@code to} is not an enrolled recipient
     */
    public void share(long id, String account, byte[] recipientPrivateKey, String to) {
        core.db().inTransaction(h -> {
            ConcernStore.lock(h, id).orElseThrow(() -> new NotFoundException("concern/" + id));
            refusePurged(h, id);
            byte[] reportKey = reportKey(h, id, account, recipientPrivateKey);
            RecipientKey target = ConcernStore.recipient(h, to).orElseThrow(() -> new NotFoundException("recipient " + to));
            if (ConcernStore.key(h, id, to).isPresent()) throw new ConflictException("concern/" + id, to + " already holds its key");
            ConcernStore.insertKey(h, id, to, Hpke.seal(target.publicKey(), reportKey, info("key", id, to)));
            return LogEntries.append(h, core.seal(LogRecord.builder("concern.shared", "concern/" + id, account, core.now())
                    .field("with", to)));
        });
    }

    /** Enrolled recipients who do not hold a report's key. */
    public List<String> recipientsWithout(long id) {
        return core.db().withHandle(h -> ConcernStore.recipientsWithout(h, id)).stream().map(RecipientKey::account).toList();
    }

    /**
     * A recipient's message to the reporter, and optionally a new status. A reply to a report still at
     * {@code received} acknowledges it. A status change appends {@code concern.status-changed} (status and
     * day), so that the deadlines kept are on the record.
     */
    public Concern reply(long id, String account, String text, ConcernStatus status) {
        if (text != null || status == null) validateMessage(text);
        return core.db().inTransaction(h -> {
            Concern c = ConcernStore.lock(h, id).orElseThrow(() -> new NotFoundException("concern/" + id));
            refusePurged(h, id);
            if (ConcernStore.key(h, id, account).isEmpty()) throw notShared(id);
            LocalDate today = today();
            if (text != null) {
                addMessage(h, id, ConcernStore.sealed(h, id).orElseThrow().publicKey(), ConcernMessage.RECIPIENT, text, today);
            }
            ConcernStatus target = status != null ? status
                    : c.status() == ConcernStatus.RECEIVED ? ConcernStatus.ACKNOWLEDGED : null;
            if (target != null && target != c.status()) {
                if (!c.status().canMoveTo(target)) {
                    throw ValidationException.of("status", "a report at '" + c.status().wire() + "' cannot move back to '"
                            + target.wire() + "'");
                }
                moveTo(h, c, target, account, today);
            }
            return ConcernStore.get(h, id).orElseThrow();
        });
    }

    /**
     * Opens a case from a report (origin {@code concern}, origin reference {@code concern/<id>}) and links
     * the report to it; a report still before review moves to {@code under review}. The case's title and
     * summary are the recipient's words, not the report's: the report stays encrypted, the case says where it is.
     */
    public CaseFile openCase(long id, Long engagementId, String title, String summary, String account) {
        return core.db().inTransaction(h -> {
            Concern c = ConcernStore.lock(h, id).orElseThrow(() -> new NotFoundException("concern/" + id));
            if (ConcernStore.key(h, id, account).isEmpty()) throw notShared(id);
            if (c.caseId() != null) throw new ConflictException("concern/" + id, "already linked to case " + c.caseId());
            CaseFile opened = core.cases().open(h, new NewCase(engagementId, CaseOrigin.CONCERN, "concern/" + id, title,
                    summary, true, null), account, null);
            ConcernStore.setCase(h, id, opened.id());
            if (c.status().canMoveTo(ConcernStatus.UNDER_REVIEW)) moveTo(h, c, ConcernStatus.UNDER_REVIEW, account, today());
            return opened;
        });
    }

    /**
     * Deletes the ciphertext of every report closed more than {@code retention} ago (messages, attachments, sealed keys,
     * the wrapped key, the opening) and appends {@code concern.purged} (the day) for each, one transaction per
     * report. The header and the log's commitment stay: that a report was received stays provable; what it
     * said no longer exists anywhere. Runs side by side on several server instances: each report is purged, and
     * logged, once.
     *
     * @return how many reports were purged
     */
    public int purgeClosed(java.time.Period retention) {
        LocalDate today = today();
        List<Long> due = core.db().withHandle(h -> ConcernStore.closedBefore(h, today.minus(retention)));
        int purged = 0;
        for (long id : due) {
            boolean done = core.db().inTransaction(h -> {
                ConcernStore.lock(h, id);
                if (ConcernStore.purgedOn(h, id).isPresent()) {
                    return false;  // another server instance's run purged it since the list was read
                }
                ConcernStore.purge(h, id, today);
                LogEntries.append(h, core.seal(LogRecord.builder("concern.purged", "concern/" + id, PURGER,
                        today.atStartOfDay(ZoneOffset.UTC).toInstant()).field("day", today.toString())));
                return true;
            });
            if (done) {
                purged++;
            }
        }
        return purged;
    }

    /** The actor of {@code concern.purged}. */
    public static final String PURGER = "system/intake-retention";

    /**
     * Links a report to an existing case and appends {@code concern.linked} (which case); a report still before
     * review moves to {@code under review}.
     *
     * @throws ConflictException if the report is already linked, or the recipient does not hold its key
     * @throws NotFoundException if there is no such case
     */
    public Concern linkCase(long id, long caseId, String account) {
        return core.db().inTransaction(h -> {
            Concern c = ConcernStore.lock(h, id).orElseThrow(() -> new NotFoundException("concern/" + id));
            if (ConcernStore.key(h, id, account).isEmpty()) throw notShared(id);
            if (c.caseId() != null) throw new ConflictException("concern/" + id, "already linked to case " + c.caseId());
            CaseStore.get(h, caseId).orElseThrow(() -> new NotFoundException("case/" + caseId));
            ConcernStore.setCase(h, id, caseId);
            LogEntries.append(h, core.seal(LogRecord.builder("concern.linked", c.subject(), account, core.now())
                    .field("case", "case/" + caseId)));
            if (c.status().canMoveTo(ConcernStatus.UNDER_REVIEW)) moveTo(h, c, ConcernStatus.UNDER_REVIEW, account, today());
            return ConcernStore.get(h, id).orElseThrow();
        });
    }

    /** A recipient's stored key, if they have one. */
    public Optional<RecipientKey> recipientKey(String account) {
        return core.db().withHandle(h -> ConcernStore.recipient(h, account));
    }

    /**
     * Stores a recipient's new key pair. A replaced key pair (a lost password) drops the reports sealed to the
     * old one: another recipient can {@link #share} them again.
     */
    public void enrolRecipient(RecipientKey key) {
        core.db().inTransaction(h -> {
            Optional<RecipientKey> old = ConcernStore.recipient(h, key.account());
            if (old.isPresent() && !Arrays.equals(old.get().publicKey(), key.publicKey())) {
                ConcernStore.deleteKeysOf(h, key.account());
            }
            return ConcernStore.saveRecipient(h, key, true);
        });
    }

    /**
     * Stores a recipient's key pair wrapped anew (a password change), refusing a different key pair.
     *
     * @throws ConflictException if the stored public key is not {@code rewrapped}'s
     */
    public void rewrapRecipient(RecipientKey rewrapped) {
        boolean saved = core.db().inTransaction(h -> ConcernStore.saveRecipient(h, rewrapped, false));
        if (!saved) throw new ConflictException("recipient " + rewrapped.account(), "the stored key pair has changed");
    }

    private void moveTo(Handle h, Concern c, ConcernStatus target, String account, LocalDate today) {
        ConcernStore.setStatus(h, c.id(), target, today);
        LogEntries.append(h, core.seal(LogRecord.builder("concern.status-changed", c.subject(), account, core.now())
                .field("status", target.wire())
                .field("day", today.toString())));
    }

    private byte[] reportKey(Handle h, long id, String account, byte[] recipientPrivateKey) {
        byte[] sealed = ConcernStore.key(h, id, account).orElseThrow(() -> notShared(id));
        byte[] reportKey = Hpke.open(recipientPrivateKey, sealed, info("key", id, account));
        if (!Hpke.matches(ConcernStore.sealed(h, id).orElseThrow().publicKey(), reportKey)) {
            throw new CryptoFailure("the sealed key is not this report's");
        }
        return reportKey;
    }

    private Conversation conversation(Handle h, long id, byte[] reportKey) {
        Concern c = ConcernStore.get(h, id).orElseThrow(() -> new NotFoundException("concern/" + id));
        List<ConcernMessage> messages = new ArrayList<>();
        for (ConcernStore.StoredMessage m : ConcernStore.messages(h, id)) {
            byte[] text = Hpke.open(reportKey, m.sealed(), info("message", id, m.sender() + "\n" + m.seq() + "\n" + m.day()));
            messages.add(new ConcernMessage(m.sender(), new String(text, StandardCharsets.UTF_8), m.day()));
        }
        byte[] opening = Hpke.open(reportKey, ConcernStore.sealed(h, id).orElseThrow().opening(), info("opening", id, ""));
        return new Conversation(c, List.copyOf(messages), attachments(h, id, reportKey),
                new ReportCommitment(Arrays.copyOf(opening, ReportCommitment.SALT_BYTES),
                        Arrays.copyOfRange(opening, ReportCommitment.SALT_BYTES, opening.length)));
    }

    private static void addMessage(Handle h, long id, byte[] publicKey, String sender, String text, LocalDate day) {
        int seq = ConcernStore.nextSeq(h, id);
        if (seq >= MAX_MESSAGES) {
            throw ValidationException.of("text", "this report already holds " + MAX_MESSAGES + " messages, the most it may");
        }
        byte[] sealed = Hpke.seal(publicKey, text.getBytes(StandardCharsets.UTF_8),
                info("message", id, sender + "\n" + seq + "\n" + day));
        ConcernStore.insertMessage(h, id, seq, sender, day, sealed);
    }

    /** Seals a file and, apart, its media type and name ({@code type LF name}), and stores both. */
    private static void addAttachment(Handle h, long id, byte[] publicKey, NewAttachment file, LocalDate day) {
        int seq = ConcernStore.attachmentTotals(h, id).count();
        String place = seq + "\n" + day;
        byte[] about = (mediaType(file) + "\n" + file.name().strip()).getBytes(StandardCharsets.UTF_8);
        ConcernStore.insertAttachment(h, id, seq, day, Hpke.seal(publicKey, about, info("attachment-about", id, place)),
                Hpke.seal(publicKey, file.content(), info("attachment", id, place)));
    }

    private static List<Attachment> attachments(Handle h, long id, byte[] reportKey) {
        List<Attachment> out = new ArrayList<>();
        for (ConcernStore.StoredAttachment a : ConcernStore.attachments(h, id)) out.add(about(id, a, reportKey));
        return List.copyOf(out);
    }

    private static Attachment about(long id, ConcernStore.StoredAttachment a, byte[] reportKey) {
        String about = new String(Hpke.open(reportKey, a.sealedAbout(), info("attachment-about", id, a.seq() + "\n" + a.day())),
                StandardCharsets.UTF_8);
        int lf = about.indexOf('\n');
        return new Attachment(a.seq() + 1, about.substring(lf + 1), about.substring(0, lf), a.sealedSize() - Hpke.OVERHEAD, a.day());
    }

    /** File {@code number} (from 1) of a report, opened with the report's key. */
    private static Attachment.File attachment(Handle h, long id, int number, byte[] reportKey) {
        NotFoundException missing = new NotFoundException("attachment " + number + " of concern/" + id);
        ConcernStore.StoredAttachment stored = ConcernStore.attachments(h, id).stream().filter(a -> a.seq() == number - 1)
                .findFirst().orElseThrow(() -> missing);
        byte[] sealed = ConcernStore.attachmentContent(h, id, stored.seq()).orElseThrow(() -> missing);
        byte[] content = Hpke.open(reportKey, sealed, info("attachment", id, stored.seq() + "\n" + stored.day()));
        return new Attachment.File(about(id, stored, reportKey), content);
    }

    private static void validateMessage(String text) {
        new ValidationException.Collector()
                .check(text == null || text.isBlank(), "text", "is required")
                .check(text != null && text.length() > MAX_MESSAGE_CHARS, "text", "must be at most " + MAX_MESSAGE_CHARS + " characters")
                .text("text", text, true)
                .throwIfAny();
    }

    private static byte[] openingBytes(ReportCommitment c) {
        byte[] out = Arrays.copyOf(c.salt(), c.salt().length + c.canonical().length);
        System.arraycopy(c.canonical(), 0, out, c.salt().length, c.canonical().length);
        return out;
    }

    /** HPKE info: binds a ciphertext to its purpose, report and place, so it opens nowhere else. */
    private static byte[] info(String purpose, long id, String place) {
        return ("plumbline-intake " + purpose + " v1\nconcern/" + id + "\n" + place).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] receiptBinding(long id) {
        return ("plumbline-intake receipt-key v1\nconcern/" + id).getBytes(StandardCharsets.UTF_8);
    }

    private static void refusePurged(Handle h, long id) {
        ConcernStore.purgedOn(h, id).ifPresent(day -> {
            throw new ConflictException("concern/" + id, "this report was closed and its content deleted on " + day
                    + " (retention); the log keeps its commitment");
        });
    }

    private static ConflictException notShared(long id) {
        return new ConflictException("concern/" + id, "this report's key has not been sealed to you yet: it is sealed "
                + "to recipients who had a key when it arrived, and to others when one of them next reads it");
    }

    private LocalDate today() {
        return LocalDate.ofInstant(core.now(), ZoneOffset.UTC);
    }
}
