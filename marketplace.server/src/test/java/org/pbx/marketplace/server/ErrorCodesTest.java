package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.http.DisabledHandler;
import org.pbx.marketplace.server.internal.standalone.JettyTransport;
import org.pbx.marketplace.testsupport.TestInstallation;

/** Every numbered error of docs/protocol.md reached over HTTP; the last check fails if one is never hit. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorCodesTest {
    private static final Set<Integer> SEEN = new TreeSet<>();

    @TempDir
    static Path shared;
    Harness h;
    TestInstallation pbx;
    String key;

    @BeforeAll
    void start() {
        h = Harness.start(shared);
        pbx = new TestInstallation();
        key = h.register(pbx, "errors@example.com", "Errors Inc");
    }

    @AfterAll
    void everyCodeWasReached() {
        h.close();
        Set<Integer> all = Arrays.stream(ErrorCode.values()).filter(e -> e != ErrorCode.E_INTERNAL)
                .map(ErrorCode::code).collect(Collectors.toCollection(TreeSet::new));
        all.removeAll(SEEN);
        assertEquals(Set.of(), all, "error codes no test reached");
    }

    private static void expect(ErrorCode expected, int actualCode) {
        assertEquals(expected.code(), actualCode, expected.name());
        SEEN.add(actualCode);
    }

    private void json(ErrorCode expected, Harness.Resp resp) {
        expect(expected, resp.errorCode(expected.httpStatus()));
        assertEquals(expected.name(), resp.json().get("name").asText());
        assertEquals(expected.en(), resp.json().at("/message/en").asText());
        assertEquals(expected.ru(), resp.json().at("/message/ru").asText());
    }

    private void register(ErrorCode expected, String field, String value) {
        ObjectNode form = Harness.registration("new@example.com", "New Company");
        if (value == null) {
            form.remove(field);
        } else {
            form.put(field, value);
        }
        Harness.Resp resp = h.post("/v1/registrations", new TestInstallation(), form);
        json(expected, resp);
        assertEquals(field, resp.json().get("field").asText());
    }

    private void refusal(ErrorCode expected, String reason, Harness.Resp resp) {
        var payload = h.refusal(resp);
        assertEquals(reason, payload.get("reason").asText());
        assertEquals(expected.name(), payload.get("name").asText());
        expect(expected, payload.get("code").asInt());
    }

    private static int cabinetCode(Harness.Resp resp) {
        Matcher m = Pattern.compile("\\((\\d{4}) E_[A-Z_]+\\)").matcher(resp.text());
        assertTrue(m.find(), "the page names the error code: " + resp.text());
        return Integer.parseInt(m.group(1));
    }

    // ---- 1xxx: the request itself ----

    @Test
    void e1000MalformedJson() {
        json(ErrorCode.E_MALFORMED_JSON, h.post("/v1/licenses/validate", pbx, "[\"not an object\"]"));
        json(ErrorCode.E_MALFORMED_JSON, h.post("/v1/licenses/validate", pbx, "{\"licenseKey\": "));
    }

    @Test
    void e1001Required() {
        register(ErrorCode.E_REQUIRED, "companyName", null);
        register(ErrorCode.E_REQUIRED, "contactName", "   ");
    }

    @Test
    void e1002Length() {
        register(ErrorCode.E_LENGTH, "companyName", "X".repeat(101));
        register(ErrorCode.E_LENGTH, "contactName", "I");
    }

    @Test
    void e1003FieldType() {
        Harness.Resp resp = h.post("/v1/licenses/validate", pbx,
                "{\"licenseKey\": 42, \"nonce\": \"" + TestInstallation.nonce() + "\"}");
        json(ErrorCode.E_FIELD_TYPE, resp);
        assertEquals("licenseKey", resp.json().get("field").asText());
        json(ErrorCode.E_FIELD_TYPE, h.post("/v1/licenses/validate", pbx, "{\"licenseKey\": \"" + key
                + "\", \"nonce\": \"" + TestInstallation.nonce() + "\", \"usage\": {\"marketplace\": -1}}"));
    }

    @Test
    void e1004EmailSyntax() {
        for (String bad : new String[] {"no-at-sign", "a@b", "a@@example.com", "a..b@example.com", "a b@example.com"}) {
            register(ErrorCode.E_EMAIL_SYNTAX, "email", bad);
        }
        assertEquals(201, h.post("/v1/registrations", new TestInstallation(),
                Harness.registration("info@пример.рф", "Пример")).status(), "internationalized domains are fine");
    }

    @Test
    void e1005PhoneSyntax() {
        register(ErrorCode.E_PHONE_SYNTAX, "phone", "call me");
        register(ErrorCode.E_PHONE_SYNTAX, "phone", "+7 12");
    }

    @Test
    void e1006CompanyIdCheck() {
        register(ErrorCode.E_COMPANY_ID_CHECK, "companyId", "1234567895");
        register(ErrorCode.E_COMPANY_ID_CHECK, "companyId", "BY 200988542");
    }

    @Test
    void e1007CompanyIdText() {
        register(ErrorCode.E_COMPANY_ID_TEXT, "companyId", "<script>");
        register(ErrorCode.E_COMPANY_ID_TEXT, "companyId", "A".repeat(33));
    }

    @Test
    void e1008Language() {
        register(ErrorCode.E_LANGUAGE, "language", "de");
    }

    @Test
    void e1009NonceFormat() {
        register(ErrorCode.E_NONCE_FORMAT, "nonce", "short");
        register(ErrorCode.E_NONCE_FORMAT, "nonce", "has spaces in it, not allowed");
    }

    @Test
    void e1010KeyFormat() {
        json(ErrorCode.E_KEY_FORMAT, h.post("/v1/licenses/validate", pbx,
                Harness.body("licenseKey", "MKT-12345", "nonce", TestInstallation.nonce())));
    }

    @Test
    void e1011CouponFormat() {
        json(ErrorCode.E_COUPON_FORMAT, h.post("/v1/coupons/activate", pbx,
                Harness.body("licenseKey", key, "coupon", "FREE-MONEY", "nonce", TestInstallation.nonce())));
    }

    @Test
    void e1012BodyTooLarge() {
        String big = "{\"licenseKey\": \"" + "x".repeat(70_000) + "\"}";
        json(ErrorCode.E_BODY_TOO_LARGE, h.post("/v1/licenses/validate", pbx, big));
    }

    @Test
    void e1013NotFound() {
        json(ErrorCode.E_NOT_FOUND, h.get("/v1/nothing-here"));
        json(ErrorCode.E_NOT_FOUND, h.get("/v2/catalog"));
    }

    @Test
    void e1014MethodNotAllowed() {
        Harness.Resp resp = h.get("/v1/licenses/validate");
        json(ErrorCode.E_METHOD_NOT_ALLOWED, resp);
        assertEquals("POST", resp.header("Allow"));
        json(ErrorCode.E_METHOD_NOT_ALLOWED, h.post("/v1/catalog", null, "{}"));
    }

    @Test
    void e1015e1016ActivationRequest() {
        TestInstallation closed = new TestInstallation();
        json(ErrorCode.E_ACTIVATION_REQUEST, h.post("/v1/licenses/offline", null, "{}"));
        String old = closed.activationRequest(key, TestInstallation.nonce(), h.clock.epochSeconds() - 31 * 86_400L);
        json(ErrorCode.E_ACTIVATION_REQUEST_OLD, h.post("/v1/licenses/offline", null, old));
    }

    // ---- 2xxx: who is asking ----

    @Test
    void e2001AuthMissing() {
        json(ErrorCode.E_AUTH_MISSING, h.post("/v1/licenses/validate", null,
                Harness.body("licenseKey", key, "nonce", TestInstallation.nonce())));
        Map<String, String> headers = new HashMap<>(pbx.sign("POST", "/v1/licenses/release", h.clock.epochSeconds(),
                new byte[0]));
        headers.put("X-Pbx-Timestamp", "yesterday");
        json(ErrorCode.E_AUTH_MISSING, h.send("POST", "/v1/licenses/release", new byte[0], headers));
    }

    @Test
    void e2002AuthKey() {
        byte[] body = Harness.body("licenseKey", key).toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(pbx.sign("POST", "/v1/licenses/release", h.clock.epochSeconds(), body));
        headers.put("X-Pbx-Installation-Key", "bm90IGEga2V5");
        json(ErrorCode.E_AUTH_KEY, h.send("POST", "/v1/licenses/release", body, headers));
        headers.put("X-Pbx-Installation-Key", pbx.publicKeyHeader + "=");
        json(ErrorCode.E_AUTH_KEY, h.send("POST", "/v1/licenses/release", body, headers));
        // The right DER around a point spelled non-canonically (y = p, another spelling of y = 0): not a key.
        byte[] spki = Base64.getUrlDecoder().decode(pbx.publicKeyHeader);
        Arrays.fill(spki, 12, 44, (byte) 0xff);
        spki[12] = (byte) 0xed;
        spki[43] = 0x7f;
        headers.put("X-Pbx-Installation-Key", Base64.getUrlEncoder().withoutPadding().encodeToString(spki));
        json(ErrorCode.E_AUTH_KEY, h.send("POST", "/v1/licenses/release", body, headers));
    }

    @Test
    void e2003AuthSignature() {
        byte[] signedBody = Harness.body("licenseKey", key).toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = pbx.sign("POST", "/v1/licenses/release", h.clock.epochSeconds(), signedBody);
        byte[] otherBody = Harness.body("licenseKey", "MKT-AAAAA-AAAAA-AAAAA-AAAAA").toString()
                .getBytes(StandardCharsets.UTF_8);
        json(ErrorCode.E_AUTH_SIGNATURE, h.send("POST", "/v1/licenses/release", otherBody, headers));
        // a signature for another path does not carry over either
        json(ErrorCode.E_AUTH_SIGNATURE, h.send("POST", "/v1/trials", signedBody, headers));
        // nor does another installation's key with this signature
        Map<String, String> swapped = new HashMap<>(headers);
        swapped.put("X-Pbx-Installation-Key", new TestInstallation().publicKeyHeader);
        json(ErrorCode.E_AUTH_SIGNATURE, h.send("POST", "/v1/licenses/release", signedBody, swapped));
    }

    @Test
    void e2004ClockSkew() {
        byte[] body = Harness.body("licenseKey", key).toString().getBytes(StandardCharsets.UTF_8);
        long late = h.clock.epochSeconds() - 301;
        json(ErrorCode.E_CLOCK_SKEW, h.send("POST", "/v1/licenses/release", body,
                pbx.sign("POST", "/v1/licenses/release", late, body)));
        long early = h.clock.epochSeconds() + 301;
        json(ErrorCode.E_CLOCK_SKEW, h.send("POST", "/v1/licenses/release", body,
                pbx.sign("POST", "/v1/licenses/release", early, body)));
        long edge = h.clock.epochSeconds() + 300;
        assertEquals(204, h.send("POST", "/v1/licenses/release", body,
                new TestInstallation().sign("POST", "/v1/licenses/release", edge, body)).status());
    }

    @Test
    void e2005NonceReplay() {
        ObjectNode body = Harness.body("licenseKey", key, "nonce", TestInstallation.nonce());
        h.token(h.post("/v1/licenses/validate", pbx, body));
        json(ErrorCode.E_NONCE_REPLAY, h.post("/v1/licenses/validate", pbx, body));
        json(ErrorCode.E_NONCE_REPLAY, h.post("/v1/trials", pbx, body.put("productId", "crm-connector")));
    }

    // ---- 3xxx: the license ----

    @Test
    void e3002UnknownKey() {
        String unknown = "MKT-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ";
        refusal(ErrorCode.E_UNKNOWN_KEY, "UNKNOWN_KEY", h.validate(pbx, unknown));
        json(ErrorCode.E_UNKNOWN_KEY, h.post("/v1/licenses/release", pbx, Harness.body("licenseKey", unknown)));
    }

    @Test
    void e3003KeyRevoked() {
        TestInstallation own = new TestInstallation();
        String revoked = h.register(own, "revoked@example.com", "Revoked Ltd");
        h.server.revokeLicense(revoked);
        refusal(ErrorCode.E_KEY_REVOKED, "REVOKED", h.validate(own, revoked));
        refusal(ErrorCode.E_KEY_REVOKED, "REVOKED", h.post("/v1/trials", own, Harness.body("licenseKey", revoked,
                "productId", "crm-connector", "nonce", TestInstallation.nonce())));
    }

    @Test
    void e3004LicenseExpired(@TempDir Path own) {
        try (Harness fresh = Harness.start(own)) {
            TestInstallation installation = new TestInstallation();
            String k = fresh.register(installation, "old@example.com", "Old Ltd");
            fresh.clock.advance(Duration.ofDays(365));
            var payload = fresh.refusal(fresh.validate(installation, k));
            assertEquals("EXPIRED", payload.get("reason").asText());
            expect(ErrorCode.E_LICENSE_EXPIRED, payload.get("code").asInt());
        }
    }

    @Test
    void e3006SeatReleased() {
        TestInstallation own = new TestInstallation();
        String k = h.register(own, "released@example.com", "Released Ltd");
        String setCookie = cabinetLogin(h, k).header("Set-Cookie");
        assertEquals(303, h.cabinetForm("/cabinet/release", setCookie.split(";")[0], "installationId=" + own.id,
                java.util.Map.of()).status());
        refusal(ErrorCode.E_SEAT_RELEASED, "SEAT_RELEASED", h.validate(own, k));
    }

    @Test
    void e3005BoundElsewhere() {
        refusal(ErrorCode.E_BOUND_ELSEWHERE, "BOUND_ELSEWHERE", h.validate(new TestInstallation(), key));
        refusal(ErrorCode.E_BOUND_ELSEWHERE, "BOUND_ELSEWHERE", h.post("/v1/coupons/activate", new TestInstallation(),
                Harness.body("licenseKey", key, "coupon", "MKTC-DEMO5-CRMCO-0030D-00005", "nonce",
                        TestInstallation.nonce())));
    }

    // ---- 4xxx: trials ----

    @Test
    void e4001UnknownProduct() {
        json(ErrorCode.E_UNKNOWN_PRODUCT, h.post("/v1/trials", pbx, Harness.body("licenseKey", key,
                "productId", "no-such-product", "nonce", TestInstallation.nonce())));
    }

    @Test
    void e4002TrialUsed(@TempDir Path own) {
        try (Harness fresh = Harness.start(own)) {
            TestInstallation installation = new TestInstallation();
            String k = fresh.register(installation, "trial@example.com", "Trial Ltd");
            ObjectNode trial = Harness.body("licenseKey", k, "productId", "crm-connector");
            fresh.token(fresh.post("/v1/trials", installation, trial.deepCopy().put("nonce", TestInstallation.nonce())));
            fresh.clock.advance(Duration.ofDays(31));
            Harness.Resp again = fresh.post("/v1/trials", installation,
                    trial.deepCopy().put("nonce", TestInstallation.nonce()));
            expect(ErrorCode.E_TRIAL_USED, again.errorCode(409));
        }
    }

    @Test
    void e4003NoTrial() {
        json(ErrorCode.E_NO_TRIAL, h.post("/v1/trials", pbx, Harness.body("licenseKey", key,
                "productId", "pbx-marketplace", "nonce", TestInstallation.nonce())));
    }

    // ---- 5xxx: coupons ----

    @Test
    void e5001UnknownCoupon() {
        json(ErrorCode.E_UNKNOWN_COUPON, h.post("/v1/coupons/activate", pbx, Harness.body("licenseKey", key,
                "coupon", "MKTC-AAAAA-BBBBB-CCCCC-DDDDD", "nonce", TestInstallation.nonce())));
    }

    @Test
    void e5002CouponUsed() {
        TestInstallation first = new TestInstallation();
        String firstKey = h.register(first, "coupon1@example.com", "Coupon One");
        h.token(h.post("/v1/coupons/activate", first, Harness.body("licenseKey", firstKey,
                "coupon", "MKTC-DEMO2-CRMCO-0090D-00002", "nonce", TestInstallation.nonce())));
        TestInstallation second = new TestInstallation();
        String secondKey = h.register(second, "coupon2@example.com", "Coupon Two");
        json(ErrorCode.E_COUPON_USED, h.post("/v1/coupons/activate", second, Harness.body("licenseKey", secondKey,
                "coupon", "MKTC-DEMO2-CRMCO-0090D-00002", "nonce", TestInstallation.nonce())));
    }

    @Test
    void e5003CouponNotActivated() {
        Harness.Resp resp = cabinetLogin(h, "MKTC-DEMO4-RECPR-0030D-00004");
        assertEquals(401, resp.status());
        expect(ErrorCode.E_COUPON_NOT_ACTIVATED, cabinetCode(resp));
    }

    // ---- 6xxx: downloads ----

    @Test
    void e6001UnknownModule() {
        h.get("/v1/catalog");
        json(ErrorCode.E_UNKNOWN_MODULE, h.get("/v1/modules/org.pbx.demo.callback/9.9.9/download"));
        json(ErrorCode.E_UNKNOWN_MODULE, h.get("/v1/modules/..%2F..%2Fkeys/1.0.0/download"));
    }

    @Test
    void e6002NotEntitled() {
        h.get("/v1/catalog");
        String path = "/v1/modules/org.pbx.demo.crm/2.0.0/download";
        json(ErrorCode.E_NOT_ENTITLED, h.getSigned(path, pbx, Map.of("X-Pbx-License-Key", key)));
        // an installation that does not hold the key's binding is refused even with the feature
        json(ErrorCode.E_BOUND_ELSEWHERE, h.getSigned(path, new TestInstallation(), Map.of("X-Pbx-License-Key", key)));
        json(ErrorCode.E_REQUIRED, h.getSigned(path, pbx, Map.of()));
        json(ErrorCode.E_AUTH_MISSING, h.get(path));
    }

    @Test
    void e6003FileMissing(@TempDir Path own) throws Exception {
        try (Harness fresh = Harness.start(own)) {
            fresh.get("/v1/catalog");
            Files.delete(own.resolve("modules/org.pbx.demo.callback-1.0.0.jar"));
            json(ErrorCode.E_FILE_MISSING, fresh.get("/v1/modules/org.pbx.demo.callback/1.0.0/download"));
        }
    }

    // ---- 7xxx: the cabinet ----

    static Harness.Resp cabinetLogin(Harness harness, String input) {
        return harness.cabinetForm("/cabinet/login", null, "key=" + java.net.URLEncoder.encode(input, StandardCharsets.UTF_8),
                Map.of("Accept-Language", "en"));
    }

    @Test
    void e7001RateLimited(@TempDir Path own) {
        try (Harness fresh = Harness.start(own)) {
            TestInstallation installation = new TestInstallation();
            String k = fresh.register(installation, "rate@example.com", "Rate Ltd");
            for (int i = 0; i < 5; i++) {
                assertEquals(401, cabinetLogin(fresh, "MKT-WRONG-WRONG-WRONG-WRON" + i).status());
            }
            Harness.Resp blocked = cabinetLogin(fresh, k);
            assertEquals(429, blocked.status());
            expect(ErrorCode.E_RATE_LIMITED, cabinetCode(blocked));
            fresh.clock.advance(Duration.ofMinutes(10));
            assertEquals(303, cabinetLogin(fresh, k).status(), "the block lifts when the window has passed");
        }
    }

    @Test
    void e7002SessionExpired(@TempDir Path own) {
        try (Harness fresh = Harness.start(own)) {
            String k = fresh.register(new TestInstallation(), "session@example.com", "Session Ltd");
            Harness.Resp login = cabinetLogin(fresh, k);
            String cookie = login.header("Set-Cookie").split(";")[0];
            assertEquals(200, fresh.send("GET", "/cabinet/", new byte[0], Map.of("Cookie", cookie)).status());
            fresh.clock.advance(Duration.ofMinutes(31));
            Harness.Resp expired = fresh.send("GET", "/cabinet/", new byte[0], Map.of("Cookie", cookie));
            assertEquals(401, expired.status());
            expect(ErrorCode.E_SESSION_EXPIRED, cabinetCode(expired));
        }
    }

    @Test
    void e7003LostKeyRateLimited(@TempDir Path own) {
        // Mail on (the lost-key page needs it), pointed at a closed port: nothing is sent in this test anyway.
        try (Harness fresh = new Harness(own, new TestClock(), b -> b
                .smtp("127.0.0.1", 9, VendorServerSettings.SmtpSecurity.NONE).mailFrom("licenses@vendor.test"))) {
            Harness.Resp resp = null;
            for (int i = 1; i <= 11; i++) {
                resp = fresh.cabinetForm("/cabinet/lost", null, "email=nobody" + i + "%40example.com",
                        Map.of("Accept-Language", "en"));
                assertEquals(i <= 10 ? 200 : 429, resp.status());
            }
            expect(ErrorCode.E_LOST_KEY_RATE_LIMITED, cabinetCode(resp));
        }
    }

    // ---- 8xxx: the vendor's administration ----

    /** An admin error: the numbered error of §2, plus "detail" where the code needs one. */
    private void adminError(ErrorCode expected, Harness.Resp resp) {
        assertEquals(expected.httpStatus(), resp.status(), resp.text());
        assertEquals(expected.name(), resp.json().get("name").asText());
        assertEquals(expected.en(), resp.json().at("/message/en").asText());
        expect(expected, resp.json().get("code").asInt());
    }

    @Test
    void e8001to8009Administration(@TempDir Path own) throws Exception {
        Map<String, String> admin = Map.of("Authorization", "Bearer errors-admin-token");
        try (Harness fresh = new Harness(own, new TestClock(), b -> b.adminToken("errors-admin-token").demoData(false))) {
            // 8009 first: nothing was ever signed, and the source names a product that does not exist.
            Files.writeString(own.resolve("catalog-source.json"), "{\"modules\": [" + TestBundles.entry("com.example.fax",
                    "1.0.0", "fax-pro", "fax") + "]}");
            adminError(ErrorCode.E_CATALOG_REFUSED, fresh.get("/v1/catalog"));
            Files.delete(own.resolve("catalog-source.json"));
            java.util.function.BiFunction<String, String, Harness.Resp> post = (path, json) -> fresh.send("POST",
                    "/admin" + path, json.getBytes(StandardCharsets.UTF_8), admin);
            adminError(ErrorCode.E_ID_FORMAT, post.apply("/products", "{\"id\": \"-x\", \"name\": {\"en\": \"X\", \"ru\": \"Х\"}}"));
            String product = "{\"id\": \"fax-pro\", \"name\": {\"en\": \"Fax Pro\", \"ru\": \"Факс Pro\"}}";
            assertEquals(201, post.apply("/products", product).status());
            adminError(ErrorCode.E_PRODUCT_EXISTS, post.apply("/products", product));
            String feature = "{\"id\": \"fax\", \"name\": {\"en\": \"Fax\", \"ru\": \"Факс\"}}";
            assertEquals(201, post.apply("/products/fax-pro/features", feature).status());
            adminError(ErrorCode.E_FEATURE_EXISTS, post.apply("/products/fax-pro/features", feature));
            String jar = Base64.getUrlEncoder().withoutPadding().encodeToString(TestBundles.jar("com.example.fax", "1.0.0", "a"));
            String other = Base64.getUrlEncoder().withoutPadding().encodeToString(TestBundles.jar("com.example.fax", "1.0.0", "b"));
            java.util.function.BiFunction<String, String, String> release = (entry, bytes) ->
                    "{\"entry\": " + entry + ", \"jar\": \"" + bytes + "\"}";
            adminError(ErrorCode.E_ENTRY_FORMAT, post.apply("/releases", release.apply("{\"id\": \"com.example.fax\"}", jar)));
            adminError(ErrorCode.E_ENTRY_UNKNOWN_PRODUCT, post.apply("/releases", release.apply(
                    TestBundles.entry("com.example.fax", "1.0.0", "nope", "fax"), jar)));
            adminError(ErrorCode.E_ENTRY_UNKNOWN_FEATURE, post.apply("/releases", release.apply(
                    TestBundles.entry("com.example.fax", "1.0.0", "fax-pro", "nope"), jar)));
            Harness.Resp mismatch = post.apply("/releases", release.apply(
                    TestBundles.entry("com.example.fax", "2.0.0", "fax-pro", "fax"), jar));
            adminError(ErrorCode.E_BUNDLE_MISMATCH, mismatch);
            assertTrue(mismatch.json().get("detail").asText().contains("Bundle-Version is 1.0.0"), mismatch.text());
            String entry = TestBundles.entry("com.example.fax", "1.0.0", "fax-pro", "fax");
            assertEquals(201, post.apply("/releases", release.apply(entry, jar)).status());
            assertEquals(200, post.apply("/releases", release.apply(entry, jar)).status(), "the same bytes: idempotent");
            adminError(ErrorCode.E_RELEASE_EXISTS, post.apply("/releases", release.apply(entry, other)));
            Harness.Resp advisory = post.apply("/advisories", "{\"id\": \"SA-1\", \"moduleId\": \"com.example.fax\","
                    + " \"affected\": [\"[1.0.0,1.0.1)\"], \"fixedVersion\": \"1.0.0\", \"severity\": \"high\","
                    + " \"title\": {\"en\": \"T\", \"ru\": \"Т\"}, \"text\": {\"en\": \"T\", \"ru\": \"Т\"}}");
            adminError(ErrorCode.E_ADVISORY_INVALID, advisory);
            assertEquals("advisory.fixedVersion", advisory.json().get("field").asText(), advisory.text());
        }
    }

    @Test
    void e7004RegistrationRateLimitedPerEmailAndPerClient(@TempDir Path own) {
        try (Harness fresh = new Harness(own, new TestClock(), b -> b.registrationLimits(2, 1))) {
            fresh.register(new TestInstallation(), "one@example.com", "Limits Ltd");
            Harness.Resp sameAddress = fresh.post("/v1/registrations", new TestInstallation(),
                    Harness.registration("ONE@example.com", "Limits Ltd"));
            json(ErrorCode.E_REGISTRATION_RATE_LIMITED, sameAddress);
            assertEquals("email", sameAddress.json().get("field").asText());
            assertEquals("86400", sameAddress.header("Retry-After"), "a day after the first letter to it");

            fresh.clock.advance(Duration.ofMinutes(10));
            fresh.register(new TestInstallation(), "two@example.com", "Limits Ltd");
            Harness.Resp sameClient = fresh.post("/v1/registrations", new TestInstallation(),
                    Harness.registration("three@example.com", "Limits Ltd"));
            json(ErrorCode.E_REGISTRATION_RATE_LIMITED, sameClient);
            assertTrue(sameClient.json().get("field").isNull(), sameClient.text());
            assertEquals("3000", sameClient.header("Retry-After"), "when the first of the hour's two leaves the window");

            fresh.clock.advance(Duration.ofSeconds(3000));
            fresh.register(new TestInstallation(), "three@example.com", "Limits Ltd");
        }
    }

    @Test
    void registrationLimitsOffForLoadTests(@TempDir Path own) {
        try (Harness fresh = new Harness(own, new TestClock(), b -> b.registrationLimits(0, 0))) {
            for (int i = 0; i < 25; i++) {
                fresh.register(new TestInstallation(), "load@example.com", "Load Ltd");
            }
        }
    }

    // ---- 9xxx: the server ----

    @Test
    void e9001Disabled() throws Exception {
        try (JettyTransport disabled = new JettyTransport(VendorServerSettings.builder(shared).build(),
                new DisabledHandler())) {
            var client = java.net.http.HttpClient.newHttpClient();
            var response = client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + disabled.port() + "/v1/catalog")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            Harness.Resp resp = new Harness.Resp(response.statusCode(), response.headers(), response.body());
            json(ErrorCode.E_DISABLED, resp);
        }
    }

    @Test
    void e9002Starting() throws Exception {
        try (JettyTransport starting = new JettyTransport(VendorServerSettings.builder(shared).build(),
                new org.pbx.marketplace.server.internal.http.StartingHandler())) {
            var client = java.net.http.HttpClient.newHttpClient();
            var response = client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + starting.port() + "/v1/catalog")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            Harness.Resp resp = new Harness.Resp(response.statusCode(), response.headers(), response.body());
            json(ErrorCode.E_STARTING, resp);
            assertEquals("1", response.headers().firstValue("Retry-After").orElse(null), "Retry-After while starting");
        }
    }
}
