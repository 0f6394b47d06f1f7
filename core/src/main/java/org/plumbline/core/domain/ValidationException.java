package org.plumbline.core.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input that breaks a domain rule. Carries one message per offending field (field path → message,
 * e.g. {@code "purposes[1]" → "unknown purpose 'spying'; known: …"}), in the order found. The
 * server maps it to HTTP 400 and shows each message next to its form field.
 */
public final class ValidationException extends RuntimeException {
    private final Map<String, String> fieldErrors;

    public ValidationException(Map<String, String> fieldErrors) {
        super(describe(fieldErrors));
        if (fieldErrors.isEmpty()) throw new IllegalArgumentException("a validation error needs a field");
        this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
    }

    /** One field, one message. */
    public static ValidationException of(String field, String message) {
        return new ValidationException(Map.of(field, message));
    }

    /** Field path → message, in the order the problems were found. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    private static String describe(Map<String, String> errors) {
        StringBuilder sb = new StringBuilder("invalid input: ");
        errors.forEach((f, m) -> sb.append(f).append(": ").append(m).append("; "));
        return sb.substring(0, sb.length() - 2);
    }

    /** Collects field errors; {@link #throwIfAny()} throws them together. */
    public static final class Collector {
        private final Map<String, String> errors = new LinkedHashMap<>();

        /** Records a problem unless the field already has one. */
        public Collector add(String field, String message) {
            errors.putIfAbsent(field, message);
            return this;
        }

        /** Records {@code message} for {@code field} when {@code bad} holds. */
        public Collector check(boolean bad, String field, String message) {
            if (bad) add(field, message);
            return this;
        }

        /**
         * Records a problem if {@code value} holds a control character. NUL cannot be stored in PostgreSQL
         * text at all (it used to surface as a 500), and the others would forge lines in logs and confuse
         * displays; {@code multiline} text may still hold tabs and line breaks.
         */
        public Collector text(String field, String value, boolean multiline) {
            if (value != null && value.codePoints().anyMatch(c -> Character.isISOControl(c)
                    && !(multiline && (c == '\t' || c == '\n' || c == '\r')))) {
                add(field, multiline ? "must not contain control characters (other than tabs and line breaks)"
                        : "must not contain control characters");
            }
            return this;
        }

        public boolean isEmpty() {
            return errors.isEmpty();
        }

        public void throwIfAny() {
            if (!errors.isEmpty()) throw new ValidationException(errors);
        }
    }
}
