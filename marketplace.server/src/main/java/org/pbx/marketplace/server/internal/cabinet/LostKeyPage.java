package org.pbx.marketplace.server.internal.cabinet;

import java.time.Clock;
import java.util.Locale;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.http.HttpResponse;
import org.pbx.marketplace.server.internal.license.CabinetService;
import org.pbx.marketplace.server.internal.store.Database;
import org.pbx.marketplace.server.internal.validation.RegistrationForm;

/**
 * "I lost my key": mails the keys of an address to that address. The answer never depends on
 * whether the address is known, nor on its own limit being reached (then nothing is sent, the
 * page is the same), so the page cannot be used to find out who is a customer. Only the limit
 * per client, which reveals nothing about addresses, is answered with a numbered error.
 */
final class LostKeyPage {
    static final int PER_ADDRESS = 3;
    static final int PER_CLIENT = 10;
    static final long HOUR = 3600;

    private final CabinetService service;
    private final RateWindow perAddress;
    private final RateWindow perClient;

    LostKeyPage(CabinetService service, Database db, Clock clock) {
        this.service = service;
        this.perAddress = new RateWindow(db, clock, "lost.address", PER_ADDRESS, HOUR);
        this.perClient = new RateWindow(db, clock, "lost.client", PER_CLIENT, HOUR);
    }

    HttpResponse handle(CabinetRequest request, boolean post, String lang) {
        if (!service.mailEnabled()) {
            return page(lang, 200, note(Texts.get("lost.nomail", lang)));
        }
        if (!post) {
            return page(lang, 200, form(lang));
        }
        long wait = perClient.tryAcquire(request.raw().remoteAddress());
        if (wait > 0) {
            return page(lang, 429, CabinetPages.error(ErrorCode.E_LOST_KEY_RATE_LIMITED, lang) + form(lang))
                    .withHeader("Retry-After", Long.toString(wait));
        }
        String email = request.form().getOrDefault("email", "").trim();
        if (!RegistrationForm.validEmail(email)) {
            return page(lang, 400, CabinetPages.error(ErrorCode.E_EMAIL_SYNTAX, lang) + form(lang));
        }
        String emailNorm = email.toLowerCase(Locale.ROOT);
        if (perAddress.tryAcquire(emailNorm) == 0) {
            service.mailLostKeys(emailNorm, lang);
        }
        return page(lang, 200, note(Texts.get("lost.done", lang)));
    }

    private static String form(String lang) {
        return "<form method=\"post\" action=\"lost\"><p><label for=\"email\">"
                + Html.esc(Texts.get("lost.prompt", lang)) + "</label></p><p><input type=\"text\" id=\"email\""
                + " name=\"email\" autocomplete=\"email\" spellcheck=\"false\" placeholder=\"name@example.com\"> <button>"
                + Html.esc(Texts.get("lost.button", lang)) + "</button></p></form>";
    }

    private static String note(String text) {
        return "<p class=\"note\">" + Html.esc(text) + "</p>";
    }

    private static HttpResponse page(String lang, int status, String body) {
        return HttpResponse.text(status, "text/html; charset=utf-8", Html.page(lang, "<a href=\"./\">"
                + Html.esc(Texts.get("login.button", lang)) + "</a>", "<h2>" + Html.esc(Texts.get("lost", lang))
                + "</h2>" + body));
    }
}
