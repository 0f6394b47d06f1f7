/**
 * Usage signals in the server: {@link org.plumbline.server.signals.UsageSignals} (uploads kept by SHA-256,
 * the inbox, scheduled scans, findings handed to core) and {@link org.plumbline.server.signals.ScanReport}
 * (the latest scan's report). Both are on their way to the signals module; until then they stay as they
 * are, here.
 *
 * <p>May use the signals module, core, and {@code api}'s {@code ApiException} and {@code Json}; nothing
 * else in the server.
 */
package org.plumbline.server.signals;
