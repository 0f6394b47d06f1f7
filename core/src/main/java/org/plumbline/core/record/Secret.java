package org.plumbline.core.record;

import java.util.Arrays;
import org.plumbline.log.hash.Sha256;

/**
 * What is needed to reveal one confidential field of a record: the random salt and the canonical
 * JSON of the value. Kept in the database only, never in the log.
 *
 * @param field the field name, as it appears under {@code commitments} in the record
 * @param salt 32 random bytes
 * @param canonicalValue RFC 8785 canonical UTF-8 bytes of the field's value
 */
public record Secret(String field, byte[] salt, byte[] canonicalValue) {
    public Secret {
        salt = salt.clone();
        canonicalValue = canonicalValue.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] canonicalValue() {
        return canonicalValue.clone();
    }

    /** The commitment this secret opens: hex SHA-256(salt || canonical value). */
    public String commitment() {
        return Sha256.hex(Sha256.digest(salt, canonicalValue));
    }

    /** The reveal handed to an auditor. */
    public Reveal reveal() {
        return new Reveal(field, Sha256.hex(salt), CanonicalJson.parse(canonicalValue));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && field.equals(s.field) && Arrays.equals(salt, s.salt)
                && Arrays.equals(canonicalValue, s.canonicalValue);
    }

    @Override
    public int hashCode() {
        return field.hashCode() * 31 + Arrays.hashCode(salt);
    }

    @Override
    public String toString() {
        return "Secret[" + field + ", <redacted>]";
    }
}
