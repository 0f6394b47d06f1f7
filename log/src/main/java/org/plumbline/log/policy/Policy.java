package org.plumbline.log.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.KeyFormatException;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.NoteFormatException;
import org.plumbline.log.note.NoteVerificationException;
import org.plumbline.log.note.SignedNote;
import org.plumbline.log.note.VerifiedNote;
import org.plumbline.log.note.VerifierKey;

/**
 * A C2SP tlog-policy: which logs a verifier trusts, which witnesses, and the quorum of witness
 * cosignatures a checkpoint needs.
 *
 * <pre>
 * log example.org/log+1234abcd+AQ...                 # any number of logs (Ed25519 vkeys)
 * witness w1 w1.example+89abcdef+BA... [url]         # cosigner vkeys (type 0x04)
 * group g 2 w1 w2 w3                                 # k of n; also "all", "any"
 * quorum g                                           # exactly one; "none" for no witnesses
 * </pre>
 *
 * <p>Immutable. {@link #verify} accepts a signed checkpoint if a listed log whose key name is the
 * checkpoint's origin signed it and the verified cosignatures satisfy the quorum.
 */
public final class Policy {
    /** Largest policy file accepted. */
    static final int MAX_BYTES = 1 << 20;
    /** Most logs, witnesses or groups accepted (the spec asks for at least 32 of each). */
    static final int MAX_ENTRIES = 1024;

    private final List<VerifierKey> logs;
    private final List<PolicyWitness> witnesses;
    private final Quorum quorum;

    private Policy(List<VerifierKey> logs, List<PolicyWitness> witnesses, Quorum quorum) {
        this.logs = List.copyOf(logs);
        this.witnesses = List.copyOf(witnesses);
        this.quorum = quorum;
    }

    /** Parses a policy file held as text. */
    public static Policy parse(String text) throws PolicyFormatException {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses a policy file. Per the spec the file is octets: the only control characters allowed
     * are tab and newline, and non-ASCII octets in names are opaque (compared byte for byte).
     */
    public static Policy parse(byte[] file) throws PolicyFormatException {
        Objects.requireNonNull(file, "file");
        if (file.length > MAX_BYTES) {
            throw new PolicyFormatException(1, "policy is " + file.length + " bytes, more than the limit of " + MAX_BYTES);
        }
        return new Parser().parse(file);
    }

    /** The trusted log keys. */
    public List<VerifierKey> logs() {
        return logs;
    }

    /** The witness cosigner keys. */
    public List<VerifierKey> witnesses() {
        return witnesses.stream().map(PolicyWitness::key).toList();
    }

    /** The witness lines: names, keys and submission URLs, in the file's order. */
    public List<PolicyWitness> witnessLines() {
        return witnesses;
    }

    /**
     * True if cosignatures from {@code cosigners} (keys whose cosignatures verified) satisfy the
     * quorum. A client that collects cosignatures asks this before publishing; {@link #verify}
     * asks it of a note.
     */
    public boolean quorumMetBy(Set<VerifierKey> cosigners) {
        return quorum.satisfiedBy(Set.copyOf(cosigners));
    }

    /** The quorum rule in words, e.g. {@code g = 2 of (w1, w2, w3)}, for messages. */
    public String describeQuorum() {
        return quorum.describe();
    }

    /**
     * Verifies a signed checkpoint note against this policy and returns the checkpoint.
     *
     * <p>Every signature line from a key this policy lists must verify (a bad one refuses the whole
     * note); lines from other keys are ignored. A listed log whose key name equals the checkpoint's
     * origin must have signed, and the witnesses whose cosignatures verified must satisfy the quorum.
     */
    public Checkpoint verify(byte[] signedCheckpoint) throws NoteFormatException, NoteVerificationException {
        SignedNote note = SignedNote.parse(signedCheckpoint);
        Checkpoint checkpoint = Checkpoint.parse(note.text());
        if (logs.isEmpty()) {
            throw new NoteVerificationException("the policy lists no logs, so it trusts no checkpoint");
        }
        List<VerifierKey> trusted = new ArrayList<>(logs);
        trusted.addAll(witnesses());
        VerifiedNote verified = note.verify(trusted);
        boolean logSigned = verified.signers().stream()
                .anyMatch(s -> logs.contains(s.key()) && s.key().name().equals(checkpoint.origin()));
        if (!logSigned) {
            throw new NoteVerificationException(
                    "checkpoint for origin \"" + checkpoint.origin() + "\" is not signed by a log the policy lists for that origin");
        }
        Set<VerifierKey> cosigners = verified.signers().stream()
                .map(VerifiedNote.Signer::key)
                .filter(k -> k.type() == KeyType.COSIGNATURE_V1)
                .collect(Collectors.toSet());
        if (!quorum.satisfiedBy(cosigners)) {
            List<String> names = verified.signers().stream()
                    .map(VerifiedNote.Signer::key)
                    .filter(cosigners::contains)
                    .map(VerifierKey::name)
                    .toList();
            throw new NoteVerificationException(
                    "witness quorum not met: need " + quorum.describe() + "; valid cosignatures from "
                            + (names.isEmpty() ? "no listed witness" : String.join(", ", names)));
        }
        return checkpoint;
    }

    @Override
    public String toString() {
        return "Policy[" + logs.size() + " log(s), " + witnesses.size() + " witness(es), quorum " + quorum.describe() + "]";
    }

    /** One pass over the lines; names must be defined before use, so groups form a tree. */
    private static final class Parser {
        private final List<VerifierKey> logs = new ArrayList<>();
        private final List<PolicyWitness> witnesses = new ArrayList<>();
        /** Defined names (octets as ISO-8859-1, so comparison is byte for byte) to their rule. */
        private final Map<String, Quorum> names = new HashMap<>();
        /** Names already used as a group member, with the line that used them. */
        private final Map<String, Integer> usedAsMember = new HashMap<>();
        private final Map<String, Integer> definedOn = new LinkedHashMap<>();
        private int groups;
        private Quorum quorum;
        private int lineNo;

        Policy parse(byte[] file) throws PolicyFormatException {
            int start = 0;
            lineNo = 0;
            while (start < file.length) {
                lineNo++;
                int end = start;
                while (end < file.length && file[end] != '\n') {
                    end++;
                }
                line(file, start, end);
                start = end + 1;
            }
            if (quorum == null) {
                throw new PolicyFormatException(Math.max(lineNo, 1), "the policy has no quorum line (use \"quorum none\" for no witnesses)");
            }
            return new Policy(logs, witnesses, quorum);
        }

        private void line(byte[] file, int start, int end) throws PolicyFormatException {
            List<String> tokens = new ArrayList<>();
            int i = start;
            while (i < end) {
                int b = file[i] & 0xff;
                if (b == ' ' || b == '\t') {
                    i++;
                    continue;
                }
                int t = i;
                while (i < end && file[i] != ' ' && file[i] != '\t') {
                    int c = file[i] & 0xff;
                    if (c < 0x20 || c == 0x7f) {
                        throw new PolicyFormatException(lineNo, String.format(
                                "control character 0x%02x at column %d is not allowed", c, i - start + 1));
                    }
                    i++;
                }
                tokens.add(new String(file, t, i - t, StandardCharsets.ISO_8859_1));
            }
            if (tokens.isEmpty() || tokens.get(0).startsWith("#")) {
                return;
            }
            switch (tokens.get(0)) {
                case "log" -> log(tokens);
                case "witness" -> witness(tokens);
                case "group" -> group(tokens);
                case "quorum" -> quorum(tokens);
                default -> throw new PolicyFormatException(lineNo,
                        "unknown keyword \"" + show(tokens.get(0)) + "\" (expected log, witness, group or quorum)");
            }
        }

        private void log(List<String> t) throws PolicyFormatException {
            if (t.size() < 2 || t.size() > 3) {
                throw new PolicyFormatException(lineNo, "expected \"log <vkey> [<url>]\"");
            }
            VerifierKey key = key(t.get(1), KeyType.ED25519, "log");
            for (VerifierKey other : logs) {
                if (java.util.Arrays.equals(other.publicKey(), key.publicKey())) {
                    throw new PolicyFormatException(lineNo, "duplicate log: the same public key as log " + other.name());
                }
            }
            checkNotAmbiguous(key);
            limit(logs.size(), "logs");
            logs.add(key);
        }

        private void witness(List<String> t) throws PolicyFormatException {
            if (t.size() < 3 || t.size() > 4) {
                throw new PolicyFormatException(lineNo, "expected \"witness <name> <vkey> [<url>]\"");
            }
            String name = t.get(1);
            define(name);
            VerifierKey key = key(t.get(2), KeyType.COSIGNATURE_V1, "witness " + show(name));
            for (PolicyWitness other : witnesses) {
                if (java.util.Arrays.equals(other.key().publicKey(), key.publicKey())) {
                    throw new PolicyFormatException(lineNo, "duplicate witness: the same public key as witness key " + other.key().name());
                }
            }
            checkNotAmbiguous(key);
            limit(witnesses.size(), "witnesses");
            Optional<URI> url = t.size() == 4 ? Optional.of(url(t.get(3), "witness " + show(name))) : Optional.empty();
            witnesses.add(new PolicyWitness(show(name), key, url));
            names.put(name, new Quorum.Witness(show(name), key));
            definedOn.put(name, lineNo);
        }

        /**
         * A witness's submission prefix. tlog-policy leaves its form to tlog-witness, whose clients
         * POST to {@code <prefix>/add-checkpoint}: so an absolute http(s) URL, and no query or
         * fragment, which would end up in the middle of the endpoint's path.
         */
        private URI url(String token, String what) throws PolicyFormatException {
            String text = utf8(token, what + " URL");
            URI u;
            try {
                u = new URI(text);
            } catch (URISyntaxException e) {
                throw new PolicyFormatException(lineNo, what + ": URL is not a URI: " + e.getMessage());
            }
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                throw new PolicyFormatException(lineNo, what + ": URL \"" + text + "\" must be an absolute http or https URL");
            }
            if (u.getRawQuery() != null || u.getRawFragment() != null) {
                throw new PolicyFormatException(lineNo, what + ": URL \"" + text + "\" must have no query or fragment");
            }
            return u;
        }

        private void group(List<String> t) throws PolicyFormatException {
            if (t.size() < 4) {
                throw new PolicyFormatException(lineNo,
                        "expected \"group <name> <all|any|k> <member>...\" with at least one member");
            }
            String name = t.get(1);
            define(name);
            List<String> memberNames = t.subList(3, t.size());
            int n = memberNames.size();
            int k = switch (t.get(2)) {
                case "all" -> n;
                case "any" -> 1;
                default -> threshold(t.get(2), n);
            };
            Set<String> inThisGroup = new HashSet<>();
            List<Quorum> members = new ArrayList<>();
            for (String m : memberNames) {
                if (m.equals("none")) {
                    throw new PolicyFormatException(lineNo, "\"none\" cannot be a group member");
                }
                Quorum q = names.get(m);
                if (q == null) {
                    throw new PolicyFormatException(lineNo,
                            "group " + show(name) + ": undefined name \"" + show(m) + "\" (names must be defined on an earlier line)");
                }
                Integer usedOn = inThisGroup.contains(m) ? Integer.valueOf(lineNo) : usedAsMember.get(m);
                if (usedOn != null) {
                    throw new PolicyFormatException(lineNo, "\"" + show(m) + "\" is already a group member (line " + usedOn
                            + "); each name may be listed as a member at most once");
                }
                inThisGroup.add(m);
                members.add(q);
            }
            for (String m : memberNames) {
                usedAsMember.put(m, lineNo);
            }
            limit(groups++, "groups");
            names.put(name, new Quorum.Group(show(name), k, members));
            definedOn.put(name, lineNo);
        }

        private void quorum(List<String> t) throws PolicyFormatException {
            if (t.size() != 2) {
                throw new PolicyFormatException(lineNo, "expected \"quorum <name>\"");
            }
            if (quorum != null) {
                throw new PolicyFormatException(lineNo, "a second quorum line (a policy has exactly one)");
            }
            String name = t.get(1);
            if (name.equals("none")) {
                quorum = new Quorum.None();
                return;
            }
            Quorum q = names.get(name);
            if (q == null) {
                throw new PolicyFormatException(lineNo,
                        "quorum: undefined name \"" + show(name) + "\" (names must be defined on an earlier line)");
            }
            quorum = q;
        }

        private void define(String name) throws PolicyFormatException {
            if (name.equals("none")) {
                throw new PolicyFormatException(lineNo, "\"none\" is predefined and cannot be redefined");
            }
            if (names.containsKey(name)) {
                throw new PolicyFormatException(lineNo,
                        "\"" + show(name) + "\" is already defined (line " + definedOn.get(name) + ")");
            }
        }

        private int threshold(String s, int n) throws PolicyFormatException {
            boolean decimal = !s.isEmpty() && s.length() <= 9 && s.chars().allMatch(c -> c >= '0' && c <= '9');
            if (!decimal || (s.length() > 1 && s.charAt(0) == '0')) {
                throw new PolicyFormatException(lineNo,
                        "group threshold \"" + show(s) + "\" must be all, any, or a decimal number from 1 to " + n);
            }
            int k = Integer.parseInt(s);
            if (k < 1 || k > n) {
                throw new PolicyFormatException(lineNo,
                        "group threshold " + k + " must be from 1 to the number of members (" + n + ")");
            }
            return k;
        }

        private VerifierKey key(String token, KeyType type, String what) throws PolicyFormatException {
            String text = utf8(token, what + " key");
            VerifierKey key;
            try {
                key = VerifierKey.parse(text);
            } catch (KeyFormatException e) {
                throw new PolicyFormatException(lineNo, what + ": " + e.getMessage());
            }
            if (key.type() != type) {
                throw new PolicyFormatException(lineNo, String.format(
                        "%s: key %s has signature type 0x%02x, but a %s key must have type 0x%02x",
                        what, key.name(), key.type().id(), what.startsWith("log") ? "log" : "witness", type.id()));
            }
            return key;
        }

        /** Two different keys with the same name and key ID would make signature lines ambiguous. */
        private void checkNotAmbiguous(VerifierKey key) throws PolicyFormatException {
            List<VerifierKey> all = new ArrayList<>(logs);
            witnesses.forEach(w -> all.add(w.key()));
            for (VerifierKey other : all) {
                if (other.name().equals(key.name()) && other.keyId() == key.keyId() && !other.equals(key)) {
                    throw new PolicyFormatException(lineNo, "key " + key.name() + " has the same name and key ID as another key");
                }
            }
        }

        private void limit(int count, String what) throws PolicyFormatException {
            if (count >= MAX_ENTRIES) {
                throw new PolicyFormatException(lineNo, "more than " + MAX_ENTRIES + " " + what);
            }
        }

        private String utf8(String latin1, String what) throws PolicyFormatException {
            byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new PolicyFormatException(lineNo, what + " is not valid UTF-8");
            }
        }

        /** A name for messages: its octets read as UTF-8 where possible. */
        private static String show(String latin1) {
            return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
    }
}
