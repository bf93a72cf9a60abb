package org.pbx.marketplace.server.internal.cabinet;

import java.time.Clock;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.http.HttpResponse;
import org.pbx.marketplace.server.internal.license.ActivationRequest;
import org.pbx.marketplace.server.internal.license.LicenseService;

/**
 * Offline activation in the cabinet: the owner pastes the request file of a PBX without internet
 * and downloads the token file to carry back. Only an owner logged in with the very key the
 * request names may answer it, so the key alone authorizes the binding, as online.
 */
final class OfflinePage {
    private static final String HTML = "text/html; charset=utf-8";

    private final LicenseService licenses;
    private final Clock clock;

    OfflinePage(LicenseService licenses, Clock clock) {
        this.licenses = licenses;
        this.clock = clock;
    }

    HttpResponse handle(CabinetRequest request, Sessions.Session session, boolean post, String lang) {
        if (!post) {
            return page(lang, 200, "");
        }
        try {
            ActivationRequest parsed = ActivationRequest.parse(request.form().getOrDefault("request", ""),
                    clock.instant().getEpochSecond());
            if (session.licenseKey() == null || !session.licenseKey().equals(parsed.licenseKey())) {
                return page(lang, 403, "<p class=\"err\">" + Html.esc(Texts.get("offline.otherKey", lang)) + "</p>");
            }
            String token = licenses.activateOffline(parsed);
            return HttpResponse.text(200, "application/jose", token).withHeader("Content-Disposition",
                    "attachment; filename=\"pbx-license-" + parsed.installation().id() + ".jws\"");
        } catch (ApiException e) {
            return page(lang, e.error().httpStatus(), CabinetPages.error(e.error(), lang));
        }
    }

    private static HttpResponse page(String lang, int status, String message) {
        String body = "<h2>" + Html.esc(Texts.get("offline", lang)) + "</h2>" + message
                + "<p>" + Html.esc(Texts.get("offline.how", lang)) + "</p>"
                + "<form method=\"post\" action=\"offline\"><p><label for=\"request\">"
                + Html.esc(Texts.get("offline.prompt", lang)) + "</label></p>"
                + "<p><textarea id=\"request\" name=\"request\" rows=\"8\" cols=\"80\" spellcheck=\"false\"></textarea></p>"
                + "<p><button>" + Html.esc(Texts.get("offline.button", lang)) + "</button></p></form>";
        return HttpResponse.text(status, HTML, Html.page(lang, "<a href=\"./\">"
                + Html.esc(Texts.get("offline.back", lang)) + "</a>", body));
    }
}
