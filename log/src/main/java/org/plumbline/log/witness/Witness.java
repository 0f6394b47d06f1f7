package org.plumbline.log.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.note.VerifierKey;

/**
 * A witness: its cosigning key, the logs it witnesses and its state, answering {@code add-checkpoint}
 * request bodies with a status, a content type and a body, with no HTTP library ({@link WitnessServer}
 * serves it).
 *
 * <p>A 200's body is one cosignature line (C2SP tlog-cosignature v1.0.1, Ed25519, type {@code 0x04}:
 * a timestamp and a signature over {@code cosignature/v1\ntime <t>\n} and the checkpoint text). A
 * 409's is the latest cosigned size and a newline, as {@code text/x.tlog.size}. Other refusals
 * carry a one-line reason as plain text.
 *
 * <p>A log once witnessed is never dropped silently: {@link #open} refuses a state holding an origin
 * the log list no longer names. Forgetting a log is a deliberate act: delete its state file, and
 * the witness will cosign whatever that log shows it next.
 */
public final class Witness implements AutoCloseable {
    private final SigningKey key;
    private final WitnessedLogs logs;
    private final WitnessState state;
    private final Clock clock;

    /** A response: status code, {@code Content-Type} and body. */
    public record Response(int status, String contentType, byte[] body) {
        public Response {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static final String TEXT = "text/plain; charset=utf-8";
    static final String TLOG_SIZE = "text/x.tlog.size";

    private Witness(SigningKey key, WitnessedLogs logs, WitnessState state, Clock clock) {
        this.key = key;
        this.logs = logs;
        this.state = state;
        this.clock = clock;
    }

    /** Opens a witness whose state is kept in {@code dataDir}. */
    public static Witness open(SigningKey key, WitnessedLogs logs, Path dataDir) throws IOException {
        return open(key, logs, WitnessState.open(dataDir), Clock.systemUTC());
    }

    static Witness open(SigningKey key, WitnessedLogs logs, WitnessState state, Clock clock) throws IOException {
        Objects.requireNonNull(key, "key");
        if (key.type() != KeyType.COSIGNATURE_V1) {
            state.close();
            throw new IllegalArgumentException("a witness cosigns with a cosignature key (type 0x04, "
                    + "plumbline keygen --witness), not a " + key.type() + " key");
        }
        TreeSet<String> dropped = new TreeSet<>(state.origins());
        dropped.removeIf(logs::witnesses);
        if (!dropped.isEmpty()) {
            state.close();
            throw new IOException("the log list no longer names logs this witness has cosigned for: " + dropped
                    + "; add them back, or delete their state files to forget them on purpose");
        }
        return new Witness(key, logs, state, clock);
    }

    /** The witness's state, for reading. */
    public WitnessState state() {
        return state;
    }

    /** Answers one {@code add-checkpoint} request body. */
    public Response addCheckpoint(byte[] body) throws IOException {
        AddCheckpoint request;
        try {
            request = AddCheckpoint.parse(body);
        } catch (RequestFormatException e) {
            return text(400, e.getMessage());
        }
        String origin = request.checkpoint().origin();
        List<VerifierKey> trusted = logs.keysFor(origin);
        AddCheckpoint.Outcome outcome = state.apply(origin, latest -> request.decide(trusted, latest));
        return switch (outcome) {
            case AddCheckpoint.Outcome.Cosign c -> new Response(200, TEXT,
                    key.sign(request.note().text(), clock.instant()).line().getBytes(StandardCharsets.UTF_8));
            case AddCheckpoint.Outcome.Conflict c -> new Response(409, TLOG_SIZE,
                    (c.latestSize() + "\n").getBytes(StandardCharsets.US_ASCII));
            case AddCheckpoint.Outcome.Refuse r -> text(r.status(), r.reason());
        };
    }

    private static Response text(int status, String message) {
        return new Response(status, TEXT, (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        state.close();
    }
}
