package org.plumbline.core.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import org.plumbline.log.hash.Sha256;

/**
 * An opened commitment, as given to an auditor: the field, the salt (hex) and the value. The
 * auditor checks it against the record in the log with {@link #verify(byte[])}: the record's
 * {@code commitments.<field>} must equal hex SHA-256(salt || JCS(value)).
 *
 * @param field the confidential field's name
 * @param saltHex the 32-byte salt in hex
 * @param value the field's value
 */
public record Reveal(String field, String saltHex, JsonNode value) {

    /** The commitment this reveal opens. */
    public String commitment() {
        return Sha256.hex(Sha256.digest(Sha256.unhex(saltHex), CanonicalJson.canonicalize(value)));
    }

    /**
     * Whether this reveal opens the named field's commitment in the given logged record bytes.
     * False for a record without that field, a different value, or a different salt.
     */
    public boolean verify(byte[] loggedRecord) {
        JsonNode committed = CanonicalJson.parse(loggedRecord).path("commitments").path(field);
        if (!committed.isTextual()) return false;
        byte[] expected;
        try {
            expected = Sha256.unhex(committed.textValue());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, Sha256.unhex(commitment()));
    }
}
