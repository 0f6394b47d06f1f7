package org.plumbline.log.witness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.plumbline.log.http.LimitedBody;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.plumbline.log.merkle.NodeReader;
import org.plumbline.log.merkle.Proofs;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.NoteFormatException;
import org.plumbline.log.note.NoteSignature;
import org.plumbline.log.note.NoteVerificationException;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.note.VerifierKey;
import org.plumbline.log.policy.Policy;
import org.plumbline.log.policy.PolicyWitness;

/**
 * The log's side of C2SP tlog-witness v1.0.0: sends a signed checkpoint to every witness of a
 * tlog-policy that has a URL, and collects the cosignatures that verify.
 *
 * <p>For each witness the request is {@code old <n>}, the consistency proof from {@code n} to the
 * checkpoint's size, an empty line and the note, POSTed to {@code <url>/add-checkpoint}. {@code n}
 * is the size this client last saw the witness cosign (0 at first). The spec has the witness answer
 * 409 with its own latest size ({@code text/x.tlog.size}) when {@code n} is not it, which is how a
 * client that restarted, or a witness that others fed, is caught up: the client adopts that size
 * and tries once more with a proof from it. If the witness holds another root at that size (a fork
 * it was shown), the proof fails there, 422, and the witness is reported, never worked around.
 *
 * <p>A 200's cosignature lines are kept only if they are from the witness's key in the policy and
 * verify over this checkpoint's text: a witness answering with a wrong key or a bad signature
 * counts as failed. Whether the verified ones satisfy the policy's quorum is the caller's to act on
 * ({@link Result#quorumMet()}).
 *
 * <p>Bounded in every way a remote party could stretch: connecting takes at most the connect
 * timeout (5 s by default), the whole exchange (sending, waiting, reading) at most the request timeout
 * (10 s), a response body at most {@value #MAX_RESPONSE} bytes, and redirects are not followed (a
 * witness is reached at the URL the policy names, or not at all). Witnesses are asked in parallel,
 * so one {@link #cosign} takes about one request timeout at worst, whatever the number of witnesses.
 *
 * <p>One instance per log: it remembers witnesses' sizes. {@link #cosign} calls are serialized so
 * that remembered sizes move forward only.
 */
public final class WitnessClient implements AutoCloseable {
    /** Largest response body read: a cosignature line is about 150 bytes, a 409's body 20. */
    public static final int MAX_RESPONSE = 64 * 1024;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Policy policy;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    /** Per witness key, the size it last cosigned or named in a 409, as far as this client knows. */
    private final Map<VerifierKey, Long> sizes = new ConcurrentHashMap<>();

    /**
     * What one round of asking gave: the note with the verified cosignatures added, whether they meet
     * the quorum, who cosigned and why each other witness did not.
     *
     * @param note the log's signed note plus one verified cosignature line per witness that gave one
     * @param cosignedBy names (as in the policy) of the witnesses whose cosignatures verified
     * @param failures per witness name that did not cosign, the reason
     */
    public record Result(SignedNote note, boolean quorumMet, List<String> cosignedBy, Map<String, String> failures) {
        public Result {
            Objects.requireNonNull(note, "note");
            cosignedBy = List.copyOf(cosignedBy);
            failures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failures)); // in the policy's order
        }

        /** One line for a person: who cosigned, and what each other witness did. */
        public String describe(Policy policy) {
            StringBuilder b = new StringBuilder(quorumMet ? "witness quorum met" : "witness quorum not met")
                    .append(" (need ").append(policy.describeQuorum()).append("); cosigned by ")
                    .append(cosignedBy.isEmpty() ? "none" : String.join(", ", cosignedBy));
            failures.forEach((name, why) -> b.append("; ").append(name).append(": ").append(why));
            return b.toString();
        }
    }

    private WitnessClient(Policy policy, Duration connectTimeout, Duration requestTimeout) {
        this.policy = policy;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(threads)
                .build();
    }

    /** A client for the witnesses of {@code policy}, with the default timeouts. */
    public static WitnessClient create(Policy policy) {
        return create(policy, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public static WitnessClient create(Policy policy, Duration connectTimeout, Duration requestTimeout) {
        Objects.requireNonNull(policy, "policy");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        return new WitnessClient(policy, connectTimeout, requestTimeout);
    }

    public Policy policy() {
        return policy;
    }

    /**
     * Asks every witness of the policy with a URL to cosign {@code note}, in parallel, and waits for
     * all of them (each bounded by the timeouts).
     *
     * @param note the log's signed checkpoint, as the log signed it
     * @param nodes a reader of the tree of the checkpoint's size, for consistency proofs
     */
    public synchronized Result cosign(SignedNote note, NodeReader nodes) throws NoteFormatException {
        Checkpoint checkpoint = Checkpoint.parse(note.text());
        Map<PolicyWitness, Future<List<NoteSignature>>> asked = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (PolicyWitness w : policy.witnessLines()) {
            if (w.addCheckpoint().isEmpty()) {
                failures.put(w.name(), "the policy gives no URL for it");
                continue;
            }
            asked.put(w, threads.submit(() -> ask(w, note, checkpoint, nodes)));
        }
        List<NoteSignature> cosignatures = new ArrayList<>();
        List<String> cosignedBy = new ArrayList<>();
        Set<VerifierKey> cosigners = new HashSet<>();
        for (Map.Entry<PolicyWitness, Future<List<NoteSignature>>> e : asked.entrySet()) {
            PolicyWitness w = e.getKey();
            try {
                cosignatures.addAll(e.getValue().get());
                cosignedBy.add(w.name());
                cosigners.add(w.key());
            } catch (ExecutionException x) {
                failures.put(w.name(), reason(x.getCause()));
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                failures.put(w.name(), "interrupted");
            }
        }
        return new Result(note.withSignatures(cosignatures), policy.quorumMetBy(cosigners), cosignedBy, failures);
    }

    /** The size this client believes {@code witness} last cosigned (0 if it knows of none). */
    public long knownSize(VerifierKey witness) {
        return sizes.getOrDefault(witness, 0L);
    }

    private List<NoteSignature> ask(PolicyWitness w, SignedNote note, Checkpoint checkpoint, NodeReader nodes)
            throws IOException, WitnessRefusedException {
        long old = knownSize(w.key());
        for (int attempt = 1; ; attempt++) {
            if (old > checkpoint.size()) {
                throw new WitnessRefusedException("it has cosigned a tree of size " + old
                        + ", larger than this checkpoint's " + checkpoint.size());
            }
            List<byte[]> proof = Proofs.consistency(old, checkpoint.size(), nodes);
            HttpResponse<byte[]> r = post(w.addCheckpoint().orElseThrow(), body(old, proof, note));
            switch (r.statusCode()) {
                case 200 -> {
                    List<NoteSignature> mine = verified(w, note, r.body());
                    sizes.put(w.key(), checkpoint.size());
                    return mine;
                }
                case 409 -> {
                    long theirs = tlogSize(r);
                    sizes.put(w.key(), theirs);
                    if (theirs == old) {
                        throw new WitnessRefusedException("409 at size " + old + ", the size it last cosigned:"
                                + " it holds another root for that size");
                    }
                    if (attempt > 1) {
                        throw new WitnessRefusedException("409 again: it now names size " + theirs);
                    }
                    old = theirs; // adopt it, and prove consistency from there
                }
                default -> throw new WitnessRefusedException(r.statusCode() + " " + firstLine(r.body()));
            }
        }
    }

    private HttpResponse<byte[]> post(URI url, byte[] body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        // The request timeout bounds the wait for headers; orTimeout bounds the body's arrival too.
        CompletableFuture<HttpResponse<byte[]>> f = http.sendAsync(request, LimitedBody.handler(MAX_RESPONSE));
        try {
            return f.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new IOException("no answer within " + requestTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof java.net.http.HttpTimeoutException && !(c instanceof java.net.http.HttpConnectTimeoutException)) {
                throw new IOException("no answer within " + requestTimeout.toMillis() + " ms");
            }
            throw c instanceof IOException io ? io : new IOException(c);
        }
    }

    /** The cosignature lines from the witness's key, each verified over this note's text. */
    private static List<NoteSignature> verified(PolicyWitness w, SignedNote note, byte[] body)
            throws WitnessRefusedException {
        List<NoteSignature> lines;
        try {
            lines = NoteSignature.parseLines(body);
        } catch (NoteFormatException e) {
            throw new WitnessRefusedException("200 without cosignature lines: " + e.getMessage());
        }
        VerifierKey key = w.key();
        List<NoteSignature> mine = lines.stream()
                .filter(s -> s.name().equals(key.name()) && s.keyId() == key.keyId())
                .toList();
        if (mine.isEmpty()) {
            throw new WitnessRefusedException("200, but no cosignature from its key " + key.name() + " in the policy");
        }
        try {
            // Only the log's signatures and this witness's lines, checked against this witness's key alone.
            SignedNote.parse(note.toBytes()).withSignatures(mine).verify(List.of(key));
        } catch (NoteFormatException | NoteVerificationException e) {
            throw new WitnessRefusedException("200, but its cosignature does not verify: " + e.getMessage());
        }
        return mine;
    }

    /** A 409's body: {@code text/x.tlog.size}, a decimal and a newline. */
    private static long tlogSize(HttpResponse<byte[]> r) throws WitnessRefusedException {
        String type = r.headers().firstValue("Content-Type").orElse("");
        String body = new String(r.body(), StandardCharsets.US_ASCII);
        if (!type.startsWith("text/x.tlog.size") || !body.matches("(0|[1-9][0-9]{0,18})\n")) {
            throw new WitnessRefusedException("409 without a text/x.tlog.size body");
        }
        try {
            return Long.parseLong(body.strip());
        } catch (NumberFormatException e) {
            throw new WitnessRefusedException("409 with a size above 2^63-1");
        }
    }

    static byte[] body(long old, List<byte[]> proof, SignedNote note) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("old " + old + "\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] h : proof) {
            out.writeBytes((Base64.getEncoder().encodeToString(h) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write('\n');
        out.writeBytes(note.toBytes());
        return out.toByteArray();
    }

    private static String firstLine(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8).strip();
        int nl = s.indexOf('\n');
        s = nl < 0 ? s : s.substring(0, nl);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static String reason(Throwable t) {
        if (t instanceof WitnessRefusedException) {
            return t.getMessage();
        }
        if (t instanceof java.net.http.HttpConnectTimeoutException) {
            return "could not connect within the connect timeout";
        }
        if (t instanceof java.net.ConnectException) {
            return "could not connect (" + (t.getMessage() == null ? "connection refused" : t.getMessage()) + ")";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** A witness answered, but not with a cosignature this client can use; the message says why. */
    static final class WitnessRefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        WitnessRefusedException(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        http.shutdownNow();
    }
}
