package org.plumbline.log.witness;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.plumbline.log.note.KeyFormatException;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.VerifierKey;

/**
 * The logs a witness cosigns for, parsed from the witness network's log-list format
 * (transparency-dev/witness-network, {@code docs/log-list-format.md}):
 *
 * <pre>
 * logs/v0
 * vkey &lt;vkey&gt;
 * origin &lt;origin&gt; | none
 * bastion &lt;url&gt; | none
 * qpd &lt;requests per day&gt;
 * contact &lt;free text&gt;
 * </pre>
 *
 * <p>Blank lines and lines starting with {@code #} are ignored. Each log starts with its {@code vkey}
 * line. The format says "the order of lines is significant" and lists them as above, but its own
 * example puts {@code qpd} before {@code bastion}; Plumbline reads the order as what makes a list
 * unambiguous: {@code vkey} starts a log, {@code origin} (if given) comes right after it, and the
 * other three follow in any order, each at most once. The document shows all five lines in its
 * examples without saying which may be left out; Plumbline requires only {@code vkey} and takes a
 * missing {@code origin} as {@code none}, which the format defines as "the origin is the vkey's key
 * name". {@code bastion}, {@code qpd} and {@code contact} are checked for form and otherwise unused:
 * this witness is reached directly and does not rate-limit.
 *
 * <p>A log key must be a type {@code 0x01} Ed25519 key: logs sign checkpoints with plain note
 * signatures. One origin may be listed with several keys (a log rotating its key): a checkpoint
 * signed by any of them is accepted, as tlog-witness's "the public key(s) it trusts for the
 * checkpoint origin" allows. Immutable.
 */
public final class WitnessedLogs {
    /** Longest list accepted: room for tens of thousands of logs. */
    public static final int MAX_BYTES = 16 << 20;

    /** One listed log: the key its checkpoints are signed with and its checkpoints' origin line. */
    public record Log(VerifierKey key, String origin) {
        public Log {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(origin, "origin");
        }
    }

    private static final List<String> KEYWORDS = List.of("vkey", "origin", "bastion", "qpd", "contact");

    private final List<Log> logs;
    private final Map<String, List<VerifierKey>> byOrigin;

    private WitnessedLogs(List<Log> logs) {
        this.logs = List.copyOf(logs);
        Map<String, List<VerifierKey>> m = new LinkedHashMap<>();
        for (Log l : logs) {
            m.computeIfAbsent(l.origin(), o -> new ArrayList<>()).add(l.key());
        }
        m.replaceAll((o, keys) -> List.copyOf(keys));
        this.byOrigin = Map.copyOf(m);
    }

    /** A list of the given logs, for tests and callers that build it in code. */
    public static WitnessedLogs of(List<Log> logs) {
        return new WitnessedLogs(logs);
    }

    /** The listed logs, in file order. */
    public List<Log> logs() {
        return logs;
    }

    /** The keys trusted for checkpoints with this origin; empty if the origin is not witnessed. */
    public List<VerifierKey> keysFor(String origin) {
        return byOrigin.getOrDefault(origin, List.of());
    }

    public boolean witnesses(String origin) {
        return byOrigin.containsKey(origin);
    }

    /** Parses a {@code logs/v0} list. */
    public static WitnessedLogs parse(byte[] list) throws LogListFormatException {
        if (list.length > MAX_BYTES) {
            throw new LogListFormatException("log list is " + list.length + " bytes, more than the limit of " + MAX_BYTES);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(list)).toString();
        } catch (CharacterCodingException e) {
            throw new LogListFormatException("log list is not UTF-8");
        }
        String[] lines = text.split("\n", -1);
        boolean header = false;
        List<Log> logs = new ArrayList<>();
        VerifierKey key = null;
        String origin = null;
        Set<String> seen = new HashSet<>(); // the current log's lines
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = "log list line " + (i + 1) + ": ";
            for (int c = 0; c < line.length(); c++) {
                if (line.charAt(c) < 0x20 && line.charAt(c) != '\t') {
                    throw new LogListFormatException(
                            where + String.format("control character U+%04X is not allowed", (int) line.charAt(c)));
                }
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!line.equals("logs/v0")) {
                    throw new LogListFormatException(where + "expected the header \"logs/v0\", found \"" + line + "\"");
                }
                header = true;
                continue;
            }
            int space = line.indexOf(' ');
            String keyword = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1);
            int at = KEYWORDS.indexOf(keyword);
            if (at < 0) {
                throw new LogListFormatException(where + "unknown line \"" + keyword + "\" (expected one of " + KEYWORDS + ")");
            }
            if (value.isEmpty()) {
                throw new LogListFormatException(where + "\"" + keyword + "\" needs a value");
            }
            if (at == 0) {
                if (key != null) {
                    add(logs, key, origin, where);
                }
                key = parseKey(value, where);
                origin = null;
                seen.clear();
                seen.add(keyword);
            } else if (key == null) {
                throw new LogListFormatException(where + "\"" + keyword + "\" before any \"vkey\" line");
            } else if (!seen.add(keyword)) {
                throw new LogListFormatException(where + "\"" + keyword + "\" repeated for one log");
            } else if (at == 1 && seen.size() > 2) {
                throw new LogListFormatException(where + "\"origin\" must come right after its log's \"vkey\" line");
            }
            switch (keyword) {
                case "origin" -> origin = value.equals("none") ? null : value;
                case "qpd" -> {
                    if (!value.matches("0|[1-9][0-9]{0,17}")) {
                        throw new LogListFormatException(where + "qpd is not a decimal number: \"" + value + "\"");
                    }
                }
                default -> { } // vkey is handled above; bastion and contact are free text here
            }
        }
        if (!header) {
            throw new LogListFormatException("log list has no \"logs/v0\" header");
        }
        if (key != null) {
            add(logs, key, origin, "log list, last log: ");
        }
        return new WitnessedLogs(logs);
    }

    private static VerifierKey parseKey(String value, String where) throws LogListFormatException {
        VerifierKey key;
        try {
            key = VerifierKey.parse(value);
        } catch (KeyFormatException e) {
            throw new LogListFormatException(where + "vkey: " + e.getMessage());
        }
        if (key.type() != KeyType.ED25519) {
            throw new LogListFormatException(where + "vkey " + key.name() + " is a " + key.type()
                    + " key; a log signs its checkpoints with an Ed25519 (0x01) key");
        }
        return key;
    }

    private static void add(List<Log> logs, VerifierKey key, String origin, String where) throws LogListFormatException {
        Log log = new Log(key, origin == null ? key.name() : origin);
        for (Log l : logs) {
            if (l.key().equals(key) && l.origin().equals(log.origin())) {
                throw new LogListFormatException(where + "log " + log.origin() + " with key " + key.text() + " is listed twice");
            }
        }
        logs.add(log);
    }
}
