/**
 * The server's transparency log: {@link org.plumbline.server.log.TransparencyLog} is the only writer of
 * the tiles and checkpoint under {@code <data-dir>/log}. It reads the entries core appended to
 * {@code log_entry}, hands them to the log module's integrator every 200 ms (or when nudged), signs the
 * checkpoint, and at start refuses a log that leads or disagrees with the database anywhere
 * ({@code LogAgreement}: signature, tiles, root and every entry, not only the last).
 *
 * <p>While PostgreSQL is unreachable integration pauses and is retried every second (one warning, no stack
 * trace); {@code TransparencyLog.integration()} says whether it is keeping up, for readiness and metrics.
 *
 * <p>May use the log module and core's sequenced entries (and {@code Database.unavailable}, to tell an
 * outage from a fault), nothing else in the server; the HTTP side of the
 * log ({@code /log/...}, proofs) is in {@code api}.
 */
package org.plumbline.server.log;
