/**
 * The intake of concerns over HTTP (issue 10): the anonymous routes a reporter uses (submit, open a session
 * with the receipt, read and answer), the recipients' routes, and what the server keeps in memory only —
 * reporters' sessions and recipients' unlocked keys. Abuse limits store no address: a global rate and a small
 * pool of hashing slots. Domain rules, storage and cryptography are core's ({@code Concerns},
 * {@code org.plumbline.core.intake}); the pages are in {@code web}. May use {@code auth}, {@code api}
 * ({@code Route}, {@code RequestBody}) and {@code http}.
 */
package org.plumbline.server.intake;
