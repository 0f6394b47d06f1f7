package org.plumbline.core.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.plumbline.log.note.Checkpoint;
import org.plumbline.log.note.NoteFormatException;
import org.plumbline.log.note.SignedNote;

/**
 * A quarter's transparency report as a file: its figures, and every record they count with its inclusion
 * proof against one signed (and, with witnesses, cosigned) checkpoint the file carries verbatim.
 *
 * <p>The file covers the log index range {@code [start, end)} of that checkpoint's tree and holds every
 * record of the range, whatever its type, so that a verifier sees that none was left out; plus the record
 * just before and just after the range (which show that the range spans the quarter), and the records
 * counted ones refer to. {@link #toJson()} writes one record per line, so that a verifier's message can
 * name the line that is wrong; {@link #toCsv()} writes the same content as CSV. The format is specified in
 * {@code docs/transparency-report.md}.
 *
 * <p>{@link #build} counts the figures; {@link #parse} keeps the figures a file states, which {@link
 * ReportVerifier} recounts. Immutable.
 */
public final class TransparencyReport {
    /** The format line, the first member of every file. */
    public static final String FORMAT = "plumbline.org/transparency-report/v1";
    /** Largest file {@link #parse} reads (a quarter of 100,000 records, each up to a few kB with its proof). */
    public static final long MAX_FILE_BYTES = 512L * 1024 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> MEMBERS = Set.of("format", "quarter", "partial", "start", "end", "checkpoint",
            "figures", "records");

    private final Quarter quarter;
    private final boolean partial;
    private final byte[] checkpoint;
    private final long start;
    private final long end;
    private final List<ReportLine> lines;
    private final List<Count> counts;

    private TransparencyReport(Quarter quarter, boolean partial, byte[] checkpoint, long start, long end,
                               List<ReportLine> lines, List<Count> counts) {
        this.quarter = Objects.requireNonNull(quarter, "quarter");
        this.partial = partial;
        this.checkpoint = checkpoint.clone();
        this.start = start;
        this.end = end;
        this.lines = List.copyOf(lines);
        this.counts = List.copyOf(counts);
    }

    /**
     * A report whose figures are counted from {@code lines} (which must hold every record of {@code [start,
     * end)} of the checkpoint's tree, the boundary records and the referenced ones, in index order). It is
     * partial when the range reaches the checkpoint's size: records of the quarter may still come.
     *
     * @throws ReportException if a line is not a record, or a referenced record is missing
     */
    public static TransparencyReport build(Quarter quarter, byte[] signedCheckpoint, long start, long end,
                                           List<ReportLine> lines) throws ReportException {
        long size = checkpointOf(signedCheckpoint).size();
        return new TransparencyReport(quarter, end >= size, signedCheckpoint, start, end, lines, Tally.count(quarter, lines));
    }

    public Quarter quarter() {
        return quarter;
    }

    /** Whether the quarter may still gain records: the range ends at the checkpoint's size. */
    public boolean partial() {
        return partial;
    }

    /** The signed checkpoint note, verbatim (with its cosignatures). */
    public byte[] checkpoint() {
        return checkpoint.clone();
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    public List<ReportLine> lines() {
        return lines;
    }

    /** The figures as the file states them (for a built report, as counted). */
    public List<Count> counts() {
        return counts;
    }

    /** The count of one figure and group (null for a total); an absent group counts 0 records. */
    public Count count(String figure, String group) {
        return counts.stream().filter(c -> c.figure().equals(figure) && Objects.equals(c.group(), group)).findFirst()
                .orElse(new Count(figure, group, List.of()));
    }

    static Checkpoint checkpointOf(byte[] signedCheckpoint) throws ReportException {
        try {
            return Checkpoint.parse(SignedNote.parse(signedCheckpoint).text());
        } catch (NoteFormatException e) {
            throw new ReportException("checkpoint: not a signed checkpoint: " + e.getMessage(), e);
        }
    }

    /** The JSON file: one member per line, one figure per line and one record per line. */
    public byte[] toJson() {
        StringBuilder out = new StringBuilder("{\"format\":").append(q(FORMAT)).append(",\n");
        out.append("\"quarter\":").append(q(quarter.toString())).append(",\n");
        out.append("\"partial\":").append(partial).append(",\n");
        out.append("\"start\":").append(start).append(",\n");
        out.append("\"end\":").append(end).append(",\n");
        out.append("\"checkpoint\":").append(q(new String(checkpoint, StandardCharsets.UTF_8))).append(",\n");
        out.append("\"figures\":[");
        for (int i = 0; i < counts.size(); i++) {
            Count c = counts.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("{\"figure\":").append(q(c.figure()))
                    .append(",\"group\":").append(c.group() == null ? "null" : q(c.group()))
                    .append(",\"count\":").append(c.count())
                    .append(",\"indices\":").append(c.indices().stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")))
                    .append('}');
        }
        out.append("],\n\"records\":[");
        for (int i = 0; i < lines.size(); i++) {
            ReportLine l = lines.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("{\"index\":").append(l.index())
                    .append(",\"role\":").append(q(l.role().wire()))
                    .append(",\"record\":").append(q(new String(l.record(), StandardCharsets.UTF_8)))
                    .append(",\"proof\":").append(l.proof().stream().map(h -> q(Base64.getEncoder().encodeToString(h)))
                            .collect(Collectors.joining(",", "[", "]")))
                    .append('}');
        }
        out.append("]}\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The CSV file (RFC 4180): columns {@code kind,name,value,index,record,proof}. Rows of kind {@code report}
     * give the format, quarter, partial, start, end and checkpoint (name, value); rows of kind {@code figure}
     * give a figure ({@code name} is {@code figure} or {@code figure[group]}, value the count, record the
     * space-separated indices); rows of kind {@code record} give the role (name), log index, the record's
     * canonical JSON and its inclusion proof (base64 hashes separated by spaces).
     */
    public byte[] toCsv() {
        StringBuilder out = new StringBuilder("kind,name,value,index,record,proof\r\n");
        row(out, "report", "format", FORMAT, "", "", "");
        row(out, "report", "quarter", quarter.toString(), "", "", "");
        row(out, "report", "partial", String.valueOf(partial), "", "", "");
        row(out, "report", "start", String.valueOf(start), "", "", "");
        row(out, "report", "end", String.valueOf(end), "", "", "");
        row(out, "report", "checkpoint", new String(checkpoint, StandardCharsets.UTF_8), "", "", "");
        for (Count c : counts) {
            row(out, "figure", c.name(), String.valueOf(c.count()), "",
                    c.indices().stream().map(String::valueOf).collect(Collectors.joining(" ")), "");
        }
        for (ReportLine l : lines) {
            row(out, "record", l.role().wire(), "", String.valueOf(l.index()), new String(l.record(), StandardCharsets.UTF_8),
                    l.proof().stream().map(h -> Base64.getEncoder().encodeToString(h)).collect(Collectors.joining(" ")));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder out, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) out.append(',');
            String c = cells[i];
            // Quote what needs it; a cell starting with = + - @ is quoted too, but spreadsheet formulas are
            // the reader's risk to handle: the bytes must stay exactly the logged ones.
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                out.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                out.append(c);
            }
        }
        out.append("\r\n");
    }

    private static String q(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a JSON report file strictly (known members only, each once), keeping the figures it states. It
     * does not verify anything: see {@link ReportVerifier}.
     */
    public static TransparencyReport parse(byte[] file) throws ReportException {
        if (file.length > MAX_FILE_BYTES) throw new ReportException("the file is larger than " + MAX_FILE_BYTES + " bytes");
        try (JsonParser p = JSON.createParser(file)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new ReportException("line 1: not a JSON object");
            String format = null;
            Quarter quarter = null;
            Boolean partial = null;
            Long start = null;
            Long end = null;
            byte[] checkpoint = null;
            List<Count> counts = null;
            List<ReportLine> lines = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                int line = p.currentLocation().getLineNr();
                if (!MEMBERS.contains(name)) throw new ReportException("line " + line + ": unknown member \"" + name + "\"");
                p.nextToken();
                switch (name) {
                    case "format" -> format = text(p, name);
                    case "quarter" -> {
                        try {
                            quarter = Quarter.parse(text(p, name));
                        } catch (IllegalArgumentException e) {
                            throw new ReportException("line " + line + ": quarter: " + e.getMessage());
                        }
                    }
                    case "partial" -> {
                        if (!p.currentToken().isBoolean()) throw new ReportException("line " + line + ": partial must be true or false");
                        partial = p.getBooleanValue();
                    }
                    case "start" -> start = index(p, name);
                    case "end" -> end = index(p, name);
                    case "checkpoint" -> checkpoint = text(p, name).getBytes(StandardCharsets.UTF_8);
                    case "figures" -> counts = figures(p);
                    case "records" -> lines = records(p);
                    default -> throw new IllegalStateException(name);
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new ReportException("line " + p.currentLocation().getLineNr() + ": trailing content after the report");
            }
            if (!FORMAT.equals(format)) throw new ReportException("format: expected \"" + FORMAT + "\", got " + (format == null ? "none" : "\"" + format + "\""));
            for (Object[] m : new Object[][] {{quarter, "quarter"}, {partial, "partial"}, {start, "start"}, {end, "end"},
                    {checkpoint, "checkpoint"}, {counts, "figures"}, {lines, "records"}}) {
                if (m[0] == null) throw new ReportException("the member \"" + m[1] + "\" is missing");
            }
            return new TransparencyReport(quarter, partial, checkpoint, start, end, lines, counts);
        } catch (JsonProcessingException e) {
            throw new ReportException("line " + e.getLocation().getLineNr() + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ReportException("cannot read the report: " + e.getMessage(), e);
        }
    }

    private static String text(JsonParser p, String name) throws IOException, ReportException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new ReportException("line " + p.currentLocation().getLineNr() + ": " + name + " must be a string");
        }
        return p.getText();
    }

    private static long index(JsonParser p, String name) throws IOException, ReportException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                && p.getNumberType() != JsonParser.NumberType.LONG || p.getLongValue() < 0) {
            throw new ReportException("line " + p.currentLocation().getLineNr() + ": " + name + " must be a log index (a whole number ≥ 0)");
        }
        return p.getLongValue();
    }

    private static List<Count> figures(JsonParser p) throws IOException, ReportException {
        if (p.currentToken() != JsonToken.START_ARRAY) throw new ReportException("line " + p.currentLocation().getLineNr() + ": figures must be an array");
        List<Count> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            int line = p.currentLocation().getLineNr();
            JsonNode n = JSON.readTree(p);
            String where = "line " + line + " (figure " + n.path("figure").asText("?") + ")";
            if (!n.isObject() || n.size() != 4 || !n.path("figure").isTextual() || !(n.path("group").isTextual() || n.path("group").isNull())
                    || !n.path("count").isIntegralNumber() || !n.path("indices").isArray()) {
                throw new ReportException(where + ": a figure is {\"figure\":…,\"group\":…,\"count\":…,\"indices\":[…]}");
            }
            List<Long> indices = new ArrayList<>();
            for (JsonNode i : n.path("indices")) {
                if (!i.isIntegralNumber() || !i.canConvertToLong() || i.longValue() < 0) {
                    throw new ReportException(where + ": indices must be log indices");
                }
                indices.add(i.longValue());
            }
            Count c = new Count(n.get("figure").textValue(), n.get("group").isNull() ? null : n.get("group").textValue(), indices);
            if (n.get("count").asLong() != indices.size()) {
                throw new ReportException("line " + line + ": figure " + c.name() + " says count " + n.get("count").asText()
                        + " but lists " + indices.size() + " records");
            }
            out.add(c);
        }
        return out;
    }

    private static List<ReportLine> records(JsonParser p) throws IOException, ReportException {
        if (p.currentToken() != JsonToken.START_ARRAY) throw new ReportException("line " + p.currentLocation().getLineNr() + ": records must be an array");
        List<ReportLine> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            int line = p.currentLocation().getLineNr();
            JsonNode n = JSON.readTree(p);
            if (!n.isObject() || n.size() != 4 || !n.path("index").isIntegralNumber() || !n.path("index").canConvertToLong()
                    || n.path("index").longValue() < 0 || !n.path("role").isTextual() || !n.path("record").isTextual()
                    || !n.path("proof").isArray()) {
                throw new ReportException("line " + line + ": a record is {\"index\":…,\"role\":…,\"record\":\"…\",\"proof\":[…]}");
            }
            long index = n.get("index").longValue();
            ReportLine.Role role = ReportLine.Role.ofWire(n.get("role").textValue());
            if (role == null) throw new ReportException("line " + line + " (log index " + index + "): unknown role \"" + n.get("role").textValue() + "\"");
            List<byte[]> proof = new ArrayList<>();
            for (Iterator<JsonNode> it = n.get("proof").elements(); it.hasNext(); ) {
                JsonNode h = it.next();
                byte[] hash = h.isTextual() ? decode(h.textValue()) : null;
                if (hash == null || hash.length != 32 || proof.size() == 63) {
                    throw new ReportException("line " + line + " (log index " + index + "): the proof must be at most 63 base64 SHA-256 hashes");
                }
                proof.add(hash);
            }
            out.add(new ReportLine(index, role, n.get("record").textValue().getBytes(StandardCharsets.UTF_8), proof, line));
        }
        return out;
    }

    private static byte[] decode(String s) {
        try {
            byte[] b = Base64.getDecoder().decode(s);
            return Base64.getEncoder().encodeToString(b).equals(s) ? b : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
