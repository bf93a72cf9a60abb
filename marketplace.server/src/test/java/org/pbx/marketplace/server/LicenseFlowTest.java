package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.testsupport.TestInstallation;

/** The license path of docs/protocol.md end to end, over HTTP, every signed answer verified independently. */
class LicenseFlowTest {
    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void start() {
        h = Harness.start(dir);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static JsonNode product(JsonNode token, String id) {
        for (JsonNode p : token.get("products")) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        return null;
    }

    private static JsonNode feature(JsonNode token, String id) {
        for (JsonNode f : token.get("features")) {
            if (f.get("id").asText().equals(id)) {
                return f;
            }
        }
        return null;
    }

    @Test
    void registrationValidateTrialCouponRelease() {
        TestInstallation pbx = new TestInstallation();
        ObjectNode form = Harness.registration("owner@example.com", "ООО «Ромашка»");
        String nonce = form.get("nonce").asText();
        Harness.Resp registered = h.post("/v1/registrations", pbx, form);
        assertEquals(201, registered.status(), registered.text());
        String key = registered.json().get("licenseKey").asText();
        assertTrue(key.matches("MKT(-[A-Z0-9]{5}){4}"), key);
        assertFalse(registered.json().get("letterSent").asBoolean(true), "no mail configured: no letter, and the answer says so");
        JsonNode first = h.verifier.verify(registered.json().get("token").asText().getBytes(StandardCharsets.US_ASCII),
                "pbx-license");
        assertEquals(nonce, first.get("nonce").asText(), "the client's nonce is echoed");
        assertEquals(pbx.id, first.get("installationId").asText());
        assertEquals(key, first.get("licenseKey").asText());
        assertEquals("ООО «Ромашка»", first.at("/owner/companyName").asText());
        assertEquals("Ivan Petrov", first.at("/owner/contactName").asText());
        assertEquals("owner@example.com", first.at("/owner/email").asText());
        assertEquals("+7 (495) 123-45-67", first.at("/owner/phone").asText());
        assertEquals("7707083893", first.at("/owner/companyId").asText());
        long iat = first.get("iat").asLong();
        assertEquals(h.clock.epochSeconds(), iat);
        assertEquals(iat + 86_400, first.get("exp").asLong(), "default token lifetime 1 day");
        assertEquals(iat + 7 * 86_400, first.get("offlineUntil").asLong(), "default offline grace 7 days");
        JsonNode base = product(first, "pbx-marketplace");
        assertFalse(base.get("trial").asBoolean());
        assertEquals(iat + 365 * 86_400, base.get("expiresAt").asLong());
        assertEquals("Маркетплейс АТС", base.at("/name/ru").asText());
        assertEquals(1, feature(first, "marketplace").get("seatsUsed").asInt(), "the registering PBX uses its seat");
        assertEquals("call-recording", first.at("/modules/org.pbx.demo.recording").asText());
        assertEquals("crm-connector", first.at("/modules/org.pbx.demo.crm").asText());
        assertTrue(first.at("/modules/org.pbx.demo.callback").isMissingNode(), "free modules need no feature");

        // validate, reporting seat usage
        ObjectNode validate = Harness.body("licenseKey", key.toLowerCase(), "nonce", TestInstallation.nonce());
        validate.putObject("usage").put("marketplace", 1);
        JsonNode second = h.token(h.post("/v1/licenses/validate", pbx, validate));
        assertTrue(second.get("serial").asLong() > first.get("serial").asLong(), "serial grows with every token");
        assertEquals(1, feature(second, "marketplace").get("seatsUsed").asInt());

        // trial
        Harness.Resp trial = h.post("/v1/trials", pbx,
                Harness.body("licenseKey", key, "productId", "call-recording-pro", "nonce", TestInstallation.nonce()));
        JsonNode withTrial = h.token(trial);
        JsonNode recording = product(withTrial, "call-recording-pro");
        assertTrue(recording.get("trial").asBoolean());
        long now = h.clock.epochSeconds();
        assertEquals(now + 30 * 86_400, recording.get("expiresAt").asLong());
        assertEquals(10, feature(withTrial, "call-recording").get("seats").asInt());
        // asking again while it runs is harmless and changes nothing
        JsonNode again = h.token(h.post("/v1/trials", pbx,
                Harness.body("licenseKey", key, "productId", "call-recording-pro", "nonce", TestInstallation.nonce())));
        assertEquals(recording.get("expiresAt"), product(again, "call-recording-pro").get("expiresAt"));

        // coupon turns the trial into a paid year, counted from the trial's end
        JsonNode paid = h.token(h.post("/v1/coupons/activate", pbx, Harness.body("licenseKey", key,
                "coupon", "mktc-demo1-recpr-0365d-00001", "nonce", TestInstallation.nonce())));
        JsonNode recordingPaid = product(paid, "call-recording-pro");
        assertFalse(recordingPaid.get("trial").asBoolean());
        assertEquals(recording.get("expiresAt").asLong() + 365 * 86_400, recordingPaid.get("expiresAt").asLong());
        // the same coupon again on the same key: no error, no second year
        JsonNode repeated = h.token(h.post("/v1/coupons/activate", pbx, Harness.body("licenseKey", key,
                "coupon", "MKTC-DEMO1-RECPR-0365D-00001", "nonce", TestInstallation.nonce())));
        assertEquals(recordingPaid.get("expiresAt"), product(repeated, "call-recording-pro").get("expiresAt"));

        // another PBX is refused, signed, while the key is bound here
        TestInstallation other = new TestInstallation();
        JsonNode refusal = h.refusal(h.validate(other, key));
        assertEquals("BOUND_ELSEWHERE", refusal.get("reason").asText());
        assertEquals(3005, refusal.get("code").asInt());
        assertEquals(other.id, refusal.get("installationId").asText());
        assertEquals(sha256Hex(key), refusal.get("licenseKeyHash").asText(), "binds the refusal to the key, hashed");
        assertFalse(new String(h.validate(other, key).body(), StandardCharsets.US_ASCII).contains(key));

        // release here, then the other PBX gets the key with everything on it
        Harness.Resp released = h.post("/v1/licenses/release", pbx, Harness.body("licenseKey", key));
        assertEquals(204, released.status(), released.text());
        assertEquals(204, h.post("/v1/licenses/release", pbx, Harness.body("licenseKey", key)).status(),
                "releasing twice is harmless");
        JsonNode moved = h.token(h.validate(other, key));
        assertEquals(other.id, moved.get("installationId").asText());
        assertFalse(product(moved, "call-recording-pro").get("trial").asBoolean());
        assertEquals("BOUND_ELSEWHERE", h.refusal(h.validate(pbx, key)).get("reason").asText());
    }

    @Test
    void replayedNonceIsRefusedWithinTheTokenLifetimeOnly() {
        TestInstallation pbx = new TestInstallation();
        String key = h.register(pbx, "replay@example.com", "Replay Ltd");
        ObjectNode body = Harness.body("licenseKey", key, "nonce", TestInstallation.nonce());
        h.token(h.post("/v1/licenses/validate", pbx, body));
        assertEquals(2005, h.post("/v1/licenses/validate", pbx, body).errorCode(409));
        // the same nonce from another installation is that installation's own business
        TestInstallation other = new TestInstallation();
        assertEquals("BOUND_ELSEWHERE", h.refusal(h.post("/v1/licenses/validate", other, body)).get("reason").asText());
        // after the token lifetime the nonce is forgotten (any answer to it has expired by then)
        h.clock.advance(Duration.ofDays(1).plusSeconds(1));
        h.token(h.post("/v1/licenses/validate", pbx, body));
    }

    @Test
    void revokedAndExpiredKeysGetSignedRefusals() {
        TestInstallation pbx = new TestInstallation();
        String key = h.register(pbx, "a@example.com", "Alpha");
        String other = h.register(new TestInstallation(), "b@example.com", "Beta");
        assertTrue(h.server.revokeLicense(key));
        JsonNode revoked = h.refusal(h.validate(pbx, key));
        assertEquals("REVOKED", revoked.get("reason").asText());
        assertEquals("E_KEY_REVOKED", revoked.get("name").asText());
        assertTrue(revoked.at("/message/ru").asText().contains("отозван"));

        JsonNode unknown = h.refusal(h.validate(pbx, "MKT-AAAAA-BBBBB-CCCCC-DDDDD"));
        assertEquals("UNKNOWN_KEY", unknown.get("reason").asText());

        // a revoked key stays refused for its own PBX, while other keys are unaffected
        assertEquals("REVOKED", h.refusal(h.validate(pbx, key)).get("reason").asText());
        assertFalse(h.server.revokeLicense("MKT-AAAAA-BBBBB-CCCCC-DDDDD"));
        assertTrue(other.startsWith("MKT-"));
    }

    @Test
    void expiredLicenseIsRenewedByACoupon() {
        TestInstallation pbx = new TestInstallation();
        String key = h.register(pbx, "renew@example.com", "Renew LLC");
        h.clock.advance(Duration.ofDays(366));
        JsonNode expired = h.refusal(h.validate(pbx, key));
        assertEquals("EXPIRED", expired.get("reason").asText());
        assertEquals(3004, expired.get("code").asInt());
        JsonNode renewed = h.token(h.post("/v1/coupons/activate", pbx, Harness.body("licenseKey", key,
                "coupon", "MKTC-DEMO3-MARKT-0365D-00003", "nonce", TestInstallation.nonce())));
        assertEquals(h.clock.epochSeconds() + 365 * 86_400, product(renewed, "pbx-marketplace").get("expiresAt").asLong());
        h.token(h.validate(pbx, key));
    }

    @Test
    void oneEmailMayHoldSeveralKeysOfAnyCompanies() {
        String first = h.register(new TestInstallation(), "Boss@Example.com", "Acme LLC");
        String second = h.register(new TestInstallation(), "boss@example.com", "ACME, LLC");
        assertNotEquals(first, second);
        // Another company at the same address is registered too: a refusal would tell who is a customer.
        Harness.Resp third = h.post("/v1/registrations", new TestInstallation(),
                Harness.registration("boss@example.com", "Umbrella Corp").put("companyId", "7830002293"));
        assertEquals(201, third.status(), third.text());
    }

    @Test
    void issuedCouponsWorkOnceAndTheirCodesAreNotStored() throws Exception {
        String coupon = h.server.issueCoupon("crm-connector", 10);
        assertTrue(coupon.matches("MKTC(-[A-Z0-9]{5}){4}"));
        TestInstallation pbx = new TestInstallation();
        String key = h.register(pbx, "c@example.com", "Gamma");
        JsonNode token = h.token(h.post("/v1/coupons/activate", pbx, Harness.body("licenseKey", key,
                "coupon", coupon, "nonce", TestInstallation.nonce())));
        assertEquals(h.clock.epochSeconds() + 10 * 86_400, feature(token, "crm-connector").get("expiresAt").asLong());
        h.close();
        // neither the key nor the coupon is in the database, only their hashes
        TestDatabase.assertNothingReadable(dir, key, coupon);
        h = Harness.start(dir);
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
