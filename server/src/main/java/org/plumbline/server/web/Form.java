package org.plumbline.server.web;

import java.util.Map;

/** A form's submitted values and its field-level error messages, to re-show a form with each message by its field. */
record Form(Map<String, String> values, Map<String, String> errors) {
    static final Form EMPTY = new Form(Map.of(), Map.of());

    Form {
        values = Map.copyOf(values);
        errors = Map.copyOf(errors);
    }

    String value(String field) {
        return values.getOrDefault(field, "");
    }

    /** The message for {@code field}, or for its first item or sub-field ({@code purposes[1]}, {@code attestation.statement}). */
    String error(String field) {
        String exact = errors.get(field);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> e : errors.entrySet()) {
            if (e.getKey().startsWith(field + "[")) {
                return e.getValue();
            }
        }
        return null;
    }

    boolean checked(String field, String option) {
        String v = values.get(field);
        if (v == null) {
            return false;
        }
        for (String part : v.split(",")) {
            if (part.strip().equals(option)) {
                return true;
            }
        }
        return false;
    }
}
