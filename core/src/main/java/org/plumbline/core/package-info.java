/**
 * Plumbline's domain services. {@link org.plumbline.core.Core} is the entry point; each operation
 * is one all-or-nothing PostgreSQL transaction that writes its domain rows and appends its
 * record(s) to the transparency log's {@code log_entry} table together. See {@code docs/domain.md}.
 */
package org.plumbline.core;
