package org.plumbline.server.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the server notifies people and systems.
 *
 * @param smtp                 the mail server; empty: no e-mail is sent (people's choices are kept, and the
 *                             preferences page says that e-mail is off)
 * @param allowPrivateWebhooks whether webhooks may point at loopback, link-local and private addresses; off
 *                             by default, since a webhook URL an administrator types is otherwise a way to make
 *                             the server send requests into its own network (docs/SECURITY.md, "Notifications")
 * @param publicUrl            the server's address as people reach it, for the links in notifications; empty:
 *                             the address the server listens on
 * @param interval             how often the outbox is filled from new records and deadlines and delivered
 */
public record NotifyConfig(Optional<SmtpConfig> smtp, boolean allowPrivateWebhooks, Optional<URI> publicUrl,
                           Duration interval) {
    /** Often enough that an assignment reaches its assignee while they are still at their desk. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    /** No e-mail, public webhooks only, links to the listening address. */
    public static final NotifyConfig DEFAULT = new NotifyConfig(Optional.empty(), false, Optional.empty(), DEFAULT_INTERVAL);

    public NotifyConfig {
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the notification interval must be positive, got " + interval);
        }
        publicUrl.ifPresent(u -> {
            if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException("the public URL must be an http(s) URL, got " + u);
            }
        });
    }

    public NotifyConfig withSmtp(SmtpConfig server) {
        return new NotifyConfig(Optional.of(server), allowPrivateWebhooks, publicUrl, interval);
    }

    public NotifyConfig withPrivateWebhooks(boolean allowed) {
        return new NotifyConfig(smtp, allowed, publicUrl, interval);
    }

    public NotifyConfig withPublicUrl(URI url) {
        return new NotifyConfig(smtp, allowPrivateWebhooks, Optional.of(url), interval);
    }

    public NotifyConfig withInterval(Duration every) {
        return new NotifyConfig(smtp, allowPrivateWebhooks, publicUrl, every);
    }
}
