/**
 * The intake of concerns (issue 10), its cryptography and its values: per-report HPKE key pairs
 * ({@link org.plumbline.core.intake.Hpke}, Google Tink), keys wrapped under symmetric keys
 * ({@link org.plumbline.core.intake.KeyWrap}, AES-256-GCM of the JDK), keys derived from receipts and passwords
 * ({@link org.plumbline.core.intake.Argon2id}, Bouncy Castle), the receipt itself, the commitment the log
 * carries, statuses and the EU Directive 2019/1937 deadlines. No SQL and no HTTP here: the service that keeps
 * reports is core's {@code Concerns}; the server holds the routes, the pages and the in-memory keys.
 */
package org.plumbline.core.intake;
