package org.plumbline.core.intake;

import java.time.LocalDate;

/**
 * One message of a report's conversation, decrypted.
 *
 * @param from "reporter" or "recipient" (which recipient is not told to the reporter)
 * @param day  the day it was written; the intake keeps no finer time
 */
public record ConcernMessage(String from, String text, LocalDate day) {
    public static final String REPORTER = "reporter";
    public static final String RECIPIENT = "recipient";
}
