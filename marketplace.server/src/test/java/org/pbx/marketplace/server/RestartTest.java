package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.testsupport.TestInstallation;

/** A restart on the same data folder keeps keys, licenses, bindings, coupons, nonces and catalog versions. */
class RestartTest {
    @TempDir
    Path dir;

    @Test
    void everythingSurvivesARestart() {
        TestClock clock = new TestClock();
        TestInstallation pbx = new TestInstallation();
        String key;
        String replayedNonce = TestInstallation.nonce();
        java.util.Map<String, String> vendorKeys;
        long catalogVersion;
        try (Harness first = new Harness(dir, clock, b -> b)) {
            vendorKeys = first.server.vendorPublicKeys();
            key = first.register(pbx, "restart@example.com", "Restart LLC");
            first.token(first.post("/v1/trials", pbx, Harness.body("licenseKey", key, "productId", "crm-connector",
                    "nonce", TestInstallation.nonce())));
            first.token(first.post("/v1/coupons/activate", pbx, Harness.body("licenseKey", key,
                    "coupon", "MKTC-DEMO1-RECPR-0365D-00001", "nonce", TestInstallation.nonce())));
            first.token(first.post("/v1/licenses/validate", pbx, Harness.body("licenseKey", key,
                    "nonce", replayedNonce)));
            catalogVersion = first.verifier.verify(first.get("/v1/catalog").body(), "pbx-catalog").get("version").asLong();
        }
        try (Harness second = new Harness(dir, clock, b -> b)) {
            assertEquals(vendorKeys, second.server.vendorPublicKeys(), "same signing key, same kid");
            JsonNode token = second.token(second.validate(pbx, key));
            assertEquals(3, token.get("products").size(), "base, trial and coupon product kept");
            assertEquals("Restart LLC", token.at("/owner/companyName").asText());
            assertEquals("BOUND_ELSEWHERE", second.refusal(second.validate(new TestInstallation(), key))
                    .get("reason").asText(), "binding kept");
            assertEquals(2005, second.post("/v1/licenses/validate", pbx, Harness.body("licenseKey", key,
                    "nonce", replayedNonce)).errorCode(409), "nonces kept");
            TestInstallation other = new TestInstallation();
            String otherKey = second.register(other, "other@example.com", "Other LLC");
            assertEquals(5002, second.post("/v1/coupons/activate", other, Harness.body("licenseKey", otherKey,
                    "coupon", "MKTC-DEMO1-RECPR-0365D-00001", "nonce", TestInstallation.nonce())).errorCode(409),
                    "used coupons stay used; demo data is not seeded twice");
            long again = second.verifier.verify(second.get("/v1/catalog").body(), "pbx-catalog").get("version").asLong();
            assertTrue(again >= catalogVersion, "catalog version never goes back");
            assertEquals(catalogVersion, again, "an unchanged, fresh catalog is served as it was");
        }
    }
}
