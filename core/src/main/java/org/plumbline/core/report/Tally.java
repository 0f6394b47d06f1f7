package org.plumbline.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.plumbline.core.record.LogRecord;

/**
 * Counts a report's figures from its records: the one counting the server publishes and the verifier
 * repeats. A record counts when it is in the covered range and its own {@code time} is in the quarter;
 * records of the range logged with a time outside it (a transaction that committed late) are in the file
 * but counted in the quarter their time names.
 */
final class Tally {
    /** The record types figures look up by subject: there must be one record of such a type per subject. */
    private static final java.util.Set<String> REFERENCED = Figure.ALL.stream()
            .filter(f -> f.by() instanceof Figure.ByReference).map(f -> ((Figure.ByReference) f.by()).type())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private Tally() {}

    /** The parsed records of a file, by line; refuses a line that is not a canonical record. */
    static List<LogRecord> parse(List<ReportLine> lines) throws ReportException {
        List<LogRecord> out = new ArrayList<>(lines.size());
        for (ReportLine l : lines) {
            try {
                out.add(LogRecord.parse(l.record()));
            } catch (IllegalArgumentException e) {
                throw new ReportException(l.where() + ": not a canonical Plumbline record: " + e.getMessage());
            }
        }
        return out;
    }

    /** Every figure of {@link Figure#ALL}, group by group (groups in alphabetical order, a total first). */
    static List<Count> count(Quarter quarter, List<ReportLine> lines) throws ReportException {
        List<LogRecord> records = parse(lines);
        Map<String, Integer> bySubject = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            LogRecord r = records.get(i);
            Integer other = bySubject.putIfAbsent(r.type() + " " + r.subject(), i);
            if (other != null && lines.get(other).index() != lines.get(i).index() && REFERENCED.contains(r.type())) {
                throw new ReportException(lines.get(i).where() + ": a second " + r.type() + " record about "
                        + r.subject() + " (the other is at " + lines.get(other).where() + ")");
            }
        }
        List<Count> out = new ArrayList<>();
        for (Figure f : Figure.ALL) {
            Map<String, List<Long>> groups = new TreeMap<>();
            List<Long> total = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                ReportLine line = lines.get(i);
                LogRecord r = records.get(i);
                JsonNode fields = r.fields();
                if (line.role() != ReportLine.Role.RANGE || !quarter.contains(r.time()) || !f.counts(r.type(), fields)) {
                    continue;
                }
                switch (f.by()) {
                    case Figure.Total t -> total.add(line.index());
                    case Figure.ByField b -> {
                        for (String g : Figure.groupsOf(fields.get(b.field()))) {
                            groups.computeIfAbsent(g, k -> new ArrayList<>()).add(line.index());
                        }
                    }
                    case Figure.ByReference b -> {
                        JsonNode ref = fields.get(b.field());
                        String group = Figure.NONE;
                        if (ref != null && ref.isTextual()) {
                            Integer at = bySubject.get(b.type() + " " + ref.textValue());
                            if (at == null) {
                                throw new ReportException(line.where() + ": counted in " + f.id() + ", but the "
                                        + b.type() + " record about " + ref.textValue() + " it refers to is not in the file");
                            }
                            group = Figure.groupsOf(records.get(at).fields().get(b.referencedField())).get(0);
                        }
                        groups.computeIfAbsent(group, k -> new ArrayList<>()).add(line.index());
                    }
                }
            }
            if (f.by() instanceof Figure.Total) {
                out.add(new Count(f.id(), null, sorted(total)));
            } else {
                groups.forEach((g, indices) -> out.add(new Count(f.id(), g, sorted(indices))));
            }
        }
        return out;
    }

    private static List<Long> sorted(List<Long> l) {
        return l.stream().sorted().distinct().toList();
    }
}
