package org.plumbline.core.intake;

import java.time.LocalDate;

/**
 * A report as its recipients list it: no content (that needs a key), only what the deadlines need.
 *
 * @param id         the report's number (its log subject is {@code concern/<id>})
 * @param receivedOn the day it arrived
 * @param caseId     the case opened from it or linked to it, or null
 * @param logIndex   the index of its {@code concern.received} record
 */
public record Concern(long id, ConcernStatus status, LocalDate receivedOn, Deadlines deadlines, Long caseId,
        long logIndex) {
    public String subject() {
        return "concern/" + id;
    }
}
