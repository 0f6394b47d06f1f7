package org.plumbline.signals;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one of core's directives means for usage: services suspended on one account from a moment on
 * ({@code id} names the directive). A service is named by its FOCUS
 * ServiceName or ServiceCategory (matched case-insensitively), so "Azure AI Speech" and
 * "AI and Machine Learning" both work.
 */
public record ServiceSuspension(String id, String account, List<String> services, Instant effective) {
    public ServiceSuspension {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(effective, "effective");
        services = List.copyOf(services);
        if (services.isEmpty()) throw new IllegalArgumentException("directive " + id + " names no service");
    }
}
