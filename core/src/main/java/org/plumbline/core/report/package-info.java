/**
 * The public transparency report: per quarter, figures counted from the log's public records only, in a
 * file that carries every record it counts with its inclusion proof against one witness-cosigned
 * checkpoint, so that anyone holding the file and a tlog-policy can check it ({@link
 * org.plumbline.core.report.ReportVerifier}). What is counted is a list ({@link
 * org.plumbline.core.report.Figure#ALL}); the file format is {@code docs/transparency-report.md}.
 * Knows the log module's proofs and policies, nothing of HTTP or SQL.
 */
package org.plumbline.core.report;
