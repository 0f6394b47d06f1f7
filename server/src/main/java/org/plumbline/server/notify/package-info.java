/**
 * Notifications: e-mail and signed webhooks about new findings, assignments and deadlines, sent from an
 * outbox ({@link org.plumbline.server.notify.Notifier}, which derives them from the log's records and from
 * deadlines and delivers them with retries), each person's choices ({@link org.plumbline.server.notify.Preferences}),
 * the administrators' webhooks ({@link org.plumbline.server.notify.Webhooks}, signed as
 * {@link org.plumbline.server.notify.WebhookSignature} says, sent only to addresses {@code WebhookAddress}
 * allows) and the configuration ({@link org.plumbline.server.notify.NotifyConfig},
 * {@link org.plumbline.server.notify.SmtpConfig}). A notification says that something happened and links to
 * it; it never carries case content, concern content or anything about a reporter (docs/SECURITY.md).
 *
 * <p>May use {@code auth} (who the people are, what their role lets them see), {@code http} (errors, JSON,
 * log escaping), core's services and records, and the server's own tables through Jdbi; the pages for it
 * live in {@code web}, which uses this package.
 */
package org.plumbline.server.notify;
