package org.plumbline.signals;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A directive suspending services on an account from a moment on. A service is named by its FOCUS
 * ServiceName or ServiceCategory (matched case-insensitively), so "Azure AI Speech" and
 * "AI and Machine Learning" both work.
 */
public record Directive(String id, String account, List<String> services, Instant effective) {
    public Directive {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(effective, "effective");
        services = List.copyOf(services);
        if (services.isEmpty()) throw new IllegalArgumentException("directive " + id + " names no service");
    }
}
