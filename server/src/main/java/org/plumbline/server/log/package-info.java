/**
 * The server's transparency log: {@link org.plumbline.server.log.TransparencyLog} is the only writer of
 * the tiles and checkpoint under {@code <data-dir>/log}. It reads the entries core appended to
 * {@code log_entry}, hands them to the log module's integrator every 200 ms (or when nudged), signs the
 * checkpoint, and at start refuses a log that leads or disagrees with the database anywhere
 * ({@code LogAgreement}: signature, tiles, root and every entry, not only the last).
 *
 * <p>May use the log module and core's sequenced entries, nothing else in the server; the HTTP side of the
 * log ({@code /log/...}, proofs) is in {@code api}.
 */
package org.plumbline.server.log;
