package org.plumbline.server.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.plumbline.core.Core;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.domain.Directive;
import org.plumbline.core.intake.Concern;
import org.plumbline.core.record.LogRecord;
import org.plumbline.core.record.LoggedRecord;
import org.plumbline.server.auth.AccessPolicy;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.auth.Role;
import org.plumbline.server.auth.UserStore;
import org.plumbline.server.http.Json;
import org.plumbline.server.http.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications as an outbox. Three steps, each safe to repeat and to interrupt at any point:
 *
 * <ol>
 *   <li><b>derive</b>: read the log's records after the cursor (the log's indices are dense and commit in
 *       order, so a record the cursor passed is never written later), turn those that matter into
 *       {@link Notice}s, and add each notice's event and its deliveries (one per person who wants it, one per
 *       webhook that receives it) in the same transaction that moves the cursor. The domain change and its
 *       record were committed together by core; the deliveries follow from the record exactly once;</li>
 *   <li><b>deadlines</b>: look for reviews past due, directives not acknowledged in time and reports at their
 *       acknowledgement or feedback deadline; each deadline is one event (its key names the deadline), so it
 *       notifies once however often this runs;</li>
 *   <li><b>deliver</b>: claim due deliveries ({@link Outbox}), send each, settle it as delivered, or schedule
 *       another attempt with backoff.</li>
 * </ol>
 *
 * <p>At least once: a delivery is settled only after the mail server or the webhook accepted it. A crash
 * after acceptance and before settling sends it again once its lease runs out; nothing else does. E-mails
 * carry the same Message-ID and webhooks the same {@code webhook-id} on every attempt, so a receiver can
 * drop the repeat.
 */
public final class Notifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    /** Records read per transaction while deriving. */
    static final int BATCH = 500;
    /** Deliveries claimed at a time. */
    static final int CLAIM = 20;

    private final Core core;
    private final Jdbi jdbi;
    private final UserStore users;
    private final NotifyConfig config;
    private final Supplier<String> baseUrl;
    private final Clock clock;
    private final Outbox outbox;
    private final Optional<Mailer> mailer;
    private ScheduledExecutorService scheduler;

    public Notifier(Core core, Jdbi jdbi, UserStore users, NotifyConfig config, Supplier<String> listeningUrl, Clock clock) {
        this.core = core;
        this.jdbi = jdbi;
        this.users = users;
        this.config = config;
        this.baseUrl = () -> config.publicUrl().map(u -> u.toString().replaceAll("/+$", "")).orElseGet(listeningUrl);
        this.clock = clock;
        this.outbox = new Outbox(jdbi);
        this.mailer = config.smtp().map(Mailer::new);
    }

    /** Whether e-mail is configured (the preferences page says so when it is not). */
    public boolean emailOn() {
        return mailer.isPresent();
    }

    /** Runs {@link #runOnce} every {@link NotifyConfig#interval()} in the background until closed. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plumbline-notify");
            t.setDaemon(true);
            return t;
        });
        long every = config.interval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                // The database may be away for a moment; the next round starts where this one stopped.
                LOG.warn("notifications: a round failed: {}", LogSafe.escape(String.valueOf(e.getMessage())));
            }
        }, Math.min(every, 1000), every, TimeUnit.MILLISECONDS);
    }

    /** Derives from new records, checks deadlines and delivers what is due. */
    public void runOnce() {
        while (derive() == BATCH) {
            // caught up only when a batch comes back short
        }
        checkDeadlines();
        deliver();
    }

    /** Derives notices from up to {@link #BATCH} records after the cursor; returns how many records it read. */
    int derive() {
        return jdbi.inTransaction(h -> {
            // Notifications start with the log as it is when they are first switched on, not with its history.
            long next = Outbox.lockCursor(h, core.records().count());
            List<byte[]> records = core.entries().read(next, BATCH);
            Instant now = clock.instant();
            for (int i = 0; i < records.size(); i++) {
                List<Notice> notices;
                try {
                    notices = notices(next + i, LogRecord.parse(records.get(i)));
                } catch (IllegalArgumentException | org.plumbline.core.domain.NotFoundException e) {
                    // A record this code cannot read (or whose case is gone) must not stop every later notice.
                    // Database errors are not caught: the round fails and the next one retries the same records.
                    LOG.warn("notifications: record {} skipped: {}", next + i, LogSafe.escape(String.valueOf(e.getMessage())));
                    notices = List.of();
                }
                for (Notice n : notices) {
                    add(h, n, now);
                }
            }
            Outbox.moveCursor(h, next + records.size());
            return records.size();
        });
    }

    /** The notices a record gives rise to. */
    private List<Notice> notices(long index, LogRecord r) {
        switch (r.type()) {
            case "finding.raised" -> {
                return caseOfFinding(index, r).map(id -> List.of(Notice.findingRaised(index, id))).orElse(List.of());
            }
            case "case.assigned" -> {
                return List.of(Notice.caseAssigned(index, caseId(r.subject())));
            }
            case "case.opened" -> {
                // A case opened with an assignee is an assignment too, unless a later case.assigned says it
                // (the assignee is committed, not public, so the case's current assignee is what can be read).
                long id = caseId(r.subject());
                boolean reassigned = core.records().forSubject(r.subject()).stream()
                        .anyMatch(l -> l.type().equals("case.assigned") && l.index() > index);
                boolean assigned = core.cases().get(id).assignee() != null;
                return reassigned || !assigned ? List.of() : List.of(Notice.caseAssigned(index, id));
            }
            default -> {
                return List.of();
            }
        }
    }

    /** The case a finding went to: named in the record, or opened by it in the same transaction (the next record). */
    private Optional<Long> caseOfFinding(long index, LogRecord r) {
        JsonNode named = r.fields().path("case");
        if (named.isTextual()) {
            return Optional.of(caseId(named.asText()));
        }
        return core.records().record(index + 1).map(LogRecord::parse)
                .filter(next -> next.type().equals("case.opened"))
                .filter(next -> next.fields().path("originRef").asText("").endsWith("@log/" + index))
                .map(next -> caseId(next.subject()));
    }

    private static long caseId(String subject) {
        return Long.parseLong(subject.substring(subject.indexOf('/') + 1));
    }

    /** Adds a notice's event and, if it is new, its deliveries: the people who want it, the webhooks that take it. */
    private void add(Handle h, Notice n, Instant now) {
        Optional<Long> event = Outbox.addEvent(h, n, now);
        if (event.isEmpty()) {
            return;  // derived or notified before: a deadline notifies once
        }
        if (mailer.isPresent()) {
            for (UserStore.User u : recipients(n)) {
                Preferences.Choices choices = Preferences.of(h, u.id());
                if (choices.email().isPresent() && choices.wants(n.kind())) {
                    Outbox.addEmail(h, event.get(), u.id(), now);
                }
            }
        }
        for (long webhook : Webhooks.receiving(h, n.kind())) {
            Outbox.addWebhook(h, event.get(), webhook, now);
        }
    }

    /** Who a notice is for (before their own choices): people, active, never machine clients. */
    private List<UserStore.User> recipients(Notice n) {
        List<UserStore.User> people = users.all().stream().filter(u -> !u.disabled() && !u.role().machine()).toList();
        Set<UserStore.User> out = new LinkedHashSet<>();
        switch (n.kind()) {
            case FINDING_RAISED -> {
                assignee(n, people).ifPresent(out::add);
                people.stream().filter(u -> u.role() == Role.REVIEWER).forEach(out::add);
            }
            case CASE_ASSIGNED -> assignee(n, people).ifPresent(out::add);
            case REVIEW_DUE -> {
                Optional<UserStore.User> assignee = assignee(n, people);
                if (assignee.isPresent()) {
                    out.add(assignee.get());
                } else {
                    people.stream().filter(u -> u.role() == Role.REVIEWER).forEach(out::add);
                }
            }
            case DIRECTIVE_ACK_OVERDUE -> people.stream().filter(u -> u.role() == Role.APPROVER || u.role() == Role.ADMIN)
                    .forEach(out::add);
            case REPORT_ACK_DUE, REPORT_FEEDBACK_DUE -> people.stream()
                    .filter(u -> AccessPolicy.allows(u.role(), Permission.INTAKE_HANDLE)).forEach(out::add);
        }
        return List.copyOf(out);
    }

    /** The case's current assignee, if they are an active person here. */
    private Optional<UserStore.User> assignee(Notice n, List<UserStore.User> people) {
        String assignee = core.cases().get(caseId(n.subject())).assignee();
        return people.stream().filter(u -> u.username().equals(assignee)).findFirst();
    }

    /** Adds an event for every deadline reached and not yet notified; returns how many were new. */
    int checkDeadlines() {
        Instant now = clock.instant();
        List<Notice> due = new ArrayList<>();
        for (CaseFile c : core.cases().overdue()) {
            due.add(Notice.reviewDue(c.id(), c.dueAt()));
        }
        for (Directive d : core.directives().overdue()) {
            due.add(Notice.directiveOverdue(d.id()));
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (Concern c : core.concerns().list()) {
            if (!c.status().acknowledged() && !today.isBefore(c.deadlines().acknowledgeBy())) {
                due.add(Notice.reportAcknowledgementDue(c.id()));
            }
            if (!c.status().feedbackGiven() && !today.isBefore(c.deadlines().feedbackBy())) {
                due.add(Notice.reportFeedbackDue(c.id()));
            }
        }
        int added = 0;
        for (Notice n : due) {
            boolean isNew = jdbi.inTransaction(h -> {
                boolean exists = h.createQuery("SELECT EXISTS (SELECT 1 FROM notify_event WHERE key = :k)")
                        .bind("k", n.key()).mapTo(Boolean.class).one();
                if (!exists) {
                    add(h, n, now);
                }
                return !exists;
            });
            added += isNew ? 1 : 0;
        }
        return added;
    }

    /** Sends what is due; returns how many deliveries were attempted. */
    int deliver() {
        int attempted = 0;
        for (int round = 0; round < 50; round++) {
            List<Outbox.Due> due = outbox.claim(CLAIM, clock.instant());
            if (due.isEmpty()) {
                break;
            }
            for (Outbox.Due d : due) {
                attempted++;
                try {
                    Optional<String> dropped = d.channel().equals("email") ? sendEmail(d) : sendWebhook(d);
                    if (dropped.isPresent()) {
                        outbox.dropped(d.id(), dropped.get(), clock.instant());
                    } else {
                        outbox.delivered(d.id(), clock.instant());
                    }
                } catch (Exception e) {
                    String why = e.getClass().getSimpleName() + ": " + e.getMessage();
                    LOG.info("notifications: delivery {} attempt {} failed: {}", d.id(), d.attempt(), LogSafe.escape(why));
                    outbox.failed(d.id(), d.attempt(), why, clock.instant());
                }
            }
        }
        return attempted;
    }

    /** Sends an e-mail delivery; the reason it is not sent if the person no longer wants it. */
    private Optional<String> sendEmail(Outbox.Due d) throws Exception {
        if (mailer.isEmpty()) {
            return Optional.of("e-mail is not configured");
        }
        Optional<UserStore.User> user = users.byId(d.userId()).filter(u -> !u.disabled());
        if (user.isEmpty()) {
            return Optional.of("the account is disabled");
        }
        Preferences.Choices choices = jdbi.withHandle(h -> Preferences.of(h, d.userId()));
        if (choices.email().isEmpty() || !choices.wants(d.kind())) {
            return Optional.of("opted out since");
        }
        Notice n = new Notice(d.kind(), "", d.subject(), d.text(), d.path());
        String base = baseUrl.get();
        String body = d.text() + "\n\n" + base + d.path() + "\n\n"
                + "You get this because \"" + d.kind().label() + "\" is on in your notification settings: "
                + base + "/account/notifications\n";
        mailer.get().send(choices.email().get(), n.mailSubject(), body, "delivery-" + d.id() + "@plumbline");
        return Optional.empty();
    }

    /** Sends a webhook delivery, signed; the reason it is not sent if the webhook was removed. */
    private Optional<String> sendWebhook(Outbox.Due d) throws Exception {
        Optional<Webhooks.Target> target = jdbi.withHandle(h -> Webhooks.target(h, d.webhookId()));
        if (target.isEmpty()) {
            return Optional.of("the webhook was removed");
        }
        URI url = target.get().url();
        InetAddress address = WebhookAddress.resolve(url, config.allowPrivateWebhooks());  // again: DNS may have moved
        byte[] body = payload(d);
        String id = "plumbline-delivery-" + d.id();
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSignature.sign(target.get().secret(), id, timestamp, body));
        int status = WebhookClient.post(url, address, headers, body);
        if (status < 200 || status > 299) {
            throw new java.io.IOException("the receiver answered " + status + (status / 100 == 3 ? " (redirects are not followed)" : ""));
        }
        return Optional.empty();
    }

    /** {@code {"type":…,"timestamp":…,"data":{"subject":…,"text":…,"link":…}}}: what happened and where, no content. */
    private byte[] payload(Outbox.Due d) throws com.fasterxml.jackson.core.JsonProcessingException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("type", d.kind().id());
        root.put("timestamp", d.createdAt().toString());
        ObjectNode data = root.putObject("data");
        data.put("subject", d.subject());
        data.put("text", d.text());
        data.put("link", baseUrl.get() + d.path());
        return Json.MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }
}
