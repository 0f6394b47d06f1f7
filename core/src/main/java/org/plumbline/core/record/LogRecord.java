package org.plumbline.core.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.plumbline.log.hash.Sha256;

/**
 * One record of the transparency log: the RFC 8785 canonical JSON object
 *
 * <pre>{"actor":…,"commitments":{field:hex},"fields":{…},"subject":…,"time":…,"type":…,"v":1}</pre>
 *
 * <p>{@code type} says what happened (e.g. {@code case.opened}), {@code subject} what it happened
 * to (e.g. {@code case/12}), {@code actor} who did it (an account identifier, never a person's
 * name), {@code time} when (UTC, millisecond precision). {@code fields} holds public values;
 * {@code commitments} holds, for each confidential field, hex SHA-256(salt || JCS(value)), with the
 * salt and value kept in the database as a {@link Secret}. The log entry is {@link #bytes()}.
 *
 * <p>Instances are immutable; build them with {@link #builder(String, String, String, Instant)}.
 */
public final class LogRecord {
    /** Largest canonical record the log takes (entry bundles use uint16 length prefixes). */
    public static final int MAX_BYTES = 65_535;
    /** Format version written as {@code v}. */
    public static final int FORMAT = 1;

    private static final java.util.Set<String> MEMBERS =
            java.util.Set.of("type", "subject", "actor", "time", "fields", "commitments", "v");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String type;
    private final String subject;
    private final String actor;
    private final Instant time;
    private final ObjectNode fields;
    private final Map<String, String> commitments;
    private final byte[] bytes;

    private LogRecord(String type, String subject, String actor, Instant time, ObjectNode fields,
            Map<String, String> commitments, byte[] bytes) {
        this.type = type;
        this.subject = subject;
        this.actor = actor;
        this.time = time;
        this.fields = fields;
        this.commitments = Collections.unmodifiableMap(commitments);
        this.bytes = bytes;
    }

    /** Starts a record. {@code time} is truncated to milliseconds. */
    public static Builder builder(String type, String subject, String actor, Instant time) {
        return new Builder(type, subject, actor, time);
    }

    /** Formats an instant the way records do (UTC, milliseconds, {@code Z}). */
    public static String formatTime(Instant t) {
        return TIME.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * Parses logged record bytes, refusing anything that is not a canonical record of this format
     * (so a parsed record re-serialises to exactly the same bytes).
     *
     * @throws IllegalArgumentException naming what is wrong, for any other input
     */
    public static LogRecord parse(byte[] bytes) {
        JsonNode root = CanonicalJson.parse(bytes);
        if (!root.isObject()) throw new IllegalArgumentException("record: not a JSON object");
        if (!Arrays.equals(CanonicalJson.canonicalize(root), bytes)) {
            throw new IllegalArgumentException("record: not in RFC 8785 canonical form");
        }
        if (root.path("v").asInt(-1) != FORMAT) {
            throw new IllegalArgumentException("record: field v: unsupported format " + root.path("v"));
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) throw new IllegalArgumentException("record: unknown member " + name);
        }
        if (!root.path("fields").isObject()) throw new IllegalArgumentException("record: fields must be an object");
        if (!root.path("commitments").isObject()) {
            throw new IllegalArgumentException("record: commitments must be an object");
        }
        Map<String, String> commitments = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("commitments").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual() || !e.getValue().textValue().matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("record: commitments." + e.getKey() + " must be 64 lower-case hex digits");
            }
            commitments.put(e.getKey(), e.getValue().textValue());
        }
        String type = text(root, "type");
        if (!TYPE.matcher(type).matches()) throw new IllegalArgumentException("record: bad type " + type);
        Instant time;
        try {
            time = Instant.parse(text(root, "time"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("record: time is not an RFC 3339 UTC time: " + e.getParsedString(), e);
        }
        return new LogRecord(type, text(root, "subject"), text(root, "actor"), time,
                (ObjectNode) root.path("fields").deepCopy(), commitments, bytes.clone());
    }

    private static String text(JsonNode root, String name) {
        JsonNode n = root.get(name);
        if (n == null || !n.isTextual()) throw new IllegalArgumentException("record: field " + name + " missing");
        return n.textValue();
    }

    public String type() {
        return type;
    }

    public String subject() {
        return subject;
    }

    public String actor() {
        return actor;
    }

    public Instant time() {
        return time;
    }

    /** A copy of the public fields. */
    public ObjectNode fields() {
        return fields.deepCopy();
    }

    /** Field name → hex commitment for each confidential field. */
    public Map<String, String> commitments() {
        return commitments;
    }

    /** The canonical bytes: exactly what is appended to the log. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Hex SHA-256 of {@link #bytes()}, a stable handle for finding the record again. */
    public String sha256() {
        return Sha256.hex(Sha256.digest(bytes));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogRecord r && Arrays.equals(bytes, r.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Collects a record's fields; {@link #seal(SecureRandom)} commits and serialises it. */
    public static final class Builder {
        private final String type;
        private final String subject;
        private final String actor;
        private final Instant time;
        private final ObjectNode fields = CanonicalJson.mapper().createObjectNode();
        private final Map<String, JsonNode> confidential = new LinkedHashMap<>();

        private Builder(String type, String subject, String actor, Instant time) {
            if (type == null || !TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException("record type must look like 'noun.verb': " + type);
            }
            this.type = type;
            this.subject = Objects.requireNonNull(subject, "subject");
            this.actor = Objects.requireNonNull(actor, "actor");
            this.time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
        }

        /** Adds a public field; {@code value} is anything Jackson maps to JSON (null is kept as null). */
        public Builder field(String name, Object value) {
            checkName(name);
            fields.set(name, CanonicalJson.mapper().valueToTree(value));
            return this;
        }

        /** Adds a confidential field: only its salted commitment enters the log. */
        public Builder confidential(String name, Object value) {
            checkName(name);
            confidential.put(name, CanonicalJson.mapper().valueToTree(value));
            return this;
        }

        private String largestField() {
            String largest = null;
            int size = -1;
            for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int n = CanonicalJson.canonicalize(e.getValue()).length;
                if (n > size) {
                    size = n;
                    largest = e.getKey();
                }
            }
            for (Map.Entry<String, JsonNode> e : confidential.entrySet()) {
                int n = CanonicalJson.canonicalize(e.getValue()).length;
                if (n > size) {
                    size = n;
                    largest = e.getKey();
                }
            }
            return largest == null ? "(none)" : largest;
        }

        private void checkName(String name) {
            if (name == null || name.isEmpty()) throw new IllegalArgumentException("field name is empty");
            if (fields.has(name) || confidential.containsKey(name)) {
                throw new IllegalArgumentException("record " + type + ": field " + name + " given twice");
            }
        }

        /**
         * Draws a fresh 32-byte salt per confidential field, commits, serialises canonically and checks
         * the size.
         *
         * @throws RecordTooLargeException if the canonical form exceeds {@link #MAX_BYTES}
         */
        public Sealed seal(SecureRandom random) {
            List<Secret> secrets = new ArrayList<>();
            Map<String, String> commitments = new LinkedHashMap<>();
            ObjectNode commitmentNode = CanonicalJson.mapper().createObjectNode();
            for (Map.Entry<String, JsonNode> e : confidential.entrySet()) {
                byte[] salt = new byte[32];
                random.nextBytes(salt);
                Secret secret = new Secret(e.getKey(), salt, CanonicalJson.canonicalize(e.getValue()));
                secrets.add(secret);
                commitments.put(e.getKey(), secret.commitment());
                commitmentNode.put(e.getKey(), secret.commitment());
            }
            ObjectNode root = CanonicalJson.mapper().createObjectNode();
            root.put("type", type);
            root.put("subject", subject);
            root.put("actor", actor);
            root.put("time", formatTime(time));
            root.set("fields", fields.deepCopy());
            root.set("commitments", commitmentNode);
            root.put("v", FORMAT);
            byte[] bytes = CanonicalJson.canonicalize(root);
            if (bytes.length > MAX_BYTES) throw new RecordTooLargeException(type, bytes.length, largestField());
            return new Sealed(new LogRecord(type, subject, actor, time, fields.deepCopy(), commitments, bytes),
                    List.copyOf(secrets));
        }
    }

    /**
     * A record ready for the log plus the secrets that open its commitments (which go to the
     * database, never to the log).
     */
    public record Sealed(LogRecord record, List<Secret> secrets) {}
}
