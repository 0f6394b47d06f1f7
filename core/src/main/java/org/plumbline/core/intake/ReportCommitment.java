package org.plumbline.core.intake;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.plumbline.core.record.CanonicalJson;
import org.plumbline.log.hash.Sha256;

/**
 * The commitment a {@code concern.received} record carries instead of the report:
 * {@code hex(SHA-256(salt ‖ JCS({"message": …, "topic": …})))}, the same construction as the log's
 * confidential fields (docs/SECURITY.md), with a fresh 32-byte salt. The salt and the canonical report are
 * kept only encrypted to the report's key: the reporter (with the receipt) and the recipients can show them
 * to an auditor, who checks them against the logged commitment; nobody else can, and nobody can confirm a
 * guessed report from the log alone.
 *
 * @param salt      32 random bytes
 * @param canonical the RFC 8785 canonical bytes of the report object (topic null when none was given)
 */
public record ReportCommitment(byte[] salt, byte[] canonical) {
    public static final int SALT_BYTES = 32;

    public static ReportCommitment of(String message, String topic, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new ReportCommitment(salt, canonicalReport(message, topic));
    }

    /** The canonical JSON of the report as committed: {@code {"message":…,"topic":…}}. */
    public static byte[] canonicalReport(String message, String topic) {
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("message", message);
        if (topic == null) {
            report.putNull("topic");
        } else {
            report.put("topic", topic);
        }
        return CanonicalJson.canonicalize(report);
    }

    /** The lower-case hex commitment, as logged. */
    public String hex() {
        return Sha256.hex(Sha256.digest(salt, canonical));
    }

    /** Whether this opening matches {@code loggedHex} (what an auditor checks). */
    public boolean opens(String loggedHex) {
        return loggedHex != null && MessageDigest.isEqual(hex().getBytes(), loggedHex.getBytes());
    }
}
