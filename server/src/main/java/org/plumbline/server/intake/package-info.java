/**
 * The intake of concerns over HTTP (issue 10): the anonymous routes a reporter uses (a proof-of-work challenge,
 * submit, open a session with the receipt, read, answer and add files), the recipients' routes, and what the server
 * keeps in memory only — reporters' sessions, recipients' unlocked keys, answered proof-of-work challenges. Abuse
 * limits store no address: a proof-of-work, global rates and small pools of hashing and upload slots. Domain rules, storage and cryptography are core's ({@code Concerns},
 * {@code org.plumbline.core.intake}); the pages are in {@code web}. May use {@code auth}, {@code api}
 * ({@code Route}, {@code RequestBody}) and {@code http}.
 */
package org.plumbline.server.intake;
