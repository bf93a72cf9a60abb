package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.testsupport.TestInstallation;

/** The client cabinet's pages, driven like a browser would (forms, cookies, redirects). */
class CabinetTest {
    @TempDir
    Path dir;
    Harness h;
    TestInstallation pbx;
    String key;

    @BeforeEach
    void start() {
        h = Harness.start(dir);
        pbx = new TestInstallation();
        key = h.register(pbx, "cabinet@example.com", "Cabinet <b>Co</b>");
        h.token(h.post("/v1/trials", pbx, Harness.body("licenseKey", key, "productId", "crm-connector",
                "nonce", TestInstallation.nonce())));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private String login(String input) {
        Harness.Resp resp = ErrorCodesTest.cabinetLogin(h, input);
        assertEquals(303, resp.status(), resp.text());
        String setCookie = resp.header("Set-Cookie");
        assertTrue(setCookie.contains("HttpOnly"));
        assertTrue(setCookie.contains("SameSite=Strict"));
        assertTrue(setCookie.contains("Path=/cabinet/"));
        return setCookie.split(";")[0];
    }

    private Harness.Resp page(String cookie, String query) {
        return h.send("GET", "/cabinet/" + query, new byte[0], Map.of("Cookie", cookie));
    }

    private Harness.Resp form(String cookie, String action, String field, String value) {
        return h.cabinetForm("/cabinet/" + action, cookie, field + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8),
                Map.of());
    }

    @Test
    void ownerSeesLicenseAndReleasesAnInstallation() {
        assertEquals(1013, h.get("/").errorCode(404), "docs/protocol.md §1: no redirect from / to the cabinet");
        Harness.Resp loginPage = h.send("GET", "/cabinet/", new byte[0], Map.of("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5"));
        assertEquals(200, loginPage.status());
        assertTrue(loginPage.text().contains("Введите ваш лицензионный ключ или активированный ранее купон"));

        String cookie = login(key.toLowerCase());
        String html = page(cookie, "?lang=en").text();
        assertTrue(html.contains("Cabinet &lt;b&gt;Co&lt;/b&gt;"), "owner data is escaped");
        assertFalse(html.contains("<b>Co</b>"));
        assertTrue(html.contains("Ivan Petrov"));
        assertTrue(html.contains("PBX Marketplace"));
        assertTrue(html.contains("CRM Connector <small>(trial)</small>"));
        assertTrue(html.contains("0 of 5 seats used"));
        assertTrue(html.contains("1 of 1 seats used"), "the bound PBX uses the base product's seat (issue 20 item 10)");
        assertTrue(html.contains("CRM connector <small><code>crm-connector</code></small>"), "features by name, the id beside");
        assertTrue(html.contains(pbx.id), "the bound installation is listed");
        assertTrue(html.contains(key), "the key is shown (blurred) to whoever logged in with it");

        String ru = page(cookie, "?lang=ru").text();
        assertTrue(ru.contains("Личный кабинет"));
        assertTrue(ru.contains("занято мест: 0 из 5"));

        Harness.Resp release = form(cookie, "release", "installationId", pbx.id);
        assertEquals(303, release.status());
        String after = page(cookie, "?lang=en").text();
        assertTrue(after.contains("The installation was released: the key can now be used on another PBX."), after);
        assertTrue(after.contains("switches its paid modules off at its next check"), "says what the PBX will do (issue 20 item 10)");
        assertFalse(after.contains("<code>" + pbx.id + "</code>"));
        h.token(h.validate(new TestInstallation(), key));
    }

    @Test
    void couponActivationAndCouponLogin() {
        String cookie = login(key);
        assertEquals(303, form(cookie, "coupon", "coupon", "MKTC-DEMO2-CRMCO-0090D-00002").status());
        String html = page(cookie, "?lang=en").text();
        assertTrue(html.contains("The coupon was activated."), html);
        assertTrue(html.contains("CRM Connector <small>(license)</small>"));
        assertEquals(303, form(cookie, "coupon", "coupon", "MKTC-DEMO2-CRMCO-0090D-00002").status());
        String again = page(cookie, "?lang=en").text();
        assertTrue(again.contains("This coupon was already activated on this license; nothing changed."), again);
        assertFalse(again.contains("The coupon was activated."), "not \"activated\" again (issue 20 item 10)");
        form(cookie, "coupon", "coupon", "MKTC-NOPE0-NOPE0-NOPE0-NOPE0");
        assertTrue(page(cookie, "").text().contains("(5001 E_UNKNOWN_COUPON)"));

        String couponCookie = login("MKTC-DEMO2-CRMCO-0090D-00002");
        String viaCoupon = page(couponCookie, "?lang=en").text();
        assertTrue(viaCoupon.contains("Logged in with a coupon"), viaCoupon);
        assertFalse(viaCoupon.contains(key), "a coupon login does not reveal the key");
        assertTrue(viaCoupon.contains("CRM Connector"), "what the coupon added");
        assertFalse(viaCoupon.contains("Cabinet &lt;b&gt;Co&lt;/b&gt;"), "nothing of the owner (issue 16)");
    }

    @Test
    void logoutEndsTheSessionAndStrangersSeeNothing() {
        String cookie = login(key);
        assertEquals(303, form(cookie, "logout", "x", "y").status());
        Harness.Resp after = page(cookie, "?lang=en");
        assertEquals(200, after.status());
        assertFalse(after.text().contains("Ivan Petrov"), "logged out: only the login form");
        assertFalse(page("pbx_cabinet=forged", "").text().contains("Ivan Petrov"));
        assertEquals(303, form("pbx_cabinet=forged", "release", "installationId", pbx.id).status());
        h.refusal(h.validate(new TestInstallation(), key));
    }

    /** Issue 20 item 10: "Release" reaches the released PBX at its next check, once, signed (protocol §13). */
    @Test
    void releasedInstallationHearsOfItAtItsNextCheckOnce() {
        String cookie = login(key);
        long before = h.clock.epochSeconds();
        assertEquals(303, form(cookie, "release", "installationId", pbx.id).status());
        var refusal = h.refusal(h.validate(pbx, key));
        assertEquals("SEAT_RELEASED", refusal.get("reason").asText());
        assertEquals(3006, refusal.get("code").asInt());
        assertEquals("E_SEAT_RELEASED", refusal.get("name").asText());
        assertTrue(refusal.get("releasedAt").asLong() >= before, refusal.toString());
        assertTrue(refusal.get("message").get("ru").asText().contains("освободил"), refusal.toString());
        // Told once: the PBX's next request (its admin asked) binds the key again; so does an old PBX's.
        h.token(h.validate(pbx, key));
        assertTrue(page(cookie, "?lang=en").text().contains(pbx.id), "bound again");
        // A trial or coupon request hears of a release too; another PBX taking the seat meanwhile wins.
        assertEquals(303, form(cookie, "release", "installationId", pbx.id).status());
        assertEquals("SEAT_RELEASED", h.refusal(h.post("/v1/coupons/activate", pbx, Harness.body("licenseKey", key,
                "coupon", "MKTC-DEMO2-CRMCO-0090D-00002", "nonce", TestInstallation.nonce()))).get("reason").asText());
        h.token(h.validate(pbx, key));
        assertEquals(303, form(cookie, "release", "installationId", pbx.id).status());
        h.token(h.validate(new TestInstallation(), key));
        assertEquals("SEAT_RELEASED", h.refusal(h.validate(pbx, key)).get("reason").asText());
        assertEquals("BOUND_ELSEWHERE", h.refusal(h.validate(pbx, key)).get("reason").asText());
    }

    /** Issue 20 item 10: an installation by the host name and PBX version it reports, the id as detail. */
    @Test
    void installationsAreNamedByWhatThePbxReports() {
        String cookie = login(key);
        String unnamed = page(cookie, "?lang=en").text();
        assertTrue(unnamed.contains("PBX without a reported name"), "an old PBX sends no name");
        assertTrue(unnamed.contains("installation ID <code>" + pbx.id + "</code>"), unnamed);

        var body = Harness.body("licenseKey", key, "nonce", TestInstallation.nonce(),
                "hostName", "  pbx-office\u0007.example.com\u202e\n <script>x</script>  ", "pbxVersion", "3.2.1");
        h.token(h.post("/v1/licenses/validate", pbx, body));
        String named = page(cookie, "?lang=en").text();
        assertTrue(named.contains("<span class=\"installation\">pbx-office.example.com &lt;script&gt;x&lt;/script&gt;</span>"
                + " <small class=\"version\">PBX 3.2.1</small>"), named);
        assertFalse(named.contains("\u202e"), "no bidi override reaches the page");
        assertTrue(page(cookie, "?lang=ru").text().contains("<small class=\"version\">АТС 3.2.1</small>"));

        // Not reported: the last name stays. Wrong types and overlong values never fail the check.
        h.token(h.validate(pbx, key));
        assertTrue(page(cookie, "?lang=en").text().contains("pbx-office.example.com"));
        var odd = Harness.body("licenseKey", key, "nonce", TestInstallation.nonce(), "hostName", "h".repeat(5000));
        odd.put("pbxVersion", 42);
        h.token(h.post("/v1/licenses/validate", pbx, odd));
        String cut = page(cookie, "?lang=en").text();
        assertTrue(cut.contains("<span class=\"installation\">" + "h".repeat(253) + "</span> <small class=\"version\">PBX 3.2.1</small>"),
                "cut to 253; a number is ignored and the version kept");
        assertFalse(cut.contains("h".repeat(254)));
    }
}
