/**
 * Plumbline's domain services. {@link org.plumbline.core.Core} is the entry point; each operation
 * is one all-or-nothing PostgreSQL transaction that writes its domain rows and appends its
 * record(s) to the transparency log's {@code log_entry} table together. The SQL (the stores and
 * {@code LogEntries}) is package-private here, beside the services, so that no other module can write
 * a domain row without the record that proves it. See {@code docs/domain.md}.
 */
package org.plumbline.core;
