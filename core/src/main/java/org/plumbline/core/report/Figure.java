package org.plumbline.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One figure of the transparency report: how many public records of one type, logged in the quarter, there
 * are (optionally only those whose public field has a given value), in total or broken down by a public
 * value. Every figure is defined here and nowhere else: the server counts with these definitions, and
 * {@link ReportVerifier} recounts with them, so a figure is exactly what its definition says.
 *
 * <p>A figure is one more entry in {@link #ALL}: the anonymous intake's concerns were added that way, from
 * the records it logs (docs/domain.md), with nothing else changed.
 *
 * @param id stable identifier, used in the file and in links ({@code [a-z0-9-]+})
 * @param section the heading it appears under
 * @param label what it counts, in words
 * @param type the record type counted
 * @param where a public field that must have a given value, if any
 * @param by how the count is broken down
 */
public record Figure(String id, String section, String label, String type, Optional<Match> where, Breakdown by) {

    /** Counts only records whose public field {@code field} is the string {@code value}. */
    public record Match(String field, String value) {}

    /** How a figure's records are grouped. */
    public sealed interface Breakdown {}

    /** One number: the records counted. */
    public record Total() implements Breakdown {}

    /**
     * By the value of a public field; an array field counts the record once under each of its values, and a
     * missing or null field counts under {@link #NONE}.
     */
    public record ByField(String field) implements Breakdown {}

    /**
     * By a public field of another public record the counted one refers to: {@code field} names a subject
     * (e.g. {@code customer/7}), the record of {@code type} about that subject is included in the report
     * file, and its public field {@code referencedField} is the group. Used for the customer's country,
     * which the customer's own {@code customer.registered} record states.
     */
    public record ByReference(String field, String type, String referencedField) implements Breakdown {}

    /** The group of a record that lacks the field broken down by. */
    public static final String NONE = "(none)";

    private static final String FINDINGS = "Findings raised by usage signals";
    private static final String CONCERNS = "Concerns reported through the anonymous intake";

    /** Every figure of the report, in the order it is shown. */
    public static final List<Figure> ALL = List.of(
            new Figure("engagements-declared", "Engagements declared", "Engagements declared",
                    "engagement.declared", Optional.empty(), new Total()),
            new Figure("engagements-declared-by-purpose", "Engagements declared", "by declared purpose",
                    "engagement.declared", Optional.empty(), new ByField("purposes")),
            new Figure("engagements-declared-by-country", "Engagements declared", "by customer country",
                    "engagement.declared", Optional.empty(), new ByReference("customer", "customer.registered", "country")),
            new Figure("findings-raised", FINDINGS, "Findings raised", "finding.raised", Optional.empty(), new Total()),
            new Figure("findings-raised-by-rule", FINDINGS, "by rule", "finding.raised", Optional.empty(), new ByField("rule")),
            new Figure("findings-raised-by-severity", FINDINGS, "by severity", "finding.raised", Optional.empty(),
                    new ByField("severity")),
            new Figure("cases-opened", "Cases", "Cases opened", "case.opened", Optional.empty(), new Total()),
            new Figure("cases-opened-by-origin", "Cases", "opened, by origin", "case.opened", Optional.empty(),
                    new ByField("origin")),
            new Figure("cases-decided-by-outcome", "Cases", "decided, by outcome", "decision.made", Optional.empty(),
                    new ByField("kind")),
            new Figure("directives-issued", "Directives", "Directives issued", "directive.issued", Optional.empty(),
                    new Total()),
            new Figure("directives-acknowledged-by-outcome", "Directives", "acknowledgements, by outcome",
                    "directive.acknowledged", Optional.empty(), new ByField("outcome")),
            new Figure("directives-found-not-effective", "Directives",
                    "found not effective by later metering (findings of the rule enforcement-not-effective)",
                    "finding.raised", Optional.of(new Match("rule", "enforcement-not-effective")), new Total()),
            new Figure("concerns-received", CONCERNS, "Concerns received", "concern.received", Optional.empty(), new Total()),
            new Figure("concerns-by-status", CONCERNS, "handled: moved to a status (acknowledged, under review, feedback given, closed)",
                    "concern.status-changed", Optional.empty(), new ByField("status")),
            new Figure("concerns-opening-a-case", CONCERNS, "that opened a case", "case.opened",
                    Optional.of(new Match("origin", "concern")), new Total()),
            new Figure("concerns-linked-to-a-case", CONCERNS, "linked to an existing case", "concern.linked", Optional.empty(),
                    new Total()));

    public Figure {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(by, "by");
        if (!id.matches("[a-z0-9-]+")) throw new IllegalArgumentException("figure id " + id);
    }

    /** The figure with this id, if this version knows it. */
    public static Optional<Figure> byId(String id) {
        return ALL.stream().filter(f -> f.id.equals(id)).findFirst();
    }

    /** Whether a record of {@code type} with public {@code fields} is counted by this figure (quarter aside). */
    boolean counts(String recordType, JsonNode fields) {
        if (!type.equals(recordType)) return false;
        return where.map(m -> fields.path(m.field()).isTextual() && fields.path(m.field()).textValue().equals(m.value()))
                .orElse(true);
    }

    /** The groups of a field value: its elements for an array, {@link #NONE} when missing or null. */
    static List<String> groupsOf(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) return List.of(NONE);
        if (value.isArray()) {
            List<String> out = new java.util.ArrayList<>();
            value.forEach(v -> out.addAll(groupsOf(v)));
            return out.stream().distinct().toList();
        }
        return List.of(value.isTextual() ? value.textValue() : value.toString());
    }
}
