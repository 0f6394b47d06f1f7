package org.plumbline.server.notify;

import java.util.Objects;
import java.util.Optional;

/**
 * The mail server notifications are sent through.
 *
 * @param host     the SMTP server's name or address
 * @param port     its port (587 for submission with STARTTLS, 25 for a relay)
 * @param from     the sender address every notification carries
 * @param starttls whether to require STARTTLS before anything is sent (credentials never go in the clear)
 * @param username the account to authenticate as; empty for a relay that takes mail without
 * @param password its password; never printed ({@link #toString()} leaves it out)
 */
public record SmtpConfig(String host, int port, String from, boolean starttls, Optional<String> username,
                         Optional<String> password) {
    public SmtpConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (host.isBlank() || host.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            throw new IllegalArgumentException("the SMTP host must be a host name or address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the SMTP port must be 1..65535, got " + port);
        }
        if (!EmailAddress.valid(from)) {
            throw new IllegalArgumentException("the SMTP sender (from) must be an e-mail address");
        }
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("give both an SMTP username and password, or neither");
        }
    }

    /** A relay without credentials or TLS (e.g. a local MTA or a test server). */
    public static SmtpConfig relay(String host, int port, String from) {
        return new SmtpConfig(host, port, from, false, Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return "SmtpConfig[" + host + ":" + port + ", from=" + from + ", starttls=" + starttls
                + ", username=" + username.orElse("(none)") + ", password=" + (password.isPresent() ? "(set)" : "(none)") + "]";
    }
}
