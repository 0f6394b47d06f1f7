/**
 * Usage signals from metering alone: FOCUS 1.0–1.3 exports ingested and validated
 * ({@link org.plumbline.signals.FocusIngester}, {@link org.plumbline.signals.FocusSchema}, naming file, line and
 * column of bad input), reduced to a daily usage profile per account in DuckDB, and checked by rule files
 * ({@link org.plumbline.signals.Rule}, {@link org.plumbline.signals.RuleRunner}) against what each engagement
 * declares ({@link org.plumbline.signals.Declarations}: {@link org.plumbline.signals.DeclaredUse} and
 * {@link org.plumbline.signals.ServiceSuspension}). {@link org.plumbline.signals.SignalsEngine} is the entry
 * point; what a rule finds is core's {@link org.plumbline.core.domain.Finding}. The generator of fictional
 * exports ({@link org.plumbline.signals.FocusGenerator}) lives here too, for {@code signals generate} and tests.
 *
 * <p>May use core's domain values (findings, the purpose vocabulary), DuckDB and Jackson; never the server.
 * Raising findings into cases is the {@code cases} subpackage's work, above this one. Never customer
 * content: only the metering columns FOCUS defines (see {@code docs/SECURITY.md}).
 */
package org.plumbline.signals;
