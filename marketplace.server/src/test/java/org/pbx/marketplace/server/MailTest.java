package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.testsupport.TestInstallation;

/**
 * Key delivery by e-mail against a real SMTP server (GreenMail) on a free port. Delivery is
 * driven with {@link VendorServer#deliverMailNow()} and the test clock; arrival is awaited with
 * GreenMail's bounded wait, which fails the test rather than hang.
 */
class MailTest {
    private static final String TOKEN = "outbox-admin-token-for-tests";
    private static final long WAIT_MS = 5_000;

    @TempDir
    Path dir;
    int port;
    GreenMail smtp;
    Harness h;

    @BeforeEach
    void start() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        smtp = Harness.smtp(port);
        h = new Harness(dir, new TestClock(), b -> b
                .smtp("127.0.0.1", port, VendorServerSettings.SmtpSecurity.NONE)
                .mailFrom("PBX Marketplace licensing <licenses@vendor.test>")
                .adminToken(TOKEN));
    }

    @AfterEach
    void stop() {
        h.close();
        smtp.stop();
    }

    /** Whether the harness has an SMTP host: the registration answer's letterSent must say the same. */
    private boolean mailOn = true;

    private String register(TestInstallation pbx, String email, String company, String contact, String lang) {
        ObjectNode form = Harness.registration(email, company);
        form.put("contactName", contact);
        form.put("language", lang);
        Harness.Resp resp = h.post("/v1/registrations", pbx, form);
        assertEquals(201, resp.status(), resp.text());
        assertEquals(mailOn, resp.json().get("letterSent").asBoolean(), "the answer says whether a letter is on its way");
        return resp.json().get("licenseKey").asText();
    }

    /** Sends what is due and waits (bounded) until GreenMail holds {@code total} messages. */
    private MimeMessage[] deliver(int total) {
        h.server.deliverMailNow();
        assertTrue(smtp.waitForIncomingEmail(WAIT_MS, total), "expected " + total + " letters");
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(total, received.length);
        return received;
    }

    private Harness.Resp lost(String email, String lang) {
        return h.cabinetForm("/cabinet/lost?lang=" + lang, null, "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8),
                Map.of());
    }

    private static String part(MimeMessage m, int index) throws Exception {
        MimeMultipart alternative = (MimeMultipart) m.getContent();
        return (String) alternative.getBodyPart(index).getContent();
    }

    private static String raw(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void registrationLetterCarriesTheKeyInTheRegistrationLanguage() throws Exception {
        smtp.start();
        String ruKey = register(new TestInstallation(), "owner@example.com", "ООО «Ромашка»", "Иван Петров", "ru");
        MimeMessage ru = deliver(1)[0];
        assertEquals("Ваш лицензионный ключ Маркетплейса АТС: ООО «Ромашка»", ru.getSubject());
        assertTrue(ru.getHeader("Subject")[0].startsWith("=?UTF-8?"), "Cyrillic subject is RFC 2047 encoded");
        assertEquals("owner@example.com", ((jakarta.mail.internet.InternetAddress) ru.getRecipients(
                Message.RecipientType.TO)[0]).getAddress());
        assertEquals("licenses@vendor.test", ((jakarta.mail.internet.InternetAddress) ru.getFrom()[0]).getAddress());
        assertTrue(ru.getContentType().startsWith("multipart/alternative"), ru.getContentType());
        MimeMultipart alternative = (MimeMultipart) ru.getContent();
        assertTrue(alternative.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(alternative.getBodyPart(1).isMimeType("text/html"));
        String text = part(ru, 0);
        String html = part(ru, 1);
        assertTrue(text.contains("Лицензионный ключ: " + ruKey), text);
        assertTrue(text.contains("Маркетплейс АТС, до 2027-03-01"), text);
        assertTrue(text.contains("Как ввести ключ на другой АТС"), text);
        assertTrue(text.contains(h.server.baseUrl() + "/cabinet/?lang=ru"), text);
        assertTrue(html.contains(ruKey) && html.contains("ООО «Ромашка»"), html);
        assertFalse(html.toLowerCase().contains("<img"), "no remote images");
        Files.createDirectories(Path.of("target"));
        // The letter as received, headers raw and parts decoded, key masked: for the closing note.
        String received = raw(ru);
        Files.writeString(Path.of("target", "sample-registration-letter.txt"),
                (received.substring(0, received.indexOf("\r\n\r\n")) + "\n\n[text/plain, decoded]\n" + text
                        + "\n[text/html, decoded]\n" + html).replace(ruKey, ruKey.substring(0, 4) + "XXXXX-XXXXX-XXXXX-XXXXX"));

        String enKey = register(new TestInstallation(), "boss@example.org", "Acme & <Sons>", "John Smith", "en");
        MimeMessage en = deliver(2)[1];
        assertEquals("Your PBX Marketplace license key: Acme & <Sons>", en.getSubject());
        assertTrue(part(en, 0).contains("License key: " + enKey));
        assertTrue(part(en, 0).contains("PBX Marketplace, until 2027-03-01"));
        assertTrue(part(en, 1).contains("Acme &amp; &lt;Sons&gt;"), "HTML values are escaped");

        h.close();
        TestDatabase.assertNothingReadable(dir, ruKey, enKey);
        h = Harness.start(dir);
    }

    @Test
    void lostKeyMailsEveryKeyOfAKnownAddressAndAnswersUnknownOnesTheSame() throws Exception {
        smtp.start();
        String first = register(new TestInstallation(), "Owner@Example.com", "ООО «Ромашка»", "Иван Петров", "ru");
        String second = register(new TestInstallation(), "owner@example.com", "ооо ромашка", "Иван Петров", "ru");
        register(new TestInstallation(), "other@example.com", "Other Ltd", "Jane Roe", "en");
        deliver(3);
        smtp.purgeEmailFromAllMailboxes();

        assertTrue(h.get("/cabinet/lost?lang=en").text().contains("Lost license key"));
        assertTrue(h.get("/cabinet/?lang=ru").text().contains("href=\"lost\""), "the login page links to it");
        Harness.Resp unknown = lost("nobody@example.com", "en");
        Harness.Resp known = lost("OWNER@example.com", "en");
        assertEquals(200, known.status());
        assertEquals(unknown.status(), known.status());
        assertEquals(unknown.text(), known.text(), "the answer does not tell whether the address is known");
        assertTrue(known.text().contains("If license keys are registered to this address"));

        MimeMessage letter = deliver(1)[0];
        assertEquals("Your PBX Marketplace license keys", letter.getSubject());
        assertEquals(1, letter.getAllRecipients().length);
        assertEquals("Owner@Example.com", ((jakarta.mail.internet.InternetAddress) letter.getAllRecipients()[0])
                .getAddress(), "sent to the registered address only");
        String text = part(letter, 0);
        assertTrue(text.contains(first) && text.contains(second), text);
        assertTrue(part(letter, 1).contains(first) && part(letter, 1).contains(second));
        assertEquals(0, h.server.deliverMailNow(), "nothing else is queued: the unknown address got nothing");
        assertEquals(1, smtp.getReceivedMessages().length);
        assertArrayEquals(new int[] {0, 0, 0, 4}, h.server.mailOutboxCounts());

        assertEquals(400, lost("not an address", "ru").status());
    }

    @Test
    void registrationSucceedsWhileSmtpIsDownAndTheLetterFollowsLater() throws Exception {
        String key = register(new TestInstallation(), "owner@example.com", "ООО «Ромашка»", "Иван Петров", "ru");
        assertEquals(0, h.server.deliverMailNow());
        assertArrayEquals(new int[] {0, 1, 0, 0}, h.server.mailOutboxCounts(), "one letter failing");

        assertEquals(404, h.get("/cabinet/outbox").status(), "no token: the page does not exist");
        assertEquals(404, h.get("/cabinet/outbox?token=wrong").status());
        String page = h.send("GET", "/cabinet/outbox?lang=en", new byte[0],
                Map.of("Authorization", "Bearer " + TOKEN)).text();
        assertTrue(page.contains("<td id=\"failing\">1</td>"), page);
        assertTrue(page.contains("Last error"), page);
        assertFalse(page.contains("owner@example.com"), "the vendor page shows counts, not addresses");

        smtp.start();
        assertEquals(0, h.server.deliverMailNow(), "not retried before the backoff has passed");
        h.clock.advance(Duration.ofSeconds(61));
        MimeMessage letter = deliver(1)[0];
        assertTrue(part(letter, 0).contains(key));
        assertArrayEquals(new int[] {0, 0, 0, 1}, h.server.mailOutboxCounts());
    }

    @Test
    void lostKeyRequestsAreRateLimitedPerAddressSilentlyAndPerClientWithAnError() throws Exception {
        smtp.start();
        register(new TestInstallation(), "owner@example.com", "ООО «Ромашка»", "Иван Петров", "ru");
        deliver(1);
        smtp.purgeEmailFromAllMailboxes();

        String answer = lost("owner@example.com", "ru").text();
        for (int i = 2; i <= 4; i++) {
            Harness.Resp again = lost("owner@example.com", "ru");
            assertEquals(200, again.status());
            assertEquals(answer, again.text(), "the per-address limit answers the same page");
        }
        deliver(3);
        assertEquals(0, h.server.deliverMailNow(), "the fourth request sent nothing");

        for (int i = 5; i <= 10; i++) {
            assertEquals(200, lost("someone" + i + "@example.com", "ru").status());
        }
        Harness.Resp limited = lost("someone11@example.com", "en");
        assertEquals(429, limited.status());
        assertTrue(limited.text().contains("(7003 E_LOST_KEY_RATE_LIMITED)"), limited.text());
        h.clock.advance(Duration.ofHours(1));
        assertEquals(200, lost("someone12@example.com", "en").status(), "the window slides");
    }

    @Test
    void lineBreaksInOwnerFieldsCannotAddHeaders() throws Exception {
        smtp.start();
        String key = register(new TestInstallation(), "owner@example.com",
                "Evil Co\r\nBcc: spy@evil.test\r\nX-Injected: yes", "Ivan\r\nCc: spy2@evil.test", "en");
        MimeMessage letter = deliver(1)[0];
        assertNull(letter.getHeader("Bcc"));
        assertNull(letter.getHeader("Cc"));
        assertNull(letter.getHeader("X-Injected"));
        assertEquals(1, letter.getAllRecipients().length);
        assertEquals("owner@example.com", ((jakarta.mail.internet.InternetAddress) letter.getAllRecipients()[0])
                .getAddress());
        assertEquals("Your PBX Marketplace license key: Evil Co Bcc: spy@evil.test X-Injected: yes",
                letter.getSubject());
        for (Header header : Collections.list(letter.getAllHeaders())) {
            assertFalse(header.getName().equalsIgnoreCase("X-Injected") || header.getValue().contains("\r\nCc:"),
                    header.getName() + ": " + header.getValue());
        }
        assertTrue(part(letter, 0).contains(key));
        // GreenMail creates a mailbox per envelope recipient: only the owner's exists.
        assertEquals(List.of("owner@example.com"), smtp.getUserManager().listUser().stream()
                .map(u -> u.getEmail()).toList());
    }

    @Test
    void withoutAnSmtpHostNothingIsQueuedAndTheLostPageSaysSo() {
        h.close();
        h = Harness.start(dir.resolve("nomail"));
        mailOn = false;
        register(new TestInstallation(), "owner@example.com", "ООО «Ромашка»", "Иван Петров", "ru");
        assertEquals(0, h.server.deliverMailNow());
        assertArrayEquals(new int[] {0, 0, 0, 0}, h.server.mailOutboxCounts());
        assertTrue(lost("owner@example.com", "en").text().contains("This server does not send e-mail"));
        assertEquals(404, h.get("/cabinet/outbox?token=" + TOKEN).status());
    }
}
