package org.plumbline.server.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;

/**
 * Sends one plain-text e-mail through the configured SMTP server (Jakarta Mail over Eclipse Angus):
 * bounded connect, read and write times, STARTTLS required when configured (so that credentials and
 * messages never cross in the clear), and a Message-ID fixed per delivery, so that a message sent again
 * after a crash is recognisably the same message.
 */
final class Mailer {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final SmtpConfig config;
    private final Session session;

    Mailer(SmtpConfig config) {
        this.config = config;
        Properties p = new Properties();
        p.put("mail.smtp.host", config.host());
        p.put("mail.smtp.port", Integer.toString(config.port()));
        p.put("mail.smtp.connectiontimeout", Long.toString(TIMEOUT.toMillis()));
        p.put("mail.smtp.timeout", Long.toString(TIMEOUT.toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(TIMEOUT.toMillis()));
        p.put("mail.smtp.auth", Boolean.toString(config.username().isPresent()));
        p.put("mail.smtp.starttls.enable", Boolean.toString(config.starttls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(config.starttls()));
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        this.session = Session.getInstance(p);
    }

    /**
     * Sends {@code text} to {@code to}.
     *
     * @param messageId the Message-ID without angle brackets, e.g. {@code delivery-12@plumbline}
     */
    void send(String to, String subject, String text, String messageId) throws MessagingException {
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        };
        m.setFrom(new InternetAddress(config.from(), true));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        m.setHeader("Auto-Submitted", "auto-generated");  // RFC 3834: no out-of-office replies to it
        m.saveChanges();
        try (Transport t = session.getTransport("smtp")) {
            t.connect(config.host(), config.port(), config.username().orElse(null), config.password().orElse(null));
            t.sendMessage(m, m.getAllRecipients());
        }
    }
}
