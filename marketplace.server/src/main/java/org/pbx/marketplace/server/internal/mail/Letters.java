package org.pbx.marketplace.server.internal.mail;

import static org.pbx.marketplace.server.internal.cabinet.Html.esc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;
import org.pbx.marketplace.server.internal.license.Entitlements.ProductGrant;

/**
 * Renders the registration and lost-key letters in the registration's (or the asker's) language.
 * Values from owners are escaped in the HTML part; headers get them only through {@link #headerSafe}.
 */
public final class Letters {
    /** One key as a letter shows it. */
    public record KeyInfo(String companyName, String contactName, String email, String key,
                          List<ProductGrant> products) {
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final Supplier<String> baseUrl;

    /** @param baseUrl the server's public base URL (no trailing slash), known only once it listens */
    public Letters(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Letter registration(KeyInfo k, String lang) {
        String subject = LetterTexts.get("subject.registration", lang, headerSafe(k.companyName()));
        return render(k, List.of(k), lang, subject, LetterTexts.get("registered", lang, k.companyName()));
    }

    /** All keys go to one address: the one they were registered with. */
    public Letter lostKeys(List<KeyInfo> keys, String lang) {
        return render(keys.get(0), keys, lang, LetterTexts.get("subject.lost", lang), LetterTexts.get("lost", lang));
    }

    private Letter render(KeyInfo to, List<KeyInfo> keys, String lang, String subject, String intro) {
        String cabinet = baseUrl.get() + "/cabinet/?lang=" + lang;
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"").append(lang)
                .append("\"><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif\">");
        String hello = LetterTexts.get("hello", lang, to.contactName());
        text.append(hello).append("\n\n").append(intro).append("\n");
        html.append("<p>").append(esc(hello)).append("</p><p>").append(esc(intro)).append("</p>");
        for (KeyInfo k : keys) {
            text.append("\n").append(LetterTexts.get("company", lang)).append(": ").append(k.companyName()).append("\n")
                    .append(LetterTexts.get("key", lang)).append(": ").append(k.key()).append("\n")
                    .append(LetterTexts.get("unlocks", lang)).append(":\n");
            html.append("<p>").append(esc(LetterTexts.get("company", lang))).append(": <b>").append(esc(k.companyName()))
                    .append("</b><br>").append(esc(LetterTexts.get("key", lang)))
                    .append(": <code style=\"font-size:1.2em\">").append(esc(k.key())).append("</code><br>")
                    .append(esc(LetterTexts.get("unlocks", lang))).append(":</p><ul>");
            for (ProductGrant p : k.products()) {
                String line = ("ru".equals(lang) ? p.nameRu() : p.nameEn())
                        + (p.trial() ? " (" + LetterTexts.get("trial", lang) + ")" : "") + ", "
                        + LetterTexts.get("until", lang, DATE.format(Instant.ofEpochSecond(p.expiresAt())));
                text.append("  - ").append(line).append("\n");
                html.append("<li>").append(esc(line)).append("</li>");
            }
            html.append("</ul>");
        }
        String keep = LetterTexts.get("keep", lang);
        String howto = LetterTexts.get("howto", lang);
        text.append("\n").append(keep).append("\n\n").append(howto).append(":\n");
        html.append("<p>").append(esc(keep)).append("</p><p>").append(esc(howto)).append(":</p><ol>");
        for (int step = 1; step <= 3; step++) {
            String s = LetterTexts.get("step" + step, lang);
            text.append("  ").append(step).append(". ").append(s).append("\n");
            html.append("<li>").append(esc(s)).append("</li>");
        }
        String cabinetLine = LetterTexts.get("cabinet", lang, cabinet);
        text.append("\n").append(cabinetLine).append("\n");
        html.append("</ol><p>").append(esc(LetterTexts.get("cabinet", lang, ""))).append("<a href=\"")
                .append(esc(cabinet)).append("\">").append(esc(cabinet)).append("</a></p></body></html>");
        return new Letter(to.email(), headerSafe(to.contactName()), subject, text.toString(), html.toString());
    }

    /** Control characters (CR, LF and the rest) become spaces, so a value can never start a new header. */
    static String headerSafe(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029
                ? ' ' : cp));
        return out.toString().replaceAll(" {2,}", " ").trim();
    }

}
