package org.plumbline.core.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The external spelling of domain enums: lower case with hyphens ({@code DIRECTLY_LINKED} ↔
 * {@code directly-linked}), as used in records, the API and the database.
 */
public final class Wire {
    private Wire() {}

    /** The wire name of an enum constant. */
    public static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a wire name; a {@link ValidationException} on {@code field} lists the allowed values. */
    public static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value != null) {
            for (E e : type.getEnumConstants()) {
                if (name(e).equals(value)) return e;
            }
        }
        throw ValidationException.of(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                .map(Wire::name).collect(Collectors.joining(", ")) + (value == null ? "" : "; got '" + value + "'"));
    }
}
