package org.pbx.marketplace.server.internal.cabinet;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.pbx.marketplace.server.internal.crypto.Codes;
import org.pbx.marketplace.server.internal.crypto.KeyVault;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.http.HttpRequest;
import org.pbx.marketplace.server.internal.http.HttpResponse;
import org.pbx.marketplace.server.internal.license.CabinetService;
import org.pbx.marketplace.server.internal.license.LicenseService;
import org.pbx.marketplace.server.internal.store.Database;

/**
 * The client cabinet's routes. Forms post and redirect back (303) so a reload never repeats an
 * action; the session cookie is HttpOnly and SameSite=Strict, and every POST must bring back the
 * CSRF token its form carried (Csrf), so no other site's form is accepted, the login form included.
 */
public final class CabinetPages {
    private static final String HTML = "text/html; charset=utf-8";

    private final CabinetService service;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final boolean secureCookies;
    private final LostKeyPage lostKey;
    private final OutboxPage outbox;
    private final OfflinePage offline;
    private final Csrf csrf = new Csrf();

    /** @param db where sessions and limits live, shared by every node; vault seals the keys sessions keep */
    public CabinetPages(CabinetService service, LicenseService licenses, Database db, KeyVault vault, Clock clock,
                        Duration sessionIdle, boolean secureCookies, String adminToken) {
        this.offline = new OfflinePage(licenses, clock);
        this.service = service;
        this.lostKey = new LostKeyPage(service, db, clock);
        this.outbox = new OutboxPage(service, adminToken);
        this.sessions = new Sessions(db, vault, clock, sessionIdle);
        this.throttle = new LoginThrottle(db, clock);
        this.clock = clock;
        this.secureCookies = secureCookies;
    }

    /** @param path the path below /cabinet, e.g. "/" or "/login" */
    public HttpResponse handle(HttpRequest raw, String path) {
        CabinetRequest request = new CabinetRequest(raw);
        String lang = request.language();
        if (path.isEmpty()) {
            return redirect("cabinet/");
        }
        boolean post = "POST".equals(raw.method());
        if (path.equals("/outbox") && !post) {
            return outbox.handle(request, lang);
        }
        Sessions.Lookup lookup = sessions.find(request.cookie(CabinetRequest.SESSION_COOKIE));
        String formToken = lookup.session() != null ? Csrf.ofSession(lookup.session().token()) : Csrf.ofCookie(request);
        if (post && !Csrf.matches(formToken, request.form().get(Csrf.FIELD))) {
            // Sent from a page this server did not serve to this browser: another site's form, or a stale one.
            return refused(lang, "csrf", 403);
        }
        boolean newCookie = formToken == null;
        if (newCookie) {
            formToken = csrf.fresh();
        }
        HttpResponse response = withToken(route(request, path, post, lang, lookup), formToken);
        return newCookie ? response.withHeader("Set-Cookie", Csrf.COOKIE + "=" + formToken + "; Path="
                + raw.basePath() + "/cabinet/; HttpOnly; SameSite=Strict" + (secureCookies ? "; Secure" : "")) : response;
    }

    private HttpResponse route(CabinetRequest request, String path, boolean post, String lang, Sessions.Lookup lookup) {
        HttpRequest raw = request.raw();
        if (path.equals("/login") && post) {
            return login(request, lang);
        }
        if (path.equals("/lost")) {
            return withLang(request, lostKey.handle(request, post, lang), lang);
        }
        if (lookup.session() == null) {
            boolean action = post && (path.equals("/logout") || path.equals("/release") || path.equals("/coupon")
                    || path.equals("/offline"));
            if (!path.equals("/") && !action) {
                throw new ApiException(ErrorCode.E_NOT_FOUND);
            }
            if (lookup.expired()) {
                return withLang(request, loginPage(lang, ErrorCode.E_SESSION_EXPIRED, 401), lang);
            }
            return path.equals("/") ? withLang(request, loginPage(lang, null, 200), lang) : redirect("./");
        }
        Sessions.Session session = lookup.session();
        String token = session.token();
        if (path.equals("/logout")) {
            sessions.remove(token);
            return redirect("./").withHeader("Set-Cookie", cookie(raw.basePath(), "", 0));
        }
        if (session.byCoupon()) {
            return couponSession(request, session, path, lang);
        }
        switch (path) {
            case "/":
                return withLang(request, dashboard(session, lang), lang)
                        .withHeader("Set-Cookie", cookie(raw.basePath(), token, sessions.idle().toSeconds()));
            case "/release":
                service.release(session.licenseId(), request.form().getOrDefault("installationId", ""));
                sessions.flash(session, "<p class=\"note\">" + Html.esc(Texts.get("released", lang)) + "</p>");
                return redirect("./");
            case "/coupon":
                sessions.flash(session, activateCoupon(session, request.form().getOrDefault("coupon", ""), lang));
                return redirect("./");
            case "/offline":
                return withLang(request, offline.handle(request, session, post, lang), lang);
            default:
                throw new ApiException(ErrorCode.E_NOT_FOUND);
        }
    }

    /**
     * A coupon login sees what its coupon added and nothing else: whoever once saw a spent coupon's code
     * must not manage the license (release its PBXs, spend coupons on it, read its owner). Once the
     * coupon no longer opens the license (revoked, or a session from before), the session ends.
     */
    private HttpResponse couponSession(CabinetRequest request, Sessions.Session session, String path, String lang) {
        CabinetService.CouponView view = service.couponView(session.licenseId(), session.coupon());
        if (view == null) {
            sessions.remove(session.token());
            return redirect("./").withHeader("Set-Cookie", cookie(request.raw().basePath(), "", 0));
        }
        if (path.equals("/")) {
            return withLang(request, HttpResponse.text(200, HTML, Html.page(lang, logoutForm(lang),
                    new CouponPage(lang, clock.instant().getEpochSecond()).render(view, session.coupon()))), lang)
                    .withHeader("Set-Cookie", cookie(request.raw().basePath(), session.token(), sessions.idle().toSeconds()));
        }
        if (path.equals("/release") || path.equals("/coupon") || path.equals("/offline")) {
            return refused(lang, "coupon.denied", 403);
        }
        throw new ApiException(ErrorCode.E_NOT_FOUND);
    }

    private static HttpResponse refused(String lang, String text, int status) {
        return HttpResponse.text(status, HTML, Html.page(lang, "<a href=\"./\">" + Html.esc(Texts.get("offline.back", lang))
                + "</a>", "<p class=\"err\">" + Html.esc(Texts.get(text, lang)) + "</p>"));
    }

    /** The page's POST forms carry the request's CSRF token (Csrf). */
    private static HttpResponse withToken(HttpResponse response, String token) {
        List<String> type = response.headers().get("Content-Type");
        if (type == null || type.isEmpty() || !type.get(0).startsWith("text/html")) {
            return response;
        }
        String html = new String(response.body(), StandardCharsets.UTF_8);
        return new HttpResponse(response.status(), response.headers(),
                Csrf.intoForms(html, token).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse login(CabinetRequest request, String lang) {
        String address = request.raw().remoteAddress();
        long blocked = throttle.blockedFor(address);
        if (blocked > 0) {
            return loginPage(lang, ErrorCode.E_RATE_LIMITED, 429).withHeader("Retry-After", Long.toString(blocked));
        }
        String input = request.form().getOrDefault("key", "");
        String key = Codes.normalizeKey(input);
        String coupon = key == null ? Codes.normalizeCoupon(input) : null;
        try {
            long licenseId;
            if (key != null) {
                licenseId = service.loginWithKey(key);
            } else if (coupon != null) {
                licenseId = service.loginWithCoupon(coupon);
            } else {
                throw new ApiException(ErrorCode.E_KEY_FORMAT, "key");
            }
            String token = sessions.create(licenseId, key, coupon);
            return redirect("./").withHeader("Set-Cookie",
                    cookie(request.raw().basePath(), token, sessions.idle().toSeconds()));
        } catch (ApiException e) {
            throttle.failed(address);
            return loginPage(lang, e.error(), e.error() == ErrorCode.E_KEY_FORMAT ? 400 : 401);
        }
    }

    private String activateCoupon(Sessions.Session session, String input, String lang) {
        String coupon = Codes.normalizeCoupon(input);
        try {
            if (coupon == null) {
                throw new ApiException(ErrorCode.E_COUPON_FORMAT, "coupon");
            }
            boolean applied = service.activateCoupon(session.licenseId(), coupon);
            return "<p class=\"note\">" + Html.esc(Texts.get(applied ? "coupon.done" : "coupon.already", lang)) + "</p>";
        } catch (ApiException e) {
            return error(e.error(), lang);
        }
    }

    private HttpResponse loginPage(String lang, ErrorCode error, int status) {
        String body = (error == null ? "" : error(error, lang))
                + "<form method=\"post\" action=\"login\"><p><label for=\"key\">"
                + Html.esc(Texts.get("login.prompt", lang)) + "</label></p>"
                + "<p><input type=\"text\" id=\"key\" name=\"key\" autocomplete=\"off\" spellcheck=\"false\""
                + " placeholder=\"MKT-XXXXX-XXXXX-XXXXX-XXXXX\"> <button>"
                + Html.esc(Texts.get("login.button", lang)) + "</button></p></form>"
                + "<p><a href=\"lost\">" + Html.esc(Texts.get("lost.link", lang)) + "</a></p>";
        return HttpResponse.text(status, HTML, Html.page(lang, "", body));
    }

    private HttpResponse dashboard(Sessions.Session session, String lang) {
        String flash = session.flash() == null ? "" : session.flash();
        if (session.flash() != null) {
            sessions.flash(session, null);
        }
        String nav = logoutForm(lang);
        String body = flash + new Dashboard(lang, clock.instant().getEpochSecond())
                .render(service.view(session.licenseId()), session.licenseKey());
        return HttpResponse.text(200, HTML, Html.page(lang, nav, body));
    }

    private static String logoutForm(String lang) {
        return "<form class=\"inline\" method=\"post\" action=\"logout\"><button>"
                + Html.esc(Texts.get("logout", lang)) + "</button></form>";
    }

    static String error(ErrorCode error, String lang) {
        return "<p class=\"err\">" + Html.esc(error.message(lang)) + " <small>(" + error.code() + " "
                + error.name() + ")</small></p>";
    }

    private String cookie(String basePath, String value, long maxAge) {
        return CabinetRequest.SESSION_COOKIE + "=" + value + "; Path=" + basePath + "/cabinet/; Max-Age=" + maxAge
                + "; HttpOnly; SameSite=Strict" + (secureCookies ? "; Secure" : "");
    }

    private static HttpResponse withLang(CabinetRequest request, HttpResponse response, String lang) {
        if (request.query().containsKey("lang")) {
            return response.withHeader("Set-Cookie", CabinetRequest.LANG_COOKIE + "=" + lang + "; Path="
                    + request.raw().basePath() + "/cabinet/; Max-Age=31536000; SameSite=Strict");
        }
        return response;
    }

    private static HttpResponse redirect(String location) {
        return HttpResponse.empty(303).withHeader("Location", location);
    }
}
