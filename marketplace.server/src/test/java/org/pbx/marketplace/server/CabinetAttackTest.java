package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.testsupport.TestInstallation;

/**
 * What a hostile site, a shoulder-surfer of a coupon or a log reader tries against the client
 * cabinet (issue 16): framing, cross-site login and actions, a spent coupon as a login, the admin
 * token in a URL, telling customers from strangers. Each is refused; the real owner's forms work.
 */
class CabinetAttackTest {
    private static final String TOKEN = "outbox-admin-token-0123456789";
    private static final String FORM = "application/x-www-form-urlencoded";

    @TempDir
    Path dir;
    Harness h;
    TestInstallation pbx;
    String key;

    @BeforeEach
    void start() {
        h = new Harness(dir, new TestClock(), b -> b.smtp("127.0.0.1", 9, VendorServerSettings.SmtpSecurity.NONE)
                .mailFrom("licenses@vendor.test").adminToken(TOKEN));
        pbx = new TestInstallation();
        key = h.register(pbx, "victim@example.com", "Victim Co");
        h.token(h.validate(pbx, key));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void noCabinetAnswerMayBeFramedOrRunForeignCode() {
        String cookie = login(key).header("Set-Cookie").split(";")[0];
        List<Harness.Resp> answers = List.of(h.get("/cabinet/"), h.get("/cabinet/lost"), h.get("/cabinet/nope"),
                h.get("/cabinet"), page(cookie, ""), page(cookie, "offline"), login("MKT-WRONG-WRONG-WRONG-WRONG"),
                h.send("POST", "/cabinet/login", "key=x".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", FORM)));
        for (Harness.Resp answer : answers) {
            String csp = answer.header("Content-Security-Policy");
            assertTrue(csp != null && csp.contains("frame-ancestors 'none'"), answer.status() + " " + csp);
            assertTrue(csp.contains("default-src 'none'") && csp.contains("form-action 'self'"), csp);
            assertFalse(csp.contains("unsafe-inline"), csp);
            assertEquals("DENY", answer.header("X-Frame-Options"));
        }
    }

    @Test
    void aLoginFormPostedFromAnotherSiteIsRefused() {
        // Login CSRF: the attacker's page posts its own key, so the victim would work in the attacker's cabinet.
        byte[] form = ("key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        Harness.Resp crossSite = h.send("POST", "/cabinet/login", form, Map.of("Content-Type", FORM,
                "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"));
        assertEquals(403, crossSite.status(), crossSite.text());
        assertTrue(crossSite.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("pbx_cabinet=")),
                "no session was opened");
        // The attacker's own token does not help either: it belongs to the attacker's cookie, not the victim's.
        Harness.Resp attackersPage = h.get("/cabinet/");
        String attackersToken = attackersPage.text().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
        Harness.Resp withForeignToken = h.send("POST", "/cabinet/login",
                ("key=" + key + "&csrf=" + attackersToken).getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", FORM, "Cookie", "pbx_cabinet_csrf=" + "A".repeat(43)));
        assertEquals(403, withForeignToken.status());
        assertEquals(303, login(key).status(), "from the cabinet's own page it works");
    }

    @Test
    void aCrossSiteActionInASessionIsRefused() {
        String cookie = login(key).header("Set-Cookie").split(";")[0];
        // SameSite=Strict keeps the cookie off a cross-site post in browsers; the token also refuses one that has it.
        Harness.Resp release = h.send("POST", "/cabinet/release", ("installationId=" + pbx.id).getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", FORM, "Cookie", cookie));
        assertEquals(403, release.status(), release.text());
        assertTrue(page(cookie, "").text().contains(pbx.id), "still bound");
        Harness.Resp logout = h.send("POST", "/cabinet/logout", new byte[0], Map.of("Content-Type", FORM, "Cookie", cookie));
        assertEquals(403, logout.status());
        assertEquals(303, h.cabinetForm("/cabinet/release", cookie, "installationId=" + pbx.id, Map.of()).status());
        assertFalse(page(cookie, "").text().contains("<code>" + pbx.id + "</code>"), "the owner's own form works");
    }

    @Test
    void aSpentCouponOpensOnlyItsOwnView() {
        String coupon = h.server.issueCoupon("crm-connector", 10);
        h.token(h.post("/v1/coupons/activate", pbx, Harness.body("licenseKey", key, "coupon", coupon,
                "nonce", TestInstallation.nonce())));
        Harness.Resp loggedIn = login(coupon);
        assertEquals(303, loggedIn.status());
        String cookie = loggedIn.header("Set-Cookie").split(";")[0];
        String view = page(cookie, "?lang=en").text();
        assertTrue(view.contains("CRM Connector"), view);
        for (String hidden : List.of(key, pbx.id, "Victim Co", "victim@example.com", "Ivan Petrov", "action=\"release\"",
                "action=\"coupon\"", "offline")) {
            assertFalse(view.contains(hidden), "a coupon login shows " + hidden);
        }
        assertEquals(403, h.cabinetForm("/cabinet/release", cookie, "installationId=" + pbx.id, Map.of()).status());
        assertEquals(403, h.cabinetForm("/cabinet/coupon", cookie, "coupon=" + h.server.issueCoupon("crm-connector", 5),
                Map.of()).status());
        assertEquals(403, page(cookie, "offline").status());
        h.token(h.validate(pbx, key));
        assertEquals(303, h.cabinetForm("/cabinet/logout", cookie, "", Map.of()).status(), "it can log out");
    }

    @Test
    void theOutboxTokenIsTakenFromTheHeaderOnly() {
        assertEquals(404, h.get("/cabinet/outbox?token=" + TOKEN).status(), "in a URL it ends up in logs and Referer");
        assertEquals(200, h.send("GET", "/cabinet/outbox", new byte[0], Map.of("Authorization", "Bearer " + TOKEN)).status());
    }

    @Test
    void lostKeyAnswersAlikeForCustomersAndStrangers() {
        Harness.Resp known = h.cabinetForm("/cabinet/lost?lang=en", null, "email=victim%40example.com", Map.of());
        Harness.Resp unknown = h.cabinetForm("/cabinet/lost?lang=en", null, "email=stranger%40example.com", Map.of());
        assertEquals(200, known.status());
        assertEquals(known.status(), unknown.status());
        assertEquals(known.text(), unknown.text());
        assertEquals(names(known), names(unknown));
    }

    // ---- helpers

    private Harness.Resp login(String input) {
        return h.cabinetForm("/cabinet/login", null, "key=" + URLEncoder.encode(input, StandardCharsets.UTF_8), Map.of());
    }

    private Harness.Resp page(String cookie, String path) {
        return h.send("GET", "/cabinet/" + path, new byte[0], Map.of("Cookie", cookie));
    }

    private static List<String> names(Harness.Resp resp) {
        return resp.headers().map().keySet().stream().filter(n -> !n.equals("date") && !n.equals("set-cookie")).sorted().toList();
    }

}
