package org.pbx.marketplace.server.internal.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPSSLTransport;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.pbx.marketplace.server.VendorServerSettings;
import org.pbx.marketplace.server.VendorServerSettings.SmtpSecurity;

/**
 * Sends one letter over SMTP with Angus Mail. The transport is constructed directly instead of
 * looked up by protocol name, and the context class loader is this bundle's while mail runs:
 * Jakarta Mail and Activation find their helpers through ServiceLoader and META-INF files, which
 * in OSGi are only visible from the bundle that embeds them (this one, see bnd.bnd).
 */
public final class SmtpMailer {
    private static final String TIMEOUT_MS = "20000";

    private final VendorServerSettings s;
    private final Clock clock;
    private final InternetAddress from;

    public SmtpMailer(VendorServerSettings settings) {
        this.s = settings;
        this.clock = settings.clock();
        try {
            this.from = new InternetAddress(settings.mailFrom(), true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("the sender address is not valid: " + settings.mailFrom(), e);
        }
    }

    public void send(Letter letter) throws MessagingException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SmtpMailer.class.getClassLoader());
        try {
            Session session = Session.getInstance(properties());
            MimeMessage message = message(session, letter);
            boolean smtps = s.smtpSecurity() == SmtpSecurity.SMTPS;
            URLName url = new URLName(smtps ? "smtps" : "smtp", s.smtpHost(), s.smtpPort(), null, s.smtpUser(),
                    s.smtpPassword());
            Transport transport = smtps ? new SMTPSSLTransport(session, url) : new SMTPTransport(session, url);
            transport.connect(s.smtpHost(), s.smtpPort(), s.smtpUser(), s.smtpPassword());
            try {
                transport.sendMessage(message, message.getAllRecipients());
            } finally {
                transport.close();
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private MimeMessage message(Session session, Letter letter) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(from);
        try {
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(letter.to(), letter.toName(), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        // setSubject with a charset encodes non-ASCII text as RFC 2047 words (=?UTF-8?B?...?=).
        message.setSubject(letter.subject(), "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        MimeBodyPart text = new MimeBodyPart();
        text.setText(letter.text(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(letter.html(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private Properties properties() {
        String p = "mail." + (s.smtpSecurity() == SmtpSecurity.SMTPS ? "smtps" : "smtp") + ".";
        Properties props = new Properties();
        // Bounded: a hung mail server must not hold the outbox sender forever.
        props.put(p + "connectiontimeout", TIMEOUT_MS);
        props.put(p + "timeout", TIMEOUT_MS);
        props.put(p + "writetimeout", TIMEOUT_MS);
        props.put(p + "from", from.getAddress());
        props.put(p + "auth", Boolean.toString(s.smtpUser() != null));
        if (s.smtpSecurity() == SmtpSecurity.STARTTLS) {
            // Required, not merely enabled: a server that drops STARTTLS must not get the password or keys in clear.
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (s.smtpSecurity() != SmtpSecurity.NONE) {
            props.put(p + "ssl.checkserveridentity", "true");
        }
        return props;
    }
}
