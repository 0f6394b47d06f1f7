/**
 * Persistence: the database (embedded PostgreSQL or {@code DATABASE_URL}), Flyway migrations
 * ({@code db/migration/core}), and all SQL, including the Tessera-style {@code log_entry} sequencing.
 */
package org.plumbline.core.store;
