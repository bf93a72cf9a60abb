package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.testsupport.TestInstallation;

/**
 * POST /admin/licenses/revoke (docs/protocol.md §5.10): only with the admin token; the next
 * validation of the key gets a signed REVOKED refusal.
 */
class AdminApiTest {

    @TempDir
    Path data;

    @Test
    void revokesOnlyWithTheAdminToken() {
        try (Harness vendor = new Harness(data, new TestClock(), b -> b.adminToken("s3cret-admin-token"))) {
            TestInstallation pbx = new TestInstallation();
            String key = vendor.register(pbx, "admin-test@example.com", "Admin Test Co");
            byte[] body = ("{\"licenseKey\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8);

            assertEquals(404, vendor.send("POST", "/admin/licenses/revoke", body, Map.of()).status(), "no token");
            assertEquals(404, vendor.send("POST", "/admin/licenses/revoke", body,
                    Map.of("Authorization", "Bearer wrong")).status(), "wrong token");
            vendor.token(vendor.validate(pbx, key));

            Map<String, String> admin = Map.of("Authorization", "Bearer s3cret-admin-token");
            assertEquals(204, vendor.send("POST", "/admin/licenses/revoke", body, admin).status());
            assertEquals("REVOKED", vendor.refusal(vendor.validate(pbx, key)).get("reason").asText());
            assertEquals(404, vendor.send("POST", "/admin/licenses/revoke",
                    "{\"licenseKey\":\"MKT-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ\"}".getBytes(StandardCharsets.UTF_8), admin).status());
            assertEquals(405, vendor.send("GET", "/admin/licenses/revoke", new byte[0], admin).status());
        }
    }

    @Test
    void withoutAConfiguredTokenThePathDoesNotExist() {
        try (Harness vendor = Harness.start(data)) {
            assertEquals(404, vendor.send("POST", "/admin/licenses/revoke", "{}".getBytes(StandardCharsets.UTF_8),
                    Map.of("Authorization", "Bearer anything")).status());
        }
    }

    private static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer s3cret-admin-token");

    private static Harness.Resp admin(Harness vendor, String method, String path, String json) {
        return vendor.send(method, "/admin" + path, json.getBytes(StandardCharsets.UTF_8), ADMIN);
    }

    @Test
    void productsFeaturesTrialsAndCouponsOverJson() {
        try (Harness vendor = new Harness(data, new TestClock(), b -> b.adminToken("s3cret-admin-token").demoData(false))) {
            Harness.Resp created = admin(vendor, "POST", "/products",
                    "{\"id\": \"fax-pro\", \"name\": {\"en\": \"Fax Pro\", \"ru\": \"Факс Pro\"}, \"kind\": \"license\","
                            + " \"termDays\": 365, \"trialDays\": 0}");
            assertEquals(201, created.status(), created.text());
            assertEquals(409, admin(vendor, "POST", "/products", "{\"id\": \"fax-pro\", \"name\": {\"en\": \"A\", \"ru\": \"Б\"}}")
                    .status(), "E_PRODUCT_EXISTS");
            assertEquals(400, admin(vendor, "POST", "/products", "{\"id\": \"Fax Pro!\", \"name\": {\"en\": \"A\", \"ru\": \"Б\"}}")
                    .status(), "E_ID_FORMAT");
            assertEquals(201, admin(vendor, "POST", "/products/fax-pro/features",
                    "{\"id\": \"fax\", \"name\": {\"en\": \"Fax\", \"ru\": \"Факс\"}, \"seats\": 2}").status());
            assertEquals(409, admin(vendor, "POST", "/products/fax-pro/features",
                    "{\"id\": \"fax\", \"name\": {\"en\": \"Fax\", \"ru\": \"Факс\"}}").status(), "E_FEATURE_EXISTS");
            assertEquals(404, admin(vendor, "POST", "/products/nothing/features",
                    "{\"id\": \"fax\", \"name\": {\"en\": \"Fax\", \"ru\": \"Факс\"}}").status(), "E_UNKNOWN_PRODUCT");
            JsonNode product = admin(vendor, "GET", "/products/fax-pro", "").json();
            assertEquals("Факс", product.at("/features/0/name/ru").asText());
            assertEquals(2, product.at("/features/0/seats").asInt());

            // No trial yet, then trial terms of 7 days.
            TestInstallation pbx = new TestInstallation();
            String key = vendor.register(pbx, "trial@example.com", "Trial Co");
            assertEquals(409, trial(vendor, pbx, key).status(), "E_NO_TRIAL");
            assertEquals(7, admin(vendor, "POST", "/products/fax-pro/trial", "{\"days\": 7}").json().get("trialDays").asInt());
            assertEquals(200, trial(vendor, pbx, key).status());

            Harness.Resp batch = admin(vendor, "POST", "/coupons", "{\"productId\": \"fax-pro\", \"count\": 5, \"days\": 90}");
            assertEquals(201, batch.status(), batch.text());
            assertEquals(5, batch.json().get("coupons").size());
            String batchId = batch.json().get("batch").asText();
            assertEquals(400, admin(vendor, "POST", "/coupons", "{\"productId\": \"fax-pro\", \"count\": 1001}").status());
            assertEquals(404, admin(vendor, "POST", "/coupons", "{\"productId\": \"nothing\"}").status());
            JsonNode listed = admin(vendor, "GET", "/coupons?batch=" + batchId, "").json().get("coupons");
            assertEquals(5, listed.size());
            assertEquals("unused", listed.get(0).get("status").asText());
            assertEquals(90, listed.get(0).get("days").asInt());
            assertTrue(listed.toString().indexOf("MKTC") < 0, "the list never shows codes");
            JsonNode revoked = admin(vendor, "POST", "/coupons/revoke", "{\"batch\": \"" + batchId + "\"}").json();
            assertEquals(5, revoked.get("revoked").asInt());
            assertEquals("revoked", admin(vendor, "GET", "/coupons?batch=" + batchId, "").json()
                    .at("/coupons/0/status").asText());
            assertEquals(405, admin(vendor, "DELETE", "/coupons", "").status());
            assertEquals(404, admin(vendor, "GET", "/nothing", "").status());
        }
    }

    private static Harness.Resp trial(Harness vendor, TestInstallation pbx, String key) {
        return vendor.post("/v1/trials", pbx, Harness.body("licenseKey", key, "productId", "fax-pro",
                "nonce", TestInstallation.nonce()));
    }

    /** The gap this closes: a new key on the same PBX (unregister, register again) got the trial again. */
    @Test
    void aTrialIsOncePerInstallationEvenWithANewKey() {
        try (Harness vendor = Harness.start(data)) {
            TestInstallation pbx = new TestInstallation();
            String first = vendor.register(pbx, "again@example.com", "Again Ltd");
            JsonNode token = vendor.token(vendor.post("/v1/trials", pbx, Harness.body("licenseKey", first,
                    "productId", "crm-connector", "nonce", TestInstallation.nonce())));
            assertTrue(token.get("products").toString().contains("crm-connector"));
            assertEquals(204, vendor.post("/v1/licenses/release", pbx, Harness.body("licenseKey", first)).status());
            String second = vendor.register(pbx, "again@example.com", "Again Ltd");
            Harness.Resp again = vendor.post("/v1/trials", pbx, Harness.body("licenseKey", second,
                    "productId", "crm-connector", "nonce", TestInstallation.nonce()));
            assertEquals(409, again.status(), again.text());
            assertEquals("E_TRIAL_USED", again.json().get("name").asText());
            // The first key on another PBX has had its trial too: once per key.
            TestInstallation other = new TestInstallation();
            assertEquals(204, vendor.post("/v1/licenses/release", pbx, Harness.body("licenseKey", second)).status());
            vendor.token(vendor.validate(other, first));
            Harness.Resp byKey = vendor.post("/v1/trials", other, Harness.body("licenseKey", first,
                    "productId", "call-recording-pro", "nonce", TestInstallation.nonce()));
            assertEquals(200, byKey.status(), "another product is another trial");
        }
    }

    /** The catalog publisher never signs a catalog naming a product that does not exist; the last good one stays. */
    @Test
    void aCatalogNamingAnUnknownProductIsNotSigned() throws Exception {
        try (Harness vendor = Harness.start(data)) {
            JsonNode before = vendor.verifier.verify(vendor.get("/v1/catalog").body(), "pbx-catalog");
            java.nio.file.Path source = data.resolve("catalog-source.json");
            String text = java.nio.file.Files.readString(source);
            java.nio.file.Files.writeString(source, text.replace("\"productId\" : \"crm-connector\"",
                    "\"productId\" : \"no-such-product\""));
            JsonNode after = vendor.verifier.verify(vendor.get("/v1/catalog").body(), "pbx-catalog");
            assertEquals(before.get("version"), after.get("version"), "not re-signed");
            assertTrue(after.toString().contains("\"crm-connector\""));
        }
    }
}
