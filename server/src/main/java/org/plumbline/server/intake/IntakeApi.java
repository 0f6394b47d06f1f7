package org.plumbline.server.intake;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plumbline.core.Concerns;
import org.plumbline.core.Core;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.intake.Attachment;
import org.plumbline.core.intake.Concern;
import org.plumbline.core.intake.ConcernMessage;
import org.plumbline.core.intake.ConcernStatus;
import org.plumbline.core.intake.NewAttachment;
import org.plumbline.core.intake.ReportCommitment;
import org.plumbline.log.hash.Sha256;
import org.plumbline.server.api.RequestBody;
import org.plumbline.server.api.Route;
import org.plumbline.server.auth.Authenticator;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.http.ApiException;
import org.plumbline.server.http.MemoryMultipart;
import org.plumbline.server.http.PathParams;

/**
 * The intake's JSON API (issue 10, "API"). The reporter's routes never look at the server's sessions or
 * tokens ({@link Route#ownAuthentication()}): the reporter is known only by the token their receipt opened.
 * Nothing here logs a request, and nothing reads the client's address or user agent.
 */
public final class IntakeApi {
    private final Core core;
    private final Intake intake;
    private final RecipientKeys keys;
    private final Clock clock;

    public IntakeApi(Core core, Intake intake, RecipientKeys keys, Clock clock) {
        this.core = core;
        this.intake = intake;
        this.keys = keys;
        this.clock = clock;
    }

    public List<Route> routes() {
        String statuses = "\"received\",\"acknowledged\",\"under review\",\"feedback given\",\"closed\"";
        return List.of(
                Route.get("/api/intake/challenge", Permission.INTAKE_SUBMIT, "intake",
                        "A proof-of-work challenge for one report or one receipt attempt: {challenge, bits}. Find a "
                                + "decimal counter such that SHA-256 of the challenge's ASCII text followed by the counter's "
                                + "digits starts with `bits` zero bits (about 2^bits tries), and send both as powChallenge "
                                + "and powCounter. A challenge is valid for 10 minutes and is accepted once. Nothing is "
                                + "stored when it is issued (it is signed by the server)",
                        this::challenge),
                Route.post("/api/intake/reports", Permission.INTAKE_SUBMIT, "intake",
                        "Report a concern, anonymously. Answers 201 {receipt, record}: the receipt (shown once, kept "
                                + "nowhere) opens the report again; record is the log index of concern.received, whose "
                                + "proof is at /api/records/{record}/proof. Proof-of-work (powChallenge, powCounter from "
                                + "GET /api/intake/challenge): optional, because a report without one passes a stricter "
                                + "global rate instead (20 an hour for the whole server, against 120 with one); a wrong, "
                                + "expired, forged or reused one is refused with 400 on the field proofOfWork. Also bounded "
                                + "by a pool of key derivations (503 busy). Files are added afterwards with the reporter's "
                                + "token (POST /api/intake/report/attachments)",
                        """
                        {"type":"object","required":["message"],"properties":{
                          "message":{"type":"string","maxLength":%d},"topic":{"type":"string","maxLength":%d},
                          "powChallenge":{"type":"string","maxLength":200},
                          "powCounter":{"type":"string","pattern":"^[0-9]{1,19}$"}}}"""
                                .formatted(Concerns.MAX_MESSAGE_CHARS, Concerns.MAX_TOPIC_CHARS),
                        this::submit),
                Route.post("/api/intake/session", Permission.INTAKE_SUBMIT, "intake",
                        "Open a reporter's session with a receipt: 200 {token}, for Authorization: Bearer <token> "
                                + "(in memory only, 30 minutes). Rate-limited for the whole server, not per client: 30 "
                                + "attempts a minute with a proof-of-work (powChallenge, powCounter, as for a report), 6 "
                                + "without one; a wrong, expired, forged or reused proof-of-work is refused with 400",
                        """
                        {"type":"object","required":["receipt"],"properties":{"receipt":{"type":"string"},
                          "powChallenge":{"type":"string","maxLength":200},
                          "powCounter":{"type":"string","pattern":"^[0-9]{1,19}$"}}}""",
                        this::session),
                Route.post("/api/intake/report/attachments", Permission.INTAKE_REPORTER, "intake",
                        ("The reporter adds files (multipart/form-data, one or more 'files' parts): each at most %d MiB, "
                                + "at most %d per report and %d MiB together, within the 32 MiB a request may carry. Each "
                                + "file's bytes, name and media type are encrypted to the report's key before they are "
                                + "stored; the body is read in memory, never spooled to disk. 201 {attachments}: every file "
                                + "the report holds (number, name, type, size, day). Bad files: 400 on the field files, "
                                + "nothing stored; too large a body: 413")
                                .formatted(Concerns.MAX_ATTACHMENT_BYTES >> 20, Concerns.MAX_ATTACHMENTS,
                                        Concerns.MAX_ATTACHMENTS_TOTAL_BYTES >> 20),
                        """
                        {"type":"object","required":["files"],"properties":{
                          "files":{"type":"array","items":{"type":"string","format":"binary"}}}}""",
                        this::reporterAttach),
                Route.get("/api/intake/report/attachments/{n}", Permission.INTAKE_REPORTER, "intake",
                        "The reporter downloads file n of their report, as application/octet-stream with "
                                + "Content-Disposition: attachment",
                        this::reporterDownload),
                Route.get("/api/intake/report", Permission.INTAKE_REPORTER, "intake",
                        "The reporter's report: status and messages (from, text, day), and the opening of its logged commitment",
                        this::reporterView),
                Route.post("/api/intake/report/messages", Permission.INTAKE_REPORTER, "intake",
                        "The reporter answers",
                        """
                        {"type":"object","required":["text"],"properties":{"text":{"type":"string","maxLength":%d}}}"""
                                .formatted(Concerns.MAX_MESSAGE_CHARS),
                        this::reporterMessage),
                Route.get("/api/intake/reports", Permission.INTAKE_HANDLE, "intake",
                        "Reports with their deadlines (acknowledge within 7 days, feedback within 3 months); no content",
                        this::list),
                Route.get("/api/intake/reports/{id}", Permission.INTAKE_HANDLE, "intake",
                        "A report, decrypted with the recipient's key (unlocked at password sign-in); the read is logged "
                                + "as concern.read (who, when, which report)",
                        this::read),
                Route.get("/api/intake/reports/{id}/attachments/{n}", Permission.INTAKE_HANDLE, "intake",
                        "File n of a report, decrypted with the recipient's key; logged as concern.attachment-read (who, "
                                + "when, which report and file) at every download. Served as application/octet-stream with "
                                + "Content-Disposition: attachment, nosniff and a sandboxing CSP, whatever type the reporter's "
                                + "browser claimed, so that an uploaded page or image never runs in this origin",
                        this::download),
                Route.post("/api/intake/reports/{id}/messages", Permission.INTAKE_HANDLE, "intake",
                        "Reply to the reporter and/or move the report's status (a first reply acknowledges)",
                        """
                        {"type":"object","properties":{"text":{"type":"string","maxLength":%d},"status":{"enum":[%s]}}}"""
                                .formatted(Concerns.MAX_MESSAGE_CHARS, statuses),
                        this::reply),
                Route.post("/api/intake/reports/{id}/recipients", Permission.INTAKE_HANDLE, "intake",
                        "Share the report with another recipient (account user/<id>), who did not hold its key: a "
                                + "recipient added later, or one whose key was replaced. Logged as concern.shared",
                        """
                        {"type":"object","required":["account"],"properties":{"account":{"type":"string"}}}""",
                        this::share),
                Route.post("/api/intake/reports/{id}/case", Permission.INTAKE_HANDLE, "intake",
                        "Open a case from the report (origin concern, originRef concern/{id}); the title and summary are "
                                + "the recipient's words, the report stays encrypted. With caseId instead: link the report "
                                + "to that existing case (logged as concern.linked)",
                        """
                        {"type":"object","properties":{"engagementId":{"type":"integer"},"title":{"type":"string"},
                          "summary":{"type":"string"},"caseId":{"type":"integer"}}}""",
                        this::openCase));
    }

    private void challenge(Context ctx, Principal ignored) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("challenge", intake.challenge());
        out.put("bits", intake.workBits());
        ctx.json(out);
    }

    private void submit(Context ctx, Principal ignored) {
        Authenticator.refuseCrossOrigin(ctx);
        RequestBody body = RequestBody.of(ctx).allowOnly(Set.of("message", "topic", "powChallenge", "powCounter"));
        String message = body.string("message", true, Concerns.MAX_MESSAGE_CHARS);
        String topic = body.string("topic", false, Concerns.MAX_TOPIC_CHARS);
        ProofOfWork.Answer proof = proof(body);
        body.done();
        Intake.Receipted r = intake.submit(message, topic, List.of(), proof);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("receipt", r.receipt());
        out.put("record", r.record());
        ctx.status(201).json(out);
    }

    private void session(Context ctx, Principal ignored) {
        Authenticator.refuseCrossOrigin(ctx);
        RequestBody body = RequestBody.of(ctx).allowOnly(Set.of("receipt", "powChallenge", "powCounter"));
        String receipt = body.string("receipt", true, 200);
        ProofOfWork.Answer proof = proof(body);
        body.done();
        ctx.json(Map.of("token", intake.session(receipt, proof)));
    }

    /** The proof-of-work fields: both or neither. */
    private static ProofOfWork.Answer proof(RequestBody body) {
        String challenge = body.string("powChallenge", false, 200);
        String counter = body.string("powCounter", false, 19);
        if (challenge == null && counter == null) return null;
        if (challenge == null || counter == null) {
            throw ApiException.badRequest("proofOfWork", "send both powChallenge and powCounter, or neither");
        }
        return new ProofOfWork.Answer(challenge, counter);
    }

    private void reporterAttach(Context ctx, Principal ignored) {
        Concerns.ReporterAccess access = intake.access(bearer(ctx));
        try (var slot = intake.uploadSlot()) {
            MemoryMultipart form = MemoryMultipart.read(ctx, Set.of(), "files");
            List<Attachment> all = intake.attach(access, newAttachments(form));
            ctx.status(201).json(Map.of("attachments", attachments(all)));
        }
    }

    private void reporterDownload(Context ctx, Principal ignored) {
        Concerns.ReporterAccess access = intake.access(bearer(ctx));
        serve(ctx, core.concerns().reporterAttachment(access, number(ctx)));
    }

    private void download(Context ctx, Principal p) {
        long id = PathParams.id(ctx, "id");
        int n = number(ctx);
        serve(ctx, core.concerns().attachment(id, n, p.actor(), keys.of(p)));
    }

    /** The files of a multipart body as the intake takes them. */
    public static List<NewAttachment> newAttachments(MemoryMultipart form) {
        return form.files().stream().map(f -> new NewAttachment(f.fileName(), f.contentType(), f.content())).toList();
    }

    /** The file number in the path: from 1; anything else names nothing (404). */
    public static int number(Context ctx) {
        long n = PathParams.id(ctx, "n");
        if (n < 1 || n > Concerns.MAX_ATTACHMENTS) throw ApiException.notFound("attachment " + n);
        return (int) n;
    }

    /**
     * Serves an attached file so that no browser renders it here, whatever it holds: as
     * {@code application/octet-stream} (the type the reporter's browser claimed is listed, never served), as a
     * download ({@code Content-Disposition: attachment}), not sniffed, and under a CSP that sandboxes it and lets
     * it load nothing, should a browser render it anyway.
     */
    public static void serve(Context ctx, Attachment.File file) {
        String name = file.about().name();
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        ctx.header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/octet-stream").result(file.content());
    }

    private static List<Map<String, Object>> attachments(List<Attachment> all) {
        return all.stream().map(a -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("number", a.number());
            out.put("name", a.name());
            out.put("type", a.mediaType());
            out.put("size", a.size());
            out.put("day", a.day().toString());
            return out;
        }).toList();
    }

    private void reporterView(Context ctx, Principal ignored) {
        Concerns.Conversation c = core.concerns().reporterView(intake.access(bearer(ctx)));
        ctx.json(reporterJson(c));
    }

    /** What the reporter sees of their report: also the pages' model. */
    public static Map<String, Object> reporterJson(Concerns.Conversation c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", c.concern().status().wire());
        out.put("messages", messages(c.messages()));
        out.put("attachments", attachments(c.attachments()));
        out.put("record", c.concern().logIndex());
        out.put("commitment", opening(c.opening()));
        return out;
    }

    private void reporterMessage(Context ctx, Principal ignored) {
        Concerns.ReporterAccess access = intake.access(bearer(ctx));
        RequestBody body = RequestBody.of(ctx).allowOnly(Set.of("text"));
        String text = body.string("text", true, Concerns.MAX_MESSAGE_CHARS);
        body.done();
        core.concerns().reporterMessage(access, text);
        ctx.status(201).json(reporterJson(core.concerns().reporterView(access)));
    }

    private void list(Context ctx, Principal p) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        ctx.json(core.concerns().list().stream().map(c -> header(c, today)).toList());
    }

    private void read(Context ctx, Principal p) {
        long id = PathParams.id(ctx, "id");
        byte[] key = keys.of(p);
        Concerns.Conversation c = core.concerns().read(id, p.actor(), key);
        Map<String, Object> out = header(c.concern(), LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        out.put("messages", messages(c.messages()));
        out.put("attachments", attachments(c.attachments()));
        out.put("commitment", opening(c.opening()));
        ctx.json(out);
    }

    private void reply(Context ctx, Principal p) {
        long id = PathParams.id(ctx, "id");
        RequestBody body = RequestBody.of(ctx).allowOnly(Set.of("text", "status"));
        String text = body.string("text", false, Concerns.MAX_MESSAGE_CHARS);
        String status = body.string("status", false, 40);
        body.done();
        ConcernStatus target = status == null ? null : ConcernStatus.byWire(status).orElseThrow(() ->
                ApiException.badRequest("status", "one of received, acknowledged, under review, feedback given, closed"));
        if (text == null && target == null) throw ApiException.badRequest("text", "send a text, a status or both");
        Concern c = core.concerns().reply(id, p.actor(), text, target);
        ctx.status(201).json(header(c, LocalDate.now(clock.withZone(ZoneOffset.UTC))));
    }

    private void share(Context ctx, Principal p) {
        long id = PathParams.id(ctx, "id");
        RequestBody body = RequestBody.of(ctx).allowOnly(Set.of("account"));
        String account = body.string("account", true, 100);
        body.done();
        core.concerns().share(id, p.actor(), keys.of(p), account);
        ctx.status(201).json(Map.of("shared", account));
    }

    private void openCase(Context ctx, Principal p) {
        long id = PathParams.id(ctx, "id");
        RequestBody body = RequestBody.of(ctx).allowOnly(Set.of("engagementId", "title", "summary", "caseId"));
        Long engagementId = body.longValue("engagementId", false);
        String title = body.string("title", false, 200);
        String summary = body.string("summary", false, 20_000);
        Long caseId = body.longValue("caseId", false);
        body.done();
        if (caseId != null) {
            if (engagementId != null || title != null || summary != null) {
                throw ApiException.badRequest("caseId", "either link to an existing case (caseId) or open one "
                        + "(engagementId, title, summary), not both");
            }
            Concern linked = core.concerns().linkCase(id, caseId, p.actor());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("caseId", linked.caseId());
            out.put("linked", true);
            ctx.status(201).json(out);
            return;
        }
        CaseFile c = core.concerns().openCase(id, engagementId, title == null ? "Concern " + id : title,
                summary == null ? "Opened from concern " + id + "; the report stays encrypted in the intake." : summary,
                p.actor());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("caseId", c.id());
        out.put("origin", "concern");
        out.put("originRef", c.originRef());
        out.put("logIndex", c.logIndex());
        ctx.status(201).json(out);
    }

    /** A report's header for recipients: deadlines and whether they are overdue today. */
    public static Map<String, Object> header(Concern c, LocalDate today) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("status", c.status().wire());
        out.put("receivedOn", c.receivedOn().toString());
        out.put("acknowledgeBy", c.deadlines().acknowledgeBy().toString());
        out.put("feedbackBy", c.deadlines().feedbackBy().toString());
        out.put("acknowledgementOverdue", c.deadlines().acknowledgementOverdue(c.status(), today));
        out.put("feedbackOverdue", c.deadlines().feedbackOverdue(c.status(), today));
        out.put("caseId", c.caseId());
        out.put("record", c.logIndex());
        return out;
    }

    private static List<Map<String, Object>> messages(List<ConcernMessage> messages) {
        return messages.stream().map(m -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("from", m.from());
            out.put("text", m.text());
            out.put("day", m.day().toString());
            return out;
        }).toList();
    }

    /** The salt and canonical report that open the logged commitment (for an auditor the reporter chooses). */
    private static Map<String, Object> opening(ReportCommitment o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("salt", Sha256.hex(o.salt()));
        out.put("report", new String(o.canonical(), java.nio.charset.StandardCharsets.UTF_8));
        out.put("commitment", o.hex());
        return out;
    }

    private static String bearer(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthenticated();
        }
        return authorization.substring(7).strip();
    }
}
